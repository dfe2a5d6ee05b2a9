"""The record store on SQLite and on the machine's real PostgreSQL server."""

import multiprocessing
from datetime import UTC, datetime, timedelta

from triage.store import open_store

ANSWER = {
    "category": "transport",
    "secondary": [],
    "needs_review": False,
    "anger": {"level": 1},
    "route": {"department": "储运部"},
    "model_version": "tm-test",
}


def answer(category="transport", anger=1, version="tm-test"):
    return {**ANSWER, "category": category, "anger": {"level": anger}, "model_version": version}


def test_save_get_and_duplicate(database_url):
    store = open_store(database_url)
    saved, created = store.save({"id": "x1", "text": "快递丢了", "metadata": {"k": "v"}}, answer())
    assert created and saved["id"] == "x1"
    again, created = store.save({"id": "x1", "text": "something else"}, answer("service"))
    assert not created and again["category"] == "transport"
    record = store.get("x1")
    assert record["text"] == "快递丢了" and record["metadata"] == {"k": "v"} and record["feedback"] == []
    assert store.get("absent") is None


def test_search_filters_and_time_range(database_url):
    store = open_store(database_url)
    for i, (category, anger) in enumerate([("transport", 1), ("service", 2), ("service", 0)]):
        store.save({"id": f"s{i}", "text": "t"}, answer(category, anger))
    items, total = store.search({"category": "service"}, 10, 0)
    assert total == 2 and {i["id"] for i in items} == {"s1", "s2"}
    _, total = store.search({"anger": 2}, 10, 0)
    assert total == 1
    later = datetime.now(UTC) + timedelta(hours=1)
    assert store.search({"since": later}, 10, 0)[1] == 0
    assert store.search({"until": later}, 10, 0)[1] == 3


def test_feedback_keeps_prediction_and_feeds_stats(database_url):
    store = open_store(database_url)
    store.save({"id": "a", "text": "t"}, answer("transport", version="v1"))
    store.save({"id": "b", "text": "t"}, answer("quality", version="v2"))
    store.add_feedback("a", "accept", "transport", [], 1, "li", None)
    store.add_feedback("b", "correct", "contract", ["quality"], 0, "wang", "发错货")
    assert store.add_feedback("missing", "accept", "transport", [], 1, None, None) is None
    assert store.get("b")["result"]["category"] == "quality"
    stats = store.stats()
    assert stats["overall"]["reviewed"] == 2 and stats["overall"]["accept_rate"] == 0.5
    assert stats["per_model_version"]["v2"]["per_category"]["quality"]["corrected_to"] == {"contract": 1}
    exported = store.latest_feedback()
    assert {row.id: row.fb_category for row in exported} == {"a": "transport", "b": "contract"}


def _writer(url: str, prefix: str, count: int) -> None:
    store = open_store(url)
    for i in range(count):
        store.save({"id": f"{prefix}{i}", "text": "并发写入"}, answer())
        store.save({"id": f"shared{i}", "text": "同一编号"}, answer())


def test_two_processes_writing_at_once_lose_nothing(database_url):
    open_store(database_url)  # migrate once before the writers start
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_writer, args=(database_url, p, 60)) for p in ("a", "b")]
    for w in writers:
        w.start()
    for w in writers:
        w.join(120)
    assert [w.exitcode for w in writers] == [0, 0]
    _, total = open_store(database_url).search({}, 1, 0)
    assert total == 60 + 60 + 60  # each writer's own ids, plus the shared ids stored once
