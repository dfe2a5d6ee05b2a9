"""Prometheus metrics: requests, latency, and the complaint mix.

Under gunicorn, ``PROMETHEUS_MULTIPROC_DIR`` is set by ``serve.py`` and the
figures of all workers are merged at ``/metrics``.
"""

from __future__ import annotations

import os
import time

from flask import Blueprint, Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess

from triage.result import TriageResult

REQUESTS = Counter("triage_http_requests_total", "HTTP requests", ["endpoint", "method", "status"])
LATENCY = Histogram(
    "triage_http_request_seconds",
    "HTTP request latency",
    ["endpoint"],
    buckets=(0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
COMPLAINTS = Counter("triage_complaints_total", "Triaged complaints", ["category", "anger", "department"])
REVIEWED = Counter("triage_needs_review_total", "Triaged complaints flagged for manual review")

blueprint = Blueprint("metrics", __name__)


def count_result(result: TriageResult) -> None:
    """Add one triaged complaint to the complaint-mix metrics."""
    COMPLAINTS.labels(result.category, result.anger.label, result.route.department).inc()
    if result.needs_review:
        REVIEWED.inc()


@blueprint.get("/metrics")
def metrics() -> Response:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest()
    return Response(body, content_type=CONTENT_TYPE_LATEST)


def init_app(app: Flask) -> None:
    """Time and count every request by endpoint and status."""

    @app.before_request
    def _start_timer() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def _record(response):
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
        LATENCY.labels(endpoint).observe(time.perf_counter() - g.get("started", time.perf_counter()))
        return response

    app.register_blueprint(blueprint)
