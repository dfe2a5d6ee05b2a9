"""Fast inference with the same results: fitted vectorisers and heads reduced to arrays.

scikit-learn re-validates its input on every ``transform`` and ``predict_proba``, and
builds a sparse matrix per feature block, which costs milliseconds for a single text.
Once fitted, TF-IDF is counts times idf, L2-normalised, and the heads are a matrix product plus softmax or sigmoid.
``tests/test_linear.py`` checks that these give scikit-learn's own numbers. A saved model is a
:class:`LinearModel`, so serving never imports scikit-learn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import repeat

import numpy as np
from scipy import sparse
from scipy.special import expit, softmax

from triage.cues import CueFinder
from triage.docs import CharNgrams, Doc, doc_text, make_docs
from triage.tokenize import WordSegmenter


class FastFeatures:
    """The fitted feature union (word TF-IDF, character TF-IDF, anger cues) as one CSR matrix.

    Counts, TF-IDF weights and L2 norms are computed as ``TfidfVectorizer.transform`` does, for
    all blocks at once, and the matrix is built once instead of once per block and again by ``hstack``.
    """

    def __init__(self, union) -> None:
        *named, (_, cues) = union.transformer_list
        self.cues: CueFinder = cues.finder_
        self._names = [name for name, _ in named]
        vectorizers = [vectorizer for _, vectorizer in named]
        self._blocks = [(_analyzer(v), v.vocabulary_, v.idf_.astype(np.float32), v.sublinear_tf) for v in vectorizers]
        widths = [len(v.vocabulary_) for v in vectorizers] + [len(self.cues.names)]
        self._offsets = np.cumsum([0] + widths[:-1])
        self.width = int(sum(widths))

    def terms(self) -> list[str]:
        """A readable term per column, for evidence: word n-grams joined without spaces, character n-grams as
        they are; ``""`` for the cue columns and for terms of one character or with punctuation or spaces."""
        terms = [""] * self.width
        for name, (_, vocabulary, _, _), offset in zip(self._names, self._blocks, self._offsets):
            for term, column in vocabulary.items():
                term = term.replace(" ", "") if name == "word" else term
                if len(term) > 1 and term.isalnum():
                    terms[offset + column] = term
        return terms

    def known_share(self, docs: list[Doc]) -> dict[str, float | None]:
        """Per n-gram block, the share of the n-grams of ``docs`` that have a column: how much of a set of texts
        is written in words the model was trained on (None for texts without such n-grams)."""
        shares: dict[str, float | None] = {}
        for name, (analyze, vocabulary, _, _) in zip(self._names, self._blocks):
            grams = [gram for doc in docs for gram in analyze(doc)]
            shares[name] = sum(gram in vocabulary for gram in grams) / len(grams) if grams else None
        return shares

    def transform(self, docs: list[Doc], found_cues: list | None = None) -> sparse.csr_matrix:
        """The feature matrix of ``docs``; ``found_cues``: each doc's ``CueFinder.found``, if already known."""
        n = len(docs)
        parts = [_tfidf_rows(*block, docs) for block in self._blocks]
        cues = self.cues.values([doc.text for doc in docs], found_cues)
        k = cues.shape[1]
        parts.append((cues.ravel().astype(np.float32), np.tile(np.arange(k), n), np.repeat(np.arange(n), k)))
        data = np.concatenate([p[0] for p in parts])
        indices = np.concatenate([p[1] + offset for p, offset in zip(parts, self._offsets)])
        rows = np.concatenate([p[2] for p in parts])
        order = np.argsort(rows, kind="stable")
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
        return sparse.csr_matrix((data[order], indices[order].astype(np.int32), indptr), shape=(n, self.width))


def _analyzer(vectorizer) -> Callable[[Doc], list[str]]:
    """The n-grams a fitted ``TfidfVectorizer`` of :func:`triage.features.build_features` counts, without
    scikit-learn: its own analyzer function, or character n-grams of the document's text."""
    if callable(vectorizer.analyzer):
        return vectorizer.analyzer
    if vectorizer.analyzer == "char" and vectorizer.preprocessor is doc_text:
        return CharNgrams(*vectorizer.ngram_range)
    raise ValueError(f"no fast analyzer for analyzer={vectorizer.analyzer!r}, preprocessor={vectorizer.preprocessor!r}")


def _tfidf_rows(analyze, vocabulary: dict, idf: np.ndarray, sublinear: bool, docs):
    """TF-IDF (L2-normalised per row) of ``docs`` as (values, columns, rows) arrays."""
    columns: list[int] = []
    counts: list[int] = []
    lengths: list[int] = []
    for doc in docs:
        counter = Counter(map(vocabulary.get, analyze(doc), repeat(-1)))  # counted in C; -1: not in vocabulary
        counter.pop(-1, None)
        columns.extend(counter)
        counts.extend(counter.values())
        lengths.append(len(counter))
    columns_array = np.asarray(columns, dtype=np.int64)
    values = np.asarray(counts, dtype=np.float32)
    if sublinear:
        np.log(values, values)
        values += 1.0
    values *= idf[columns_array]
    rows = np.repeat(np.arange(len(lengths)), lengths)
    norms = np.sqrt(np.bincount(rows, weights=values.astype(np.float64) ** 2, minlength=len(lengths)))
    norms[norms == 0] = 1.0
    values /= norms[rows].astype(np.float32)
    return values, columns_array, rows


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


@dataclass
class LinearModel:
    """A trained model as it is saved and served: the segmenter, the features and the four heads as arrays, and
    the decision settings. Loading it needs NumPy and SciPy but not scikit-learn, which halves the library's
    cold start (README, Performance)."""

    segmenter: WordSegmenter
    features: FastFeatures
    complaint: LinearHead  # P(the text is a complaint)
    category: LinearHead  # P(kind | complaint)
    mentions: LinearHead  # P(the text complains about kind), per kind
    anger: LinearHead  # P(level 0, 1, 2)
    review_threshold: float  # category confidence under which a complaint is flagged for review
    complaint_threshold: float  # complaint probability under which a text is flagged as not a complaint
    version: str
    anger_cuts: tuple[float, float] | None = None  # anger score cuts for levels 1 and 2; None: most likely level
    card: dict | None = None  # read from the card file at load time, never saved

    @classmethod
    def from_fitted(
        cls,
        model,
        *,
        review_threshold: float,
        complaint_threshold: float,
        version: str,
        anger_cuts: tuple[float, float] | None = None,
    ) -> LinearModel:
        """Reduce a fitted :class:`triage.model.TriageModel` (scikit-learn pipelines) to arrays, with the
        decision settings it is served with."""
        steps = model.features.named_steps
        return cls(
            segmenter=steps["prep"].segmenter_,
            features=FastFeatures(steps["union"]),
            complaint=complaint_head(model.complaint.named_steps["clf"]),
            category=category_head(model.category.named_steps["clf"]),
            mentions=mentions_head(model.mentions.named_steps["clf"]),
            anger=anger_head(model.anger.named_steps["clf"]),
            review_threshold=review_threshold,
            complaint_threshold=complaint_threshold,
            version=version,
            anger_cuts=anger_cuts,
        )

    def docs(self, texts: Sequence[str]) -> list[Doc]:
        """Raw ``texts`` as the model reads them, segmented (:func:`triage.docs.make_docs`)."""
        return make_docs(texts, self.segmenter)
