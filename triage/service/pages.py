"""Pages for people: the agent page, the stats page and the complaint-mix report."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request

from triage.analysis import pareto_chart, summarize, trend_chart
from triage.labels import ANGER_NAMES_ZH, CATEGORY_NAMES_ZH
from triage.service.problems import Problem
from triage.service.records import time_arg

PLAYBOOK = Path(__file__).resolve().parent.parent / "config" / "playbook.toml"

blueprint = Blueprint("pages", __name__)

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


@cache
def playbook() -> dict:
    return tomllib.loads(PLAYBOOK.read_text(encoding="utf-8"))


@blueprint.after_app_request
def _security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


@blueprint.get("/")
def agent_page():
    return render_template(
        "agent.html",
        playbook=playbook(),
        categories=CATEGORY_NAMES_ZH,
        anger_names=ANGER_NAMES_ZH,
        max_chars=current_app.config["MAX_TEXT_CHARS"],
    )


@blueprint.get("/stats")
def stats_page():
    return render_template(
        "stats.html", stats=current_app.extensions["records"].store.stats(), categories=CATEGORY_NAMES_ZH
    )


def _report_summary() -> tuple[dict, object, object]:
    since, until = time_arg("since"), time_arg("until")
    rows = current_app.extensions["records"].store.mix(since, until)
    return summarize(rows), since, until


@blueprint.get("/report")
def report_page():
    summary, since, until = _report_summary()
    return render_template(
        "report.html", summary=summary, since=since, until=until, query=request.query_string.decode()
    )


@blueprint.get("/report/<chart>.svg")
def report_chart(chart: str):
    charts = {"pareto": pareto_chart, "trend": trend_chart}
    if chart not in charts:
        raise Problem(404, "not-found", f"no chart named {chart!r}")
    summary, _, _ = _report_summary()
    if not summary["total"]:
        raise Problem(404, "not-found", "no complaints in this time range")
    return Response(charts[chart](summary, "svg"), mimetype="image/svg+xml")
