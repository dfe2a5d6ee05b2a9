from types import SimpleNamespace

import numpy as np
import pytest
from sklearn.metrics import f1_score, precision_recall_fscore_support

from training.metrics import Outcomes, by_domain, headline, macro_f1, per_class
from triage.corpus import Example
from triage.labels import CATEGORIES


def test_macro_f1_is_scikit_learns():
    rng = np.random.default_rng(3)
    for size in [40] * 50 + [3] * 50:  # with 3 texts, some labels occur neither as gold nor as prediction
        gold, pred = rng.integers(0, 4, size), rng.integers(0, 3, size)  # label 3 is never predicted
        assert macro_f1(gold, pred, 4) == pytest.approx(f1_score(gold, pred, average="macro"))


def test_per_class_figures_are_scikit_learns():
    rng = np.random.default_rng(4)
    labels = ["a", "b", "c", "d"]
    gold, pred = rng.integers(0, 4, 60), rng.integers(0, 3, 60)  # "d" is never predicted
    figures = per_class(gold, pred, labels)
    expected = precision_recall_fscore_support(gold, pred, labels=range(4), zero_division=0)
    for i, label in enumerate(labels):
        got = figures["per_class"][label]
        assert [got["precision"], got["recall"], got["f1"], got["support"]] == pytest.approx([e[i] for e in expected])
    assert figures["accuracy"] == pytest.approx(np.mean(gold == pred))


def example(category: str, anger: int) -> Example:
    return Example(text="x", category=category, also=(), anger=anger, domain="shop")


def result(category: str, anger: int, flagged: bool) -> SimpleNamespace:
    return SimpleNamespace(category=category, anger=SimpleNamespace(level=anger), needs_review=flagged)


def test_headline_intervals_hold_the_figure_and_vanish_when_every_answer_is_right():
    examples = [example(CATEGORIES[i % 4], i % 3) for i in range(200)] + [example("none", 0)] * 20
    right = [result(e.category if e.category != "none" else "quality", e.anger, e.category == "none") for e in examples]
    perfect = headline(Outcomes(examples, right))
    assert perfect["category macro-F1"] == {"value": 1.0, "interval": [1.0, 1.0]}
    assert perfect["none flagged"]["value"] == 1.0 and perfect["complaints flagged"]["value"] == 0.0

    rng = np.random.default_rng(0)
    noisy = [
        result(CATEGORIES[rng.integers(4)] if rng.random() < 0.3 else r.category, r.anger.level, r.needs_review)
        for r in right
    ]
    figures = headline(Outcomes(examples, noisy))
    low, high = figures["category accuracy"]["interval"]
    assert low < figures["category accuracy"]["value"] < high < 1.0


def test_headline_leaves_out_figures_the_texts_cannot_give():
    examples = [example(CATEGORIES[i % 4], i % 2) for i in range(40)]  # no `none` text, no furious customer
    figures = headline(Outcomes(examples, [result(e.category, e.anger, False) for e in examples]))
    assert "none flagged" not in figures and "recall of furious" not in figures
    assert figures["complaints flagged"] == {"value": 0.0, "interval": [0.0, 0.0]}


def test_figures_by_domain_give_the_largest_domains_then_the_others():
    domains = ["hotel"] * 6 + ["shop"] * 4 + ["bank", "taxi"]
    examples = [example(CATEGORIES[i % 4], 2 if i == 0 else 0) for i in range(12)]
    results = [result(e.category if d == "hotel" else "quality", e.anger, False) for e, d in zip(examples, domains)]
    rows = by_domain(Outcomes(examples, results), domains, largest=2)
    assert [(r["domain"], r["texts"], r["furious"]) for r in rows] == [
        ("hotel", 6, 1),
        ("shop", 4, 0),
        ("other (2 domains)", 2, 0),
    ]
    assert rows[0]["figures"]["category accuracy"] == 1.0
    assert rows[1]["figures"]["category accuracy"] == 0.25  # only the quality complaint is right
    assert rows[1]["figures"]["recall of furious"] is None and rows[1]["figures"]["none flagged"] is None
