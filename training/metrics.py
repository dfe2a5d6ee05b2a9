"""Scores of triage results against gold labels: the figures every report shows."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from triage.corpus import Example
from triage.labels import ANGER_LABELS, CATEGORIES, NOT_A_COMPLAINT
from triage.result import TriageResult

CALIBRATION_BINS = 10


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
    }
