"""The 留档分析 loop: triage, correct, export, retrain with the corrections, load the new model."""

import json

from training import export, train
from triage import Triager
from triage.corpus import read_corpus


def test_corrections_export_and_retrain(client, app, tmp_path):
    client.post("/v1/triage", json={"text": "买的台灯开关接触不良", "id": "r1", "channel": "app"})
    client.post("/v1/triage", json={"text": "外卖小哥把汤洒了一半", "id": "r2"})
    client.post("/v1/complaints/r1/feedback", json={"verdict": "correct", "category": "quality", "anger": 0})
    client.post("/v1/complaints/r2/feedback", json={"verdict": "accept"})
    url = app.config["DATABASE_URL"]
    out = tmp_path / "corrections.jsonl"
    assert export.main(["--database-url", url, "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["id"]: r["category"] for r in rows}["r1"] == "quality"
    assert read_corpus([out])  # valid corpus format
    assert export.main(["--database-url", url, "--out", str(out), "--only-corrected"]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1

    small = tmp_path / "small.jsonl"
    examples = read_corpus(["data/corpus"])[::20]
    small.write_text(
        "".join(
            json.dumps(
                {"text": e.text, "category": e.category, "also": list(e.also), "anger": e.anger, "domain": e.domain},
                ensure_ascii=False,
            )
            + "\n"
            for e in examples
            if e.text not in {r["text"] for r in rows}
        ),
        encoding="utf-8",
    )
    model = tmp_path / "models" / "retrained.pkl"
    base = tmp_path / "models" / "base.pkl"
    assert train.main(["--data", str(small), "--out", str(base), "--folds", "0"]) == 0
    assert train.main(["--data", str(small), "--extra", str(out), "--out", str(model), "--folds", "0"]) == 0
    card = json.loads(model.with_suffix(".card.json").read_text(encoding="utf-8"))
    assert any(f.endswith("corrections.jsonl") for f in card["training_data"]["files"])
    new = Triager.load(model, models_dir=model.parent)
    assert new.version != Triager.load(base, models_dir=base.parent).version
    assert new.triage("台灯开关坏了").model_version == new.version
