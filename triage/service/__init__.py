"""The Flask application factory: ``create_app()`` builds the service, nothing runs at import."""

from __future__ import annotations

import gc
import os

from flask import Flask

from triage.triager import MAX_TEXT_CHARS, Triager

DEFAULTS = {
    "MODEL_PATH": None,  # None: $TRIAGE_MODEL_PATH or the shipped model
    "MODELS_DIR": None,  # folder model files may be loaded from; None: models/
    "ROUTING_PATH": None,  # None: the shipped routing.toml
    "REVIEW_THRESHOLD": None,  # None: the model card's threshold
    "MAX_TEXT_CHARS": MAX_TEXT_CHARS,
    "MAX_BATCH_ITEMS": 500,
    "MAX_CONTENT_LENGTH": 4 * 1024 * 1024,
    "DATABASE_URL": None,  # None: SQLite file in the instance folder
    "STORE_BY_DEFAULT": True,
}
ENV_TYPES = {
    "REVIEW_THRESHOLD": float,
    "MAX_TEXT_CHARS": int,
    "MAX_BATCH_ITEMS": int,
    "MAX_CONTENT_LENGTH": int,
    "STORE_BY_DEFAULT": lambda v: v.lower() not in ("0", "false", "no"),
}


def settings_from_env(environ=os.environ) -> dict:
    """``TRIAGE_<KEY>`` environment variables for every key of :data:`DEFAULTS`."""
    found = {}
    for key in DEFAULTS:
        value = environ.get(f"TRIAGE_{key}")
        if value is not None:
            found[key] = ENV_TYPES.get(key, str)(value)
    return found


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: configuration, model (loaded once per process), store, blueprints."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(settings_from_env())
    if test_config:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    triager = Triager.load(
        app.config["MODEL_PATH"], app.config["ROUTING_PATH"], app.config["REVIEW_THRESHOLD"], app.config["MODELS_DIR"]
    )
    triager.max_chars = app.config["MAX_TEXT_CHARS"]
    triager.warm_up()  # build the tokeniser's dictionary now, before gunicorn forks the workers
    gc.collect()
    gc.freeze()  # the model's many objects never die: keep them out of every later collection (no long GC pauses)
    app.extensions["triager"] = triager
    app.extensions["model_card"] = triager.model.card

    from triage.service import api, health, metrics, openapi, pages, problems, records

    problems.init_app(app)
    metrics.init_app(app)
    records.init_app(app)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(health.blueprint)
    app.register_blueprint(openapi.blueprint)
    app.register_blueprint(pages.blueprint)
    return app
