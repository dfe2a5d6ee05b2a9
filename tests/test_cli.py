import json
import subprocess
import sys

from triage.cli import classify_lines


def test_lines_keep_order_and_ids_and_bad_lines_get_errors(triager):
    lines = [
        json.dumps({"id": "a", "text": "快递三天了还没到"}, ensure_ascii=False),
        "{not json",
        "",
        json.dumps({"id": 7, "text": ""}),
        json.dumps({"id": "b", "text": "客服态度太差"}, ensure_ascii=False),
        json.dumps(["a", "list"]),
    ]
    out = list(classify_lines(triager, lines))
    assert [o["id"] for o in out] == ["a", None, 7, "b", None]
    assert "category" in out[0] and "category" in out[3]
    assert out[1]["error"]["type"] == "bad_json" and out[1]["line"] == 2
    assert out[2]["error"]["type"] == "bad_text" and "empty" in out[2]["error"]["detail"]
    assert out[4]["error"]["type"] == "bad_json"


def test_chunks_do_not_reorder(triager):
    lines = [json.dumps({"id": i, "text": f"第{i}次催发货了"}, ensure_ascii=False) for i in range(600)]
    assert [o["id"] for o in classify_lines(triager, lines)] == list(range(600))


def test_installed_command_reads_stdin_and_writes_jsonl():
    stdin = "\n".join(
        json.dumps({"id": f"x{i}", "text": t}, ensure_ascii=False)
        for i, t in enumerate(["衣服尺码发错了", "bad", "送餐员骂人"])
    )
    stdin = stdin.replace('"bad"', "5")
    done = subprocess.run(
        [sys.executable, "-m", "triage.cli", "classify", "-", "--no-progress"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["x0", "x1", "x2"]
    assert "error" in rows[1] and "category" in rows[2]
    assert "1 line(s) could not be triaged" in done.stderr


def test_missing_input_file_is_a_clear_error(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "triage.cli", "classify", str(tmp_path / "nope.jsonl")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "No such file" in done.stderr
    assert "Traceback" not in done.stderr


def test_report_command_writes_table_and_charts(tmp_path):
    from triage.store import open_store

    url = f"sqlite:///{tmp_path / 'r.db'}"
    store = open_store(url)
    for i, category in enumerate(["transport", "transport", "service"]):
        store.save(
            {"id": str(i), "text": "t"},
            {
                "category": category,
                "secondary": [],
                "needs_review": False,
                "anger": {"level": i % 3},
                "route": {"department": "d"},
                "model_version": "v",
            },
        )
    done = subprocess.run(
        [sys.executable, "-m", "triage.cli", "report", "--database-url", url, "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "| transport | 2 | 66.7% | 66.7% |" in done.stdout
    assert (tmp_path / "out" / "pareto.png").stat().st_size > 1000
    assert (tmp_path / "out" / "trend.svg").read_text().startswith("<?xml")
