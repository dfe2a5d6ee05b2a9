import json
import random

import numpy as np
import pytest

from training import evaluate, train
from triage import Triager
from triage.corpus import corpus_hash, read_corpus
from triage.cues import lexicon_files
from triage.labels import CATEGORIES
from triage.model import category_rows
from triage.modelfile import MODELS_DIR, ModelFileError, load_model


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    """About 60 examples per label from the shipped corpus."""
    examples = read_corpus(["data/corpus"])
    random.Random(1).shuffle(examples)
    picked, per_label = [], {}
    for e in examples:
        if per_label.get(e.category, 0) < 60:
            per_label[e.category] = per_label.get(e.category, 0) + 1
            picked.append(e)
    path = tmp_path_factory.mktemp("corpus") / "small.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {
                    "text": e.text,
                    "category": e.category,
                    "also": list(e.also),
                    "anger": e.anger,
                    "domain": e.domain,
                    "id": f"s{i}",
                },
                ensure_ascii=False,
            )
            + "\n"
            for i, e in enumerate(picked)
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def trained(small_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("models") / "small.pkl"
    reports = out.parent / "reports"
    assert train.main(["--data", str(small_corpus), "--out", str(out), "--folds", "3", "--reports", str(reports)]) == 0
    return out


def test_training_writes_model_and_card(trained, small_corpus):
    card = json.loads(trained.with_suffix(".card.json").read_text(encoding="utf-8"))
    assert card["training_data"]["examples"] == 300
    assert card["labels"]["category"] == ["quality", "contract", "transport", "service", "none"]
    assert set(card["cross_validation"]["category"]["per_class"]) == {"quality", "contract", "transport", "service"}
    assert "scikit-learn" in card["library_versions"]
    assert card["secondary_weight"] == train.SECONDARY_WEIGHT
    assert {"data/lexicons/insult.txt", "data/lexicons/userdict.txt"} <= set(card["lexicons"]["files"])
    assert len(card["lexicons"]["sha256"]) == 64
    assert "triage/cues.py" in card["feature_code"]["files"] and len(card["feature_code"]["sha256"]) == 64
    known = card["cross_validation"]["known_ngrams"]  # held-out folds: some of their n-grams are new
    assert set(known) == {"word", "char"} and all(0.2 < share < 1.0 for share in known.values())
    assert "### Vocabulary" in (trained.parent / "reports" / "small-cv.md").read_text(encoding="utf-8")


def test_category_rows_teach_secondary_kinds_at_their_weight():
    categories = ["quality", "none", "transport"]
    mentions = np.array(
        [[c in ("quality", "transport") for c in CATEGORIES], [0] * 4, [c == "transport" for c in CATEGORIES]]
    )
    rows, kinds, weights = category_rows(categories, mentions, 0.2)
    assert rows.tolist() == [0, 0, 2]
    assert kinds.tolist() == ["quality", "transport", "transport"]
    assert weights.tolist() == [1.0, 0.2, 1.0]
    rows, kinds, weights = category_rows(categories, mentions, 0.0)
    assert (rows.tolist(), kinds.tolist(), weights.tolist()) == ([0, 2], ["quality", "transport"], [1.0, 1.0])


def test_training_is_reproducible(trained, small_corpus, tmp_path):
    again = tmp_path / "again.pkl"
    train.main(["--data", str(small_corpus), "--out", str(again), "--folds", "0", "--reports", str(tmp_path)])
    first = Triager.load(trained, models_dir=trained.parent)
    second = Triager.load(again, models_dir=tmp_path)
    texts = ["物流太慢", "客服不理人", "质量很差，用两天就坏了", "发错颜色了"]
    assert [r.scores for r in first.triage_many(texts)] == [r.scores for r in second.triage_many(texts)]
    assert first.version.startswith("tm-")


def test_evaluate_prints_the_report(trained, small_corpus, tmp_path, capsys):
    assert evaluate.main(["--model", str(trained), "--data", str(small_corpus), "--reports", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    headings = ("Headline figures", "Vocabulary", "Category", "Anger", "Review flag", "Calibration", "Confusion matrix")
    for heading in headings:
        assert heading in out
    assert (tmp_path / "eval-small-confusion.png").stat().st_size > 1000


def test_tampered_model_is_refused(trained, tmp_path):
    copy = tmp_path / "copy.pkl"
    data = bytearray(trained.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    copy.with_suffix(".card.json").write_text(trained.with_suffix(".card.json").read_text())
    with pytest.raises(ModelFileError, match="checksum"):
        load_model(copy, tmp_path)


def test_truncated_model_is_refused(trained, tmp_path):
    copy = tmp_path / "cut.pkl"
    copy.write_bytes(trained.read_bytes()[:1000])
    copy.with_suffix(".card.json").write_text(trained.with_suffix(".card.json").read_text())
    with pytest.raises(ModelFileError, match="checksum"):
        load_model(copy, tmp_path)


def test_model_outside_models_dir_is_refused(trained, tmp_path):
    with pytest.raises(ModelFileError, match="only from"):
        load_model(trained, tmp_path)


def test_missing_model_is_refused(tmp_path):
    with pytest.raises(ModelFileError, match="not found"):
        load_model(tmp_path / "absent.pkl", tmp_path)


def test_shipped_model_was_trained_on_the_data_in_the_repository():
    """A corpus or lexicon change must ship with a retrained model (README, Accuracy, measures that model)."""
    card = json.loads((MODELS_DIR / "triage.card.json").read_text(encoding="utf-8"))
    assert card["training_data"]["sha256"] == corpus_hash([MODELS_DIR.parent / "data" / "corpus"])  # names and bytes
    assert card["lexicons"]["sha256"] == corpus_hash(lexicon_files())
