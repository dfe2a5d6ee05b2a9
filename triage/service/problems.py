"""Errors as RFC 7807 ``application/problem+json`` responses, in one shape everywhere."""

from __future__ import annotations

from flask import Flask, json, request
from werkzeug.exceptions import HTTPException

PROBLEM_MIME = "application/problem+json"


class Problem(Exception):  # noqa: N818 - named after RFC 7807 problems
    """An error the client can fix; ``kind`` becomes the machine-readable ``type``."""

    def __init__(self, status: int, kind: str, detail: str, field: str | None = None) -> None:
        super().__init__(detail)
        self.status, self.kind, self.detail, self.field = status, kind, detail, field

    def body(self) -> dict:
        data = {
            "type": f"/problems/{self.kind}",
            "title": self.kind.replace("-", " "),
            "status": self.status,
            "detail": self.detail,
            "instance": request.path,
        }
        if self.field:
            data["field"] = self.field
        return data


def problem_response(problem: Problem):
    return (
        json.dumps(problem.body(), ensure_ascii=False),
        problem.status,
        {"Content-Type": PROBLEM_MIME},
    )


_HTTP_KINDS = {
    400: "bad-request",
    404: "not-found",
    405: "method-not-allowed",
    413: "body-too-large",
    415: "unsupported-media-type",
}


def init_app(app: Flask) -> None:
    """Answer every error, including Werkzeug's own, as problem+json without internals."""

    @app.errorhandler(Problem)
    def _problem(problem: Problem):
        return problem_response(problem)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        detail = exc.description or exc.name
        if status == 413:
            detail = f"request body is larger than {app.config['MAX_CONTENT_LENGTH']} bytes"
        response = problem_response(Problem(status, _HTTP_KINDS.get(status, "http-error"), detail))
        if status == 405 and exc.valid_methods:
            response[2]["Allow"] = ", ".join(exc.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        return problem_response(Problem(500, "internal-error", "the server failed; the error was logged"))
