"""Scores of triage results against gold labels: the figures every report shows."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from triage.corpus import Example
from triage.labels import ANGER_LABELS, CATEGORIES, NOT_A_COMPLAINT
from triage.result import TriageResult

CALIBRATION_BINS = 10
BOOTSTRAP_RESAMPLES = 1000  # resamples of the texts behind each 95 % interval


def per_class(gold: Sequence, pred: Sequence, labels: Sequence) -> dict:
    """Precision, recall, F1 and support per label, macro-F1 and the confusion matrix."""
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=list(labels), zero_division=0)
    return {
        "labels": list(labels),
        "per_class": {
            str(label): {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, label in enumerate(labels)
        },
        "macro_f1": float(f1_score(gold, pred, labels=list(labels), average="macro", zero_division=0)),
        "accuracy": float(np.mean(np.asarray(gold) == np.asarray(pred))) if len(gold) else 0.0,
        "confusion": confusion_matrix(gold, pred, labels=list(labels)).tolist(),
    }


def calibration(confidences: np.ndarray, correct: np.ndarray) -> dict:
    """Reliability table over equal-width confidence bins and the expected calibration error."""
    edges = np.linspace(0.0, 1.0, CALIBRATION_BINS + 1)
    table, ece = [], 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        inside = (confidences >= low) & ((confidences < high) | (high == 1.0))
        if not inside.any():
            continue
        mean_conf, accuracy = float(confidences[inside].mean()), float(correct[inside].mean())
        ece += inside.mean() * abs(mean_conf - accuracy)
        table.append(
            {"bin": f"{low:.1f}-{high:.1f}", "count": int(inside.sum()), "confidence": mean_conf, "accuracy": accuracy}
        )
    return {"ece": float(ece), "table": table}


def macro_f1(gold: np.ndarray, pred: np.ndarray, n_labels: int) -> float:
    """Macro-F1 of integer labels ``0..n_labels-1`` (as scikit-learn's, with 0 for a label never seen).

    Written out because the bootstrap calls it 2,000 times per report: 0.08 ms against scikit-learn's 7 ms
    on 15,686 labels."""
    matrix = np.bincount(gold * n_labels + pred, minlength=n_labels * n_labels).reshape(n_labels, n_labels)
    hits = np.diag(matrix)
    denominator = matrix.sum(axis=0) + matrix.sum(axis=1)
    return float(np.mean(np.divide(2 * hits, denominator, out=np.zeros(n_labels), where=denominator > 0)))


def headline(examples: Sequence[Example], results: Sequence[TriageResult]) -> dict:
    """The headline figures with a 95 % bootstrap interval each: how far they could move on another sample of
    texts like these (texts resampled with replacement, percentiles 2.5 and 97.5)."""
    complaint = np.array([e.category != NOT_A_COMPLAINT for e in examples])
    kind = {k: i for i, k in enumerate(CATEGORIES)}
    gold_kind = np.array([kind.get(e.category, 0) for e in examples])  # `none` rows get 0 but are never scored
    pred_kind = np.array([kind[r.category] for r in results])
    acceptable = np.array([r.category == e.category or r.category in e.also for e, r in zip(examples, results)])
    gold_anger = np.array([e.anger for e in examples])
    pred_anger = np.array([r.anger.level for r in results])
    flagged = np.array([r.needs_review for r in results])

    def figures(i: np.ndarray) -> dict:
        c, a = i[complaint[i]], i[gold_anger[i] == 2]
        n = i[~complaint[i]]
        return {
            "category macro-F1": macro_f1(gold_kind[c], pred_kind[c], len(CATEGORIES)),
            "category accuracy": float(np.mean(gold_kind[c] == pred_kind[c])),
            "predicted among gold + secondary": float(np.mean(acceptable[c])),
            "anger macro-F1": macro_f1(gold_anger[i], pred_anger[i], len(ANGER_LABELS)),
            "recall of furious": float(np.mean(pred_anger[a] == 2)) if len(a) else float("nan"),
            "none flagged": float(np.mean(flagged[n])) if len(n) else float("nan"),
            "complaints flagged": float(np.mean(flagged[c])),
        }

    everything = np.arange(len(examples))
    point = {name: value for name, value in figures(everything).items() if not np.isnan(value)}  # none: no such text
    rng = np.random.default_rng(0)
    samples = [figures(rng.choice(everything, len(everything))) for _ in range(BOOTSTRAP_RESAMPLES)]
    intervals = {name: np.nanpercentile([s[name] for s in samples], [2.5, 97.5]).tolist() for name in point}
    return {name: {"value": value, "interval": intervals[name]} for name, value in point.items()}


def score(examples: Sequence[Example], results: Sequence[TriageResult], thresholds: dict) -> dict:
    """All report figures for ``results`` judged against ``examples`` (same order).

    ``thresholds`` (shown in the report) are the review and complaint thresholds the results were made with.
    """
    complaint = np.array([e.category != NOT_A_COMPLAINT for e in examples])
    gold_cat = [e.category for e, c in zip(examples, complaint) if c]
    pred_cat = [r.category for r, c in zip(results, complaint) if c]
    acceptable = [
        r.category == e.category or r.category in e.also for e, r, c in zip(examples, results, complaint) if c
    ]
    confidences = np.array([r.confidence for r, c in zip(results, complaint) if c])
    correct = np.array([p == g for p, g in zip(pred_cat, gold_cat)])
    complaint_probability = np.array([r.complaint_probability for r in results])
    flagged = np.array([r.needs_review for r in results])
    anger = per_class([e.anger for e in examples], [r.anger.level for r in results], [0, 1, 2])
    anger["labels"] = list(ANGER_LABELS)
    anger["per_class"] = dict(zip(ANGER_LABELS, anger["per_class"].values()))
    errors = sorted(
        (
            {
                "id": e.id or f"row {i + 1}",
                "gold": e.category,
                "also": list(e.also),
                "predicted": r.category,
                "confidence": r.confidence,
            }
            for i, (e, r) in enumerate(zip(examples, results))
            if r.category != e.category and e.category != NOT_A_COMPLAINT
        ),
        key=lambda row: -row["confidence"],
    )
    return {
        "n": len(examples),
        "n_complaints": int(complaint.sum()),
        "category": per_class(gold_cat, pred_cat, CATEGORIES),
        "category_acceptable": float(np.mean(acceptable)) if acceptable else 0.0,
        "anger": anger,
        "furious_recall": anger["per_class"]["furious"]["recall"],
        "review": {
            **thresholds,
            "none_flagged": float(flagged[~complaint].mean()) if (~complaint).any() else None,
            "complaints_flagged": float(flagged[complaint].mean()) if complaint.any() else None,
        },
        "calibration": calibration(confidences, correct),
        "complaint_calibration": calibration(complaint_probability, complaint),
        "confident_errors": errors[:15],
        "headline": headline(examples, results) if complaint.any() else {},
    }
