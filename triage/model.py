"""The estimators and how they are fitted together (training only; serving uses :mod:`triage.linear`).

Four heads share one feature pipeline (:func:`triage.features.build_features`):

* ``complaint``: calibrated logistic regression telling complaints from texts that make
  none (``none``): the probability that the text is a complaint at all;
* ``category``: calibrated logistic regression over the four kinds, fitted on complaints
  only: the probability of each kind *given* that the text is a complaint (each complaint is
  a training row for its primary kind and, with a small weight, for each secondary kind);
* ``mentions``: one-vs-rest logistic regression telling which kinds a text
  mentions at all (primary or secondary);
* ``anger``: logistic regression over the levels 0/1/2.

Each head is a scikit-learn ``Pipeline`` (features -> classifier), so it can be
cross-validated and grid-searched. What is saved and served is the fitted model reduced to
arrays (:class:`triage.linear.LinearModel`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.base import clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline

from triage.features import build_features
from triage.labels import CATEGORIES, NOT_A_COMPLAINT


def complaint_estimator(features: Pipeline, seed: int = 0) -> Pipeline:
    """Features -> calibrated probability that the text is a complaint (label ``True``) rather than ``none``."""
    base = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced", random_state=seed)
    clf = CalibratedClassifierCV(base, method="sigmoid", cv=5, ensemble=False)
    return Pipeline([("features", features), ("clf", clf)])


def category_estimator(features: Pipeline, seed: int = 0) -> Pipeline:
    """Features -> calibrated probabilities over the four kinds (fitted on complaints only)."""
    base = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced", random_state=seed)
    clf = CalibratedClassifierCV(base, method="temperature", cv=5, ensemble=False)
    return Pipeline([("features", features), ("clf", clf)])


def mentions_estimator(features: Pipeline, seed: int = 0) -> Pipeline:
    """Features -> per-kind probability that the text complains about it (multi-label)."""
    base = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced", random_state=seed)
    return Pipeline([("features", features), ("clf", OneVsRestClassifier(base))])


def anger_estimator(features: Pipeline, seed: int = 0) -> Pipeline:
    """Features -> probabilities of anger levels 0, 1, 2."""
    clf = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced", random_state=seed)
    return Pipeline([("features", features), ("clf", clf)])


@dataclass
class TriageModel:
    """The fitted heads, sharing one fitted feature pipeline."""

    features: Pipeline
    complaint: Pipeline
    category: Pipeline
    mentions: Pipeline
    anger: Pipeline

    @classmethod
    def fit(
        cls,
        texts: list[str],
        categories: list[str],
        mentions: np.ndarray,
        anger: list[int],
        *,
        user_words: tuple[str, ...],
        lexicons: dict,
        secondary_weight: float = 0.0,
        seed: int = 0,
    ) -> TriageModel:
        """Fit the features once, then each head on the same matrix (the category head on complaints only,
        see :func:`category_rows`)."""
        features = build_features(user_words, lexicons).fit(texts)
        X = features.transform(texts)
        is_complaint = np.array([c != NOT_A_COMPLAINT for c in categories])
        category_index, kinds, weights = category_rows(categories, mentions, secondary_weight)
        heads = {}
        for name, make, rows, y, fit_params in (
            ("complaint", complaint_estimator, slice(None), is_complaint, {}),
            ("category", category_estimator, category_index, kinds, {"sample_weight": weights}),
            ("mentions", mentions_estimator, slice(None), mentions, {}),
            ("anger", anger_estimator, slice(None), anger, {}),
        ):
            clf = clone(make(features, seed).named_steps["clf"]).fit(X[rows], y, **fit_params)
            heads[name] = Pipeline([("features", features), ("clf", clf)])
        return cls(features, **heads)


def category_rows(
    categories: list[str], mentions: np.ndarray, secondary_weight: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row indices, kinds and weights the category head is fitted on.

    Each complaint is a row for its primary kind (weight 1) and, when ``secondary_weight`` > 0, again
    for each secondary kind it mentions (that weight). Without the extra rows, the words of a secondary
    problem (the late courier in a complaint mostly about a broken kettle) are taught as evidence
    *against* their own kind.
    """
    rows, kinds, weights = [], [], []
    for i, primary in enumerate(categories):
        if primary == NOT_A_COMPLAINT:
            continue
        secondary = [k for k, mentioned in zip(CATEGORIES, mentions[i]) if mentioned and k != primary]
        for kind, weight in [(primary, 1.0)] + [(k, secondary_weight) for k in secondary if secondary_weight > 0]:
            rows.append(i)
            kinds.append(kind)
            weights.append(weight)
    return np.array(rows, dtype=int), np.array(kinds), np.array(weights)
