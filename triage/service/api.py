"""The JSON API under /v1: triage one or many complaints, model card, routing table."""

from __future__ import annotations

import json

from flask import Blueprint, current_app, jsonify, request

from triage.service.metrics import count_result
from triage.service.problems import Problem
from triage.triager import TextError, Triager, check_text

blueprint = Blueprint("api", __name__, url_prefix="/v1")

OPTIONAL_FIELDS = {"id": (str, int), "channel": (str,), "customer": (str, dict), "metadata": (dict,), "store": (bool,)}


def triager() -> Triager:
    return current_app.extensions["triager"]


def json_body() -> dict:
    """The request's JSON object, or a 415/400 problem saying what is wrong."""
    if not request.is_json:
        raise Problem(415, "unsupported-media-type", "send the body as application/json")
    try:
        body = json.loads(request.get_data(cache=False))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Problem(400, "bad-json", f"body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise Problem(400, "bad-json", "body must be a JSON object")
    return body


def checked_item(item: object, where: str = "") -> dict:
    """Validate one complaint object; raise a 400 (types) or 422 (text) problem naming the field."""
    if not isinstance(item, dict):
        name = where.rstrip(".") or "body"
        raise Problem(400, "wrong-type", f"'{name}' must be a JSON object", where.rstrip(".") or None)
    for name, kinds in OPTIONAL_FIELDS.items():
        value = item.get(name)
        if value is not None and (not isinstance(value, kinds) or (bool not in kinds and isinstance(value, bool))):
            expected = " or ".join({str: "string", int: "integer", dict: "object", bool: "boolean"}[k] for k in kinds)
            raise Problem(400, "wrong-type", f"'{where}{name}' must be a {expected}", f"{where}{name}")
    text = item.get("text")
    if text is None:
        raise Problem(400, "missing-field", f"'{where}text' is required", f"{where}text")
    if not isinstance(text, str):
        raise Problem(400, "wrong-type", f"'{where}text' must be a string", f"{where}text")
    try:
        check_text(text, current_app.config["MAX_TEXT_CHARS"])
    except TextError as exc:
        kind = "empty-text" if not text.strip() else "text-too-long"
        raise Problem(422, kind, f"'{where}text': {exc}", f"{where}text") from None
    return item


def respond(item: dict, result) -> dict:
    """Count, store (unless asked not to) and shape one answer.

    Storing an id that is already on record returns the recorded answer instead.
    """
    count_result(result)
    answer = {"id": item.get("id"), **result.to_dict()}
    records = current_app.extensions.get("records")
    if records is None or not item.get("store", current_app.config["STORE_BY_DEFAULT"]):
        return {**answer, "stored": False}
    return records.save(item, answer)


@blueprint.post("/triage")
def triage_one():
    item = checked_item(json_body())
    return jsonify(respond(item, triager().triage(item["text"])))


@blueprint.post("/triage/batch")
def triage_batch():
    body = json_body()
    items = body.get("items")
    if not isinstance(items, list):
        raise Problem(400, "wrong-type", "'items' must be a list of complaint objects", "items")
    limit = current_app.config["MAX_BATCH_ITEMS"]
    if not items or len(items) > limit:
        raise Problem(422, "bad-batch-size", f"'items' holds {len(items)} complaints; send 1 to {limit}", "items")
    checked, answers = [], [None] * len(items)
    for index, item in enumerate(items):
        try:
            checked.append((index, checked_item(item, f"items[{index}].")))
        except Problem as problem:
            item_id = item.get("id") if isinstance(item, dict) else None
            answers[index] = {"id": item_id, "index": index, "error": problem.body()}
    results = triager().triage_many([item["text"] for _, item in checked])
    for (index, item), result in zip(checked, results):
        answers[index] = {"index": index, **respond(item, result)}
    return jsonify({"model_version": triager().version, "results": answers})


@blueprint.get("/model")
def model_card():
    return jsonify(current_app.extensions["model_card"])


@blueprint.get("/routing")
def routing_table():
    return jsonify(triager().routing.to_dict())
