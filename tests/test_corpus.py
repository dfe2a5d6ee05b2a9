import json
from collections import Counter

import pytest

from training.validate import main as validate_main
from training.validate import near_duplicates
from triage.corpus import CorpusError, Example, read_corpus


def write_rows(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


GOOD = {"text": "屏幕有坏点", "category": "quality", "also": [], "anger": 0, "domain": "shop/手机"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"category": "price"}, "unknown category"),
        ({"text": "   "}, "empty"),
        ({"anger": 3}, "anger must be"),
        ({"also": ["quality"]}, "repeats"),
        ({"also": ["none"]}, "'also' must be"),
    ],
)
def test_bad_rows_are_rejected_with_their_line(tmp_path, change, message):
    path = write_rows(tmp_path / "c.jsonl", [GOOD, {**GOOD, "text": "另一条", **change}])
    with pytest.raises(CorpusError) as caught:
        read_corpus([path])
    assert "c.jsonl:2: " in caught.value.problems[0]
    assert message in caught.value.problems[0]


def test_duplicates_are_rejected_even_across_scripts_and_spacing(tmp_path):
    path = write_rows(tmp_path / "c.jsonl", [{**GOOD, "text": "質量 太差"}, {**GOOD, "text": "质量太差"}])
    with pytest.raises(CorpusError, match="duplicate text"):
        read_corpus([path])


def test_invalid_json_is_reported(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "x"\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="c.jsonl:1"):
        read_corpus([path])


def test_near_duplicates_differing_by_a_number_are_found():
    texts = [
        "等了三个小时外卖才送到，饭菜全凉了，汤也洒了一半",
        "等了5个小时外卖才送到，饭菜全凉了，汤也洒了一半",
        "客服态度很差",
    ]
    examples = [Example(t, "transport", (), 1, "waimai") for t in texts]
    pairs = near_duplicates(examples, 0.8)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]


def test_validate_command_fails_on_bad_corpus(tmp_path, capsys):
    path = write_rows(tmp_path / "c.jsonl", [{**GOOD, "category": "nope"}])
    assert validate_main([str(path)]) == 1
    assert "unknown category" in capsys.readouterr().err


def test_shipped_corpus_is_valid_and_large_enough():
    examples = read_corpus(["data/corpus"])
    counts = Counter(e.category for e in examples)
    assert len(examples) >= 4000
    assert all(counts[c] >= 700 for c in ("quality", "contract", "transport", "service"))
    assert counts["none"] >= 400
    complaints = [e for e in examples if e.category != "none"]
    # enough furious customers (the costliest miss) for the anger head to learn the level
    assert sum(e.anger == 2 for e in complaints) >= 1000
    assert sum(e.anger == 2 for e in complaints) / len(complaints) >= 0.10
