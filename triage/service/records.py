"""Complaint records over HTTP: storing triaged complaints, listing them, agent feedback, stats."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path

from flask import Blueprint, Flask, current_app, jsonify, request
from sqlalchemy.exc import SQLAlchemyError

from triage.labels import CATEGORIES
from triage.service.api import json_body
from triage.service.problems import Problem
from triage.store import Store, open_store

blueprint = Blueprint("records", __name__, url_prefix="/v1")
MAX_PAGE = 200


class Records:
    """The service's view of the store: never lets a database failure lose a complaint.

    When the database cannot be written, the answer says ``stored: false`` and
    the complaint is appended to a spool file (``unstored.jsonl``) to be replayed.
    """

    def __init__(self, store: Store, spool: Path) -> None:
        self.store, self.spool = store, spool
        self._lock = threading.Lock()

    def save(self, item: dict, answer: dict) -> dict:
        try:
            stored, created = self.store.save(item, answer)
        except SQLAlchemyError as exc:
            current_app.logger.error("record not stored, spooled to %s: %s", self.spool, exc.__class__.__name__)
            with self._lock, self.spool.open("a", encoding="utf-8") as spool:
                spool.write(json.dumps({"item": item, "answer": answer}, ensure_ascii=False) + "\n")
            return {**answer, "stored": False, "store_error": "database unavailable; the record was spooled"}
        return {**stored, "stored": created, "duplicate": not created}


def init_app(app: Flask) -> None:
    """Open the store named by DATABASE_URL (default: SQLite in the instance folder)."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    url = app.config["DATABASE_URL"] or f"sqlite:///{Path(app.instance_path) / 'triage.db'}"
    app.extensions["records"] = Records(open_store(url), Path(app.instance_path) / "unstored.jsonl")
    app.register_blueprint(blueprint)


def store() -> Store:
    return current_app.extensions["records"].store


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise Problem(400, "bad-parameter", f"'{name}' must be an integer from {low} to {high}", name)
    return int(raw)


def time_arg(name: str) -> datetime | None:
    """An ISO 8601 query parameter as a timezone-aware datetime (UTC if no zone given)."""
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise Problem(400, "bad-parameter", f"'{name}' must be an ISO 8601 date or time", name) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@blueprint.get("/complaints")
def list_complaints():
    filters = {
        "category": request.args.get("category"),
        "department": request.args.get("department"),
        "model_version": request.args.get("model_version"),
        "since": time_arg("since"),
        "until": time_arg("until"),
    }
    if "anger" in request.args:
        filters["anger"] = _int_arg("anger", 0, 0, 2)
    if "needs_review" in request.args:
        flag = request.args["needs_review"].lower()
        if flag not in ("true", "false"):
            raise Problem(400, "bad-parameter", "'needs_review' must be true or false", "needs_review")
        filters["needs_review"] = flag == "true"
    limit, offset = _int_arg("limit", 50, 1, MAX_PAGE), _int_arg("offset", 0, 0, 10**9)
    items, total = store().search(filters, limit, offset)
    return jsonify({"total": total, "limit": limit, "offset": offset, "items": items})


@blueprint.get("/complaints/<record_id>")
def get_complaint(record_id: str):
    record = store().get(record_id)
    if record is None:
        raise Problem(404, "not-found", f"no complaint with id {record_id!r}")
    return jsonify(record)


@blueprint.post("/complaints/<record_id>/feedback")
def add_feedback(record_id: str):
    body = json_body()
    verdict = body.get("verdict")
    if verdict not in ("accept", "correct"):
        raise Problem(400, "wrong-type", "'verdict' must be 'accept' or 'correct'", "verdict")
    record = store().get(record_id)
    if record is None:
        raise Problem(404, "not-found", f"no complaint with id {record_id!r}")
    predicted = record["result"]
    category = body.get("category", predicted["category"])
    secondary = body.get("secondary", predicted["secondary"])
    anger = body.get("anger", predicted["anger"]["level"])
    if category not in CATEGORIES + ("none",):
        raise Problem(400, "wrong-type", f"'category' must be one of {', '.join(CATEGORIES)}, none", "category")
    if not isinstance(secondary, list) or any(s not in CATEGORIES or s == category for s in secondary):
        raise Problem(400, "wrong-type", "'secondary' must list other categories", "secondary")
    if anger not in (0, 1, 2) or isinstance(anger, bool):
        raise Problem(400, "wrong-type", "'anger' must be 0, 1 or 2", "anger")
    for name in ("agent", "comment"):
        if body.get(name) is not None and not isinstance(body[name], str):
            raise Problem(400, "wrong-type", f"'{name}' must be a string", name)
    if verdict == "accept":
        category, secondary, anger = predicted["category"], predicted["secondary"], predicted["anger"]["level"]
    note = store().add_feedback(
        record_id, verdict, category, list(dict.fromkeys(secondary)), anger, body.get("agent"), body.get("comment")
    )
    return jsonify(note), 201


@blueprint.get("/stats")
def stats():
    return jsonify(store().stats())
