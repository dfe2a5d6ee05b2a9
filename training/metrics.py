"""Scores of triage results against gold labels: the figures every report shows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from triage.corpus import Example
from triage.labels import ANGER_LABELS, CATEGORIES, NOT_A_COMPLAINT
from triage.result import TriageResult

CALIBRATION_BINS = 10
BOOTSTRAP_RESAMPLES = 1000  # resamples of the texts behind each 95 % interval
DOMAINS_SHOWN = 15  # the largest domains get a row each in the figures by domain; the others share one


def confusion(gold: np.ndarray, pred: np.ndarray, n_labels: int) -> np.ndarray:
    """Confusion matrix of integer labels ``0..n_labels-1`` (rows gold, columns predicted)."""
    return np.bincount(gold * n_labels + pred, minlength=n_labels * n_labels).reshape(n_labels, n_labels)


def f1_scores(matrix: np.ndarray) -> np.ndarray:
    """F1 per label of a confusion matrix (0 for a label never seen nor predicted)."""
    denominator = matrix.sum(axis=0) + matrix.sum(axis=1)
    return np.divide(2 * np.diag(matrix), denominator, out=np.zeros(len(matrix)), where=denominator > 0)


def matrix_macro_f1(matrix: np.ndarray) -> float:
    """Mean F1 over the labels that occur, as gold or as prediction (scikit-learn's default): a domain
    without furious customers is not scored on a furious class it never had."""
    occurs = (matrix.sum(axis=0) + matrix.sum(axis=1)) > 0
    return float(np.mean(f1_scores(matrix)[occurs])) if occurs.any() else 0.0


def macro_f1(gold: np.ndarray, pred: np.ndarray, n_labels: int) -> float:
    """Macro-F1 of integer labels ``0..n_labels-1`` (:func:`matrix_macro_f1`).

    Written out because the bootstrap calls it 2,000 times per report: 0.08 ms against scikit-learn's 7 ms
    on 15,686 labels."""
    return matrix_macro_f1(confusion(gold, pred, n_labels))


def per_class(gold: np.ndarray, pred: np.ndarray, labels: Sequence[str]) -> dict:
    """Precision, recall, F1 and support per label, macro-F1, accuracy and the confusion matrix of integer labels
    (``i`` stands for ``labels[i]``)."""
    matrix = confusion(gold, pred, len(labels))
    hits, predicted, support = np.diag(matrix), matrix.sum(axis=0), matrix.sum(axis=1)
    precision = np.divide(hits, predicted, out=np.zeros(len(labels)), where=predicted > 0)
    recall = np.divide(hits, support, out=np.zeros(len(labels)), where=support > 0)
    f1 = f1_scores(matrix)
    return {
        "labels": list(labels),
        "per_class": {
            label: {
                "precision": float(precision[i]),
                "recall": float(recall[i]),
                "f1": float(f1[i]),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
        "macro_f1": matrix_macro_f1(matrix),
        "accuracy": float(hits.sum() / matrix.sum()) if matrix.sum() else 0.0,
        "confusion": matrix.tolist(),
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


class Outcomes:
    """Gold and predicted labels of every text as arrays: the headline figures of any subset of the texts."""

    def __init__(self, examples: Sequence[Example], results: Sequence[TriageResult]) -> None:
        kind = {k: i for i, k in enumerate(CATEGORIES)}
        self.complaint = np.array([e.category != NOT_A_COMPLAINT for e in examples], dtype=bool)
        self.gold_kind = np.array([kind.get(e.category, 0) for e in examples], dtype=int)  # `none`: never scored
        self.pred_kind = np.array([kind[r.category] for r in results], dtype=int)
        self.acceptable = np.array(
            [r.category == e.category or r.category in e.also for e, r in zip(examples, results)]
        )
        self.gold_anger = np.array([e.anger for e in examples], dtype=int)
        self.pred_anger = np.array([r.anger.level for r in results], dtype=int)
        self.flagged = np.array([r.needs_review for r in results], dtype=bool)

    def figures(self, i: np.ndarray) -> dict:
        """The headline figures of the texts ``i`` (NaN where they hold no such text)."""
        c, a, n = i[self.complaint[i]], i[self.gold_anger[i] == 2], i[~self.complaint[i]]
        return {
            "category macro-F1": macro_f1(self.gold_kind[c], self.pred_kind[c], len(CATEGORIES)) if len(c) else np.nan,
            "category accuracy": _mean(self.gold_kind[c] == self.pred_kind[c]),
            "predicted among gold + secondary": _mean(self.acceptable[c]),
            "anger macro-F1": macro_f1(self.gold_anger[i], self.pred_anger[i], len(ANGER_LABELS)),
            "recall of furious": _mean(self.pred_anger[a] == 2),
            "none flagged": _mean(self.flagged[n]),
            "complaints flagged": _mean(self.flagged[c]),
        }


def _mean(values: np.ndarray) -> float:
    return float(np.mean(values)) if len(values) else np.nan


def _value(figure: float) -> float | None:
    """A figure for JSON: None where the texts cannot give it."""
    return None if np.isnan(figure) else figure


def headline(outcomes: Outcomes) -> dict:
    """The headline figures with a 95 % bootstrap interval each: how far they could move on another sample of
    texts like these (texts resampled with replacement, percentiles 2.5 and 97.5)."""
    everything = np.arange(len(outcomes.complaint))
    point = {name: value for name, value in outcomes.figures(everything).items() if not np.isnan(value)}
    rng = np.random.default_rng(0)
    samples = [outcomes.figures(rng.choice(everything, len(everything))) for _ in range(BOOTSTRAP_RESAMPLES)]
    intervals = {name: np.nanpercentile([s[name] for s in samples], [2.5, 97.5]).tolist() for name in point}
    return {name: {"value": value, "interval": intervals[name]} for name, value in point.items()}


def by_domain(outcomes: Outcomes, domains: Sequence[str], largest: int = DOMAINS_SHOWN) -> list[dict]:
    """The headline figures of each of the ``largest`` domains (by number of texts), then of the others together,
    with the number of texts behind each: where the model is weak, and how little some figures rest on."""
    sizes = Counter(domains)
    shown = [domain for domain, _ in sizes.most_common(largest)]
    groups = [(domain, [i for i, d in enumerate(domains) if d == domain]) for domain in shown]
    others = [i for i, d in enumerate(domains) if d not in shown]
    if others:
        groups.append((f"other ({len(sizes) - len(shown)} domains)", others))
    rows = []
    for name, members in groups:
        i = np.array(members, dtype=int)
        counts = {
            "texts": len(i),
            "complaints": int(outcomes.complaint[i].sum()),
            "furious": int((outcomes.gold_anger[i] == 2).sum()),
            "none": int((~outcomes.complaint[i]).sum()),
        }
        figures = {figure: _value(value) for figure, value in outcomes.figures(i).items()}
        rows.append({"domain": name, **counts, "figures": figures})
    return rows


def score(examples: Sequence[Example], results: Sequence[TriageResult], thresholds: dict) -> dict:
    """All report figures for ``results`` judged against ``examples`` (same order).

    ``thresholds`` (shown in the report) are the review and complaint thresholds the results were made with.
    """
    outcomes = Outcomes(examples, results)
    complaint = outcomes.complaint
    point = outcomes.figures(np.arange(len(examples)))
    gold_kind, pred_kind = outcomes.gold_kind[complaint], outcomes.pred_kind[complaint]
    confidences = np.array([r.confidence for r in results])[complaint]
    complaint_probability = np.array([r.complaint_probability for r in results])
    anger = per_class(outcomes.gold_anger, outcomes.pred_anger, ANGER_LABELS)
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
        "category": per_class(gold_kind, pred_kind, CATEGORIES),
        "category_acceptable": _value(point["predicted among gold + secondary"]),
        "anger": anger,
        "furious_recall": anger["per_class"]["furious"]["recall"],
        "review": {
            **thresholds,
            "none_flagged": _value(point["none flagged"]),
            "complaints_flagged": _value(point["complaints flagged"]),
        },
        "calibration": calibration(confidences, gold_kind == pred_kind),
        "complaint_calibration": calibration(complaint_probability, complaint),
        "confident_errors": errors[:15],
        "headline": headline(outcomes) if complaint.any() else {},
        "by_domain": by_domain(outcomes, [e.domain for e in examples]),
    }
