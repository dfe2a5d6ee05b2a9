"""Fast inference with the same results: fitted vectorisers and heads reduced to arrays.

scikit-learn re-validates its input on every ``transform`` and ``predict_proba``,
which costs milliseconds for a single text. Once fitted, TF-IDF is counts times
idf, L2-normalised, and the heads are a matrix product plus softmax or sigmoid.
``tests/test_linear.py`` checks that these give scikit-learn's own numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.special import expit, softmax


def tfidf_transform(vectorizer, docs) -> sparse.csr_matrix:
    """``TfidfVectorizer.transform`` (l2 norm) without its per-call input validation."""
    _, X = vectorizer._count_vocab(docs, fixed_vocab=True)
    if vectorizer.sublinear_tf:
        np.log(X.data, X.data)
        X.data += 1.0
    X.data *= vectorizer.idf_[X.indices]
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    norms = np.sqrt(np.bincount(rows, weights=X.data.astype(np.float64) ** 2, minlength=X.shape[0]))
    norms[norms == 0] = 1.0
    X.data /= norms[rows].astype(X.data.dtype)
    return X


@dataclass(frozen=True)
class LinearHead:
    """``activation(temperature * (X @ weights.T + bias))`` for one fitted head."""

    weights: np.ndarray  # (n_features, n_outputs), C-contiguous so that X @ weights does not copy
    bias: np.ndarray  # (n_outputs,)
    activation: str  # "softmax" (one label) or "sigmoid" (independent labels)
    temperature: float = 1.0
    classes: tuple = ()

    def predict_proba(self, X) -> np.ndarray:
        scores = np.asarray(X @ self.weights) + self.bias
        if self.activation == "softmax":
            return softmax(self.temperature * scores, axis=1)
        return expit(scores)


def category_head(calibrated) -> LinearHead:
    """A temperature-calibrated multinomial logistic regression (``CalibratedClassifierCV``, ensemble=False)."""
    (fitted,) = calibrated.calibrated_classifiers_
    base = fitted.estimator
    return LinearHead(
        _columns(base.coef_), base.intercept_, "softmax", float(fitted.calibrators[0].beta_), tuple(calibrated.classes_)
    )


def complaint_head(calibrated) -> LinearHead:
    """A Platt-calibrated binary logistic regression (``CalibratedClassifierCV``, sigmoid, ensemble=False).

    Platt's ``1 / (1 + exp(a * f + b))`` over the decision function ``f`` is folded into the weights;
    the single output is the probability of the positive class.
    """
    (fitted,) = calibrated.calibrated_classifiers_
    base, platt = fitted.estimator, fitted.calibrators[0]
    weights = -platt.a_ * base.coef_
    bias = -(platt.a_ * base.intercept_ + platt.b_)
    return LinearHead(_columns(weights), bias, "sigmoid", classes=tuple(calibrated.classes_))


def mentions_head(one_vs_rest) -> LinearHead:
    """One binary logistic regression per label (``OneVsRestClassifier`` on a label matrix)."""
    estimators = one_vs_rest.estimators_
    weights = np.vstack([e.coef_ for e in estimators])
    bias = np.concatenate([e.intercept_ for e in estimators])
    return LinearHead(_columns(weights), bias, "sigmoid", classes=tuple(one_vs_rest.classes_))


def anger_head(logistic) -> LinearHead:
    """A multinomial logistic regression over the anger levels."""
    return LinearHead(_columns(logistic.coef_), logistic.intercept_, "softmax", classes=tuple(logistic.classes_))


def _columns(coef: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(coef.T)
