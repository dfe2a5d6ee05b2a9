"""The OpenAPI 3 description of the service, with the limits in force."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from triage.labels import ANGER_LABELS, CATEGORIES

blueprint = Blueprint("openapi", __name__)

PROBLEM = {
    "description": "problem",
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}


def _json(schema_ref: str, description: str = "OK") -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}},
    }


def json_body(schema_ref: str) -> dict:
    return {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}},
    }


def _errors(*codes: int) -> dict:
    return {str(code): PROBLEM for code in codes}


def document(max_chars: int, max_items: int, max_bytes: int) -> dict:
    """The OpenAPI document for the given limits."""
    category = {"type": "string", "enum": list(CATEGORIES)}
    complaint_in = {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {
                "type": "string",
                "minLength": 1,
                "maxLength": max_chars,
                "description": "complaint text, simplified or traditional Chinese",
            },
            "id": {
                "oneOf": [{"type": "string", "maxLength": 128}, {"type": "integer"}],
                "description": "caller's id; generated when absent; a known id returns the stored answer",
            },
            "channel": {"type": "string"},
            "customer": {"oneOf": [{"type": "string"}, {"type": "object"}]},
            "metadata": {"type": "object"},
            "store": {"type": "boolean", "description": "keep a record (default true)"},
        },
    }
    span = {"type": "array", "items": {"type": "integer"}, "description": "[start, end) in the text"}
    result = {
        "type": "object",
        "required": [
            "id",
            "category",
            "confidence",
            "complaint_probability",
            "scores",
            "secondary",
            "needs_review",
            "anger",
            "route",
            "evidence",
            "details",
            "model_version",
        ],
        "properties": {
            "id": {"nullable": True, "oneOf": [{"type": "string"}, {"type": "integer"}]},
            "index": {"type": "integer"},
            "category": category,
            "confidence": {
                "type": "number",
                "minimum": 0,
                "maximum": 1,
                "description": "probability that category is right, if the text is a complaint",
            },
            "complaint_probability": {
                "type": "number",
                "minimum": 0,
                "maximum": 1,
                "description": "probability that the text is a complaint at all (not `none`)",
            },
            "scores": {
                "type": "object",
                "required": list(CATEGORIES),
                "properties": {c: {"type": "number"} for c in CATEGORIES},
            },
            "secondary": {"type": "array", "items": category},
            "needs_review": {"type": "boolean"},
            "review_reason": {"type": "string", "nullable": True, "enum": ["not_a_complaint", "low_confidence", None]},
            "anger": {
                "type": "object",
                "required": ["level", "label", "score"],
                "properties": {
                    "level": {"type": "integer", "enum": [0, 1, 2]},
                    "label": {"type": "string", "enum": list(ANGER_LABELS)},
                    "score": {"type": "number", "minimum": 0, "maximum": 1},
                    "cues": {
                        "type": "array",
                        "description": "insult, threat and irritation words found (normalised), with spans in the text;"
                        " absent in records stored before 2026-11-23",
                        "items": {
                            "type": "object",
                            "required": ["kind", "term", "spans"],
                            "properties": {
                                "kind": {"type": "string", "enum": ["insult", "threat", "irritation"]},
                                "term": {"type": "string"},
                                "spans": {"type": "array", "items": span},
                            },
                        },
                    },
                },
            },
            "route": {
                "type": "object",
                "required": ["department", "priority", "escalate", "sla_hours"],
                "properties": {
                    "department": {"type": "string"},
                    "suggested_department": {"type": "string"},
                    "priority": {"type": "string"},
                    "escalate": {"type": "boolean"},
                    "escalate_to": {"type": "string", "nullable": True},
                    "sla_hours": {"type": "integer"},
                },
            },
            "evidence": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "term": {"type": "string"},
                        "weight": {"type": "number"},
                        "spans": {"type": "array", "items": span},
                    },
                },
            },
            "details": {
                "type": "object",
                "properties": {
                    "objects": {"type": "array", "items": {"type": "string"}},
                    "amounts": {"type": "array", "items": {"type": "number"}},
                    "order_numbers": {"type": "array", "items": {"type": "string"}},
                    "demands": {"type": "array", "items": {"type": "string"}},
                },
            },
            "model_version": {"type": "string"},
            "stored": {"type": "boolean"},
            "duplicate": {"type": "boolean"},
            "store_error": {"type": "string"},
        },
    }
    batch_entry = {
        "oneOf": [
            {"$ref": "#/components/schemas/Result"},
            {
                "type": "object",
                "required": ["index", "error"],
                "properties": {
                    "id": {},
                    "index": {"type": "integer"},
                    "error": {"$ref": "#/components/schemas/Problem"},
                },
            },
        ]
    }
    record = {
        "type": "object",
        "required": ["id", "text", "result", "created_at"],
        "properties": {
            "id": {"type": "string"},
            "text": {"type": "string"},
            "result": {"$ref": "#/components/schemas/Result"},
            "created_at": {"type": "string"},
            "feedback": {"type": "array", "items": {"$ref": "#/components/schemas/Feedback"}},
        },
    }
    feedback = {
        "type": "object",
        "required": ["verdict", "category", "anger"],
        "properties": {
            "id": {"type": "integer"},
            "verdict": {"type": "string", "enum": ["accept", "correct"]},
            "category": {"type": "string", "enum": list(CATEGORIES) + ["none"]},
            "secondary": {"type": "array", "items": category},
            "anger": {"type": "integer", "enum": [0, 1, 2]},
            "agent": {"type": "string", "nullable": True},
            "comment": {"type": "string", "nullable": True},
            "created_at": {"type": "string"},
        },
    }
    page_params = [
        {"name": n, "in": "query", "schema": s}
        for n, s in (
            ("category", {"type": "string"}),
            ("department", {"type": "string"}),
            ("anger", {"type": "integer", "minimum": 0, "maximum": 2}),
            ("needs_review", {"type": "string", "enum": ["true", "false"]}),
            ("model_version", {"type": "string"}),
            ("since", {"type": "string", "format": "date-time"}),
            ("until", {"type": "string", "format": "date-time"}),
            ("limit", {"type": "integer", "minimum": 1, "maximum": 200}),
            ("offset", {"type": "integer", "minimum": 0}),
        )
    ]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Chinese complaint triage",
            "version": "1",
            "description": f"Limits: text up to {max_chars} characters, batches up to {max_items} items, "
            f"request bodies up to {max_bytes} bytes. Errors are application/problem+json.",
        },
        "paths": {
            "/v1/triage": {
                "post": {
                    "summary": "Triage one complaint",
                    "requestBody": json_body("ComplaintIn"),
                    "responses": {"200": _json("Result"), **_errors(400, 413, 415, 422)},
                }
            },
            "/v1/triage/batch": {
                "post": {
                    "summary": "Triage many complaints, results in input order",
                    "requestBody": json_body("BatchIn"),
                    "responses": {"200": _json("BatchOut"), **_errors(400, 413, 415, 422)},
                }
            },
            "/v1/model": {
                "get": {
                    "summary": "The model card",
                    "responses": {
                        "200": {
                            "description": "model card",
                            "content": {
                                "application/json": {"schema": {"type": "object", "required": ["version", "labels"]}}
                            },
                        }
                    },
                }
            },
            "/v1/routing": {
                "get": {
                    "summary": "The routing table in force",
                    "responses": {
                        "200": {
                            "description": "routing",
                            "content": {
                                "application/json": {"schema": {"type": "object", "required": ["departments"]}}
                            },
                        }
                    },
                }
            },
            "/v1/complaints": {
                "get": {
                    "summary": "Stored complaints, newest first",
                    "parameters": page_params,
                    "responses": {"200": _json("Page"), **_errors(400)},
                }
            },
            "/v1/complaints/{record_id}": {
                "get": {
                    "summary": "One stored complaint with its feedback",
                    "parameters": [{"name": "record_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": _json("Record"), **_errors(404)},
                }
            },
            "/v1/complaints/{record_id}/feedback": {
                "post": {
                    "summary": "Accept or correct the suggestion",
                    "parameters": [{"name": "record_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "requestBody": json_body("FeedbackIn"),
                    "responses": {"201": _json("Feedback", "created"), **_errors(400, 404, 413, 415)},
                }
            },
            "/v1/stats": {
                "get": {
                    "summary": "Accept rates and corrections",
                    "responses": {
                        "200": {
                            "description": "stats",
                            "content": {"application/json": {"schema": {"type": "object", "required": ["overall"]}}},
                        }
                    },
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness",
                    "responses": {
                        "200": {"description": "alive", "content": {"application/json": {"schema": {"type": "object"}}}}
                    },
                }
            },
            "/readyz": {
                "get": {
                    "summary": "Readiness",
                    "responses": {
                        "200": {
                            "description": "ready",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "503": {
                            "description": "not ready",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "ComplaintIn": complaint_in,
                "BatchIn": {
                    "type": "object",
                    "required": ["items"],
                    "properties": {
                        "items": {
                            "type": "array",
                            "minItems": 1,
                            "maxItems": max_items,
                            "items": {"$ref": "#/components/schemas/ComplaintIn"},
                        }
                    },
                },
                "Result": result,
                "BatchOut": {
                    "type": "object",
                    "required": ["model_version", "results"],
                    "properties": {
                        "model_version": {"type": "string"},
                        "results": {"type": "array", "items": batch_entry},
                    },
                },
                "Record": record,
                "Page": {
                    "type": "object",
                    "required": ["total", "items"],
                    "properties": {
                        "total": {"type": "integer"},
                        "limit": {"type": "integer"},
                        "offset": {"type": "integer"},
                        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Record"}},
                    },
                },
                "FeedbackIn": {
                    "type": "object",
                    "required": ["verdict"],
                    "properties": {
                        "verdict": {"type": "string", "enum": ["accept", "correct"]},
                        "category": {"type": "string", "enum": list(CATEGORIES) + ["none"]},
                        "secondary": {"type": "array", "items": category},
                        "anger": {"type": "integer", "enum": [0, 1, 2]},
                        "agent": {"type": "string"},
                        "comment": {"type": "string"},
                    },
                },
                "Feedback": feedback,
                "Problem": {
                    "type": "object",
                    "required": ["type", "title", "status", "detail"],
                    "properties": {
                        "type": {"type": "string"},
                        "title": {"type": "string"},
                        "status": {"type": "integer"},
                        "detail": {"type": "string"},
                        "instance": {"type": "string"},
                        "field": {"type": "string"},
                    },
                },
            }
        },
    }


@blueprint.get("/openapi.json")
def openapi_json():
    config = current_app.config
    return jsonify(document(config["MAX_TEXT_CHARS"], config["MAX_BATCH_ITEMS"], config["MAX_CONTENT_LENGTH"]))
