from types import SimpleNamespace

import numpy as np
import pytest
from sklearn.metrics import f1_score

from training.metrics import headline, macro_f1
from triage.corpus import Example
from triage.labels import CATEGORIES


def test_macro_f1_is_scikit_learns():
    rng = np.random.default_rng(3)
    for _ in range(50):
        gold, pred = rng.integers(0, 4, 40), rng.integers(0, 3, 40)  # label 3 is never predicted
        assert macro_f1(gold, pred, 4) == pytest.approx(f1_score(gold, pred, labels=range(4), average="macro"))


def example(category: str, anger: int) -> Example:
    return Example(text="x", category=category, also=(), anger=anger, domain="shop")


def result(category: str, anger: int, flagged: bool) -> SimpleNamespace:
    return SimpleNamespace(category=category, anger=SimpleNamespace(level=anger), needs_review=flagged)


def test_headline_intervals_hold_the_figure_and_vanish_when_every_answer_is_right():
    examples = [example(CATEGORIES[i % 4], i % 3) for i in range(200)] + [example("none", 0)] * 20
    right = [result(e.category if e.category != "none" else "quality", e.anger, e.category == "none") for e in examples]
    perfect = headline(examples, right)
    assert perfect["category macro-F1"] == {"value": 1.0, "interval": [1.0, 1.0]}
    assert perfect["none flagged"]["value"] == 1.0 and perfect["complaints flagged"]["value"] == 0.0

    rng = np.random.default_rng(0)
    noisy = [
        result(CATEGORIES[rng.integers(4)] if rng.random() < 0.3 else r.category, r.anger.level, r.needs_review)
        for r in right
    ]
    figures = headline(examples, noisy)
    low, high = figures["category accuracy"]["interval"]
    assert low < figures["category accuracy"]["value"] < high < 1.0


def test_headline_leaves_out_figures_the_texts_cannot_give():
    examples = [example(CATEGORIES[i % 4], i % 2) for i in range(40)]  # no `none` text, no furious customer
    figures = headline(examples, [result(e.category, e.anger, False) for e in examples])
    assert "none flagged" not in figures and "recall of furious" not in figures
    assert figures["complaints flagged"] == {"value": 0.0, "interval": [0.0, 0.0]}
