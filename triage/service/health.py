"""Liveness and readiness probes."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

blueprint = Blueprint("health", __name__)

PROBE_TEXT = "收到的杯子是碎的"


@blueprint.get("/healthz")
def healthz():
    """The process is alive."""
    return jsonify({"status": "ok"})


@blueprint.get("/readyz")
def readyz():
    """The model is loaded and answers a probe complaint."""
    try:
        result = current_app.extensions["triager"].triage(PROBE_TEXT)
    except Exception:  # noqa: BLE001 - any failure means not ready
        current_app.logger.exception("readiness probe failed")
        return jsonify({"status": "not ready"}), 503
    return jsonify({"status": "ready", "model_version": result.model_version})
