import json

import pytest
import sqlalchemy as sa

from triage.labels import CATEGORIES


def test_triage_one(client):
    response = client.post("/v1/triage", json={"text": "洗衣机用了一周就漏水", "id": "c-1", "channel": "app"})
    assert response.status_code == 200
    data = response.get_json()
    assert data["id"] == "c-1" and data["category"] in CATEGORIES and data["stored"] is True


def test_same_id_is_answered_without_a_duplicate(client):
    first = client.post("/v1/triage", json={"text": "空调不制冷", "id": "dup"}).get_json()
    second = client.post("/v1/triage", json={"text": "空调不制冷", "id": "dup"}).get_json()
    assert second["duplicate"] is True and second["stored"] is False
    assert second["category"] == first["category"]
    assert client.get("/v1/complaints").get_json()["total"] == 1


def test_id_is_generated_when_absent(client):
    data = client.post("/v1/triage", json={"text": "空调不制冷"}).get_json()
    assert data["id"] and client.get(f"/v1/complaints/{data['id']}").status_code == 200


def test_store_false_keeps_nothing(client):
    data = client.post("/v1/triage", json={"text": "空调不制冷", "store": False}).get_json()
    assert data["stored"] is False
    assert client.get("/v1/complaints").get_json()["total"] == 0


def test_batch_keeps_order_and_isolates_bad_items(client):
    items = [
        {"id": "a", "text": "快递丢件了"},
        {"id": "b", "text": ""},
        {"id": "c", "text": 5},
        "not an object",
        {"id": "e", "text": "前台服务员很不耐烦"},
    ]
    response = client.post("/v1/triage/batch", json={"items": items})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r.get("id") for r in results] == ["a", "b", "c", None, "e"]
    assert [r["index"] for r in results] == [0, 1, 2, 3, 4]
    assert "category" in results[0] and "category" in results[4]
    assert results[1]["error"]["status"] == 422 and results[1]["error"]["field"] == "items[1].text"
    assert results[2]["error"]["status"] == 400
    assert results[3]["error"]["field"] == "items[3]"


def test_batch_size_limit(app, client):
    app.config["MAX_BATCH_ITEMS"] = 3
    response = client.post("/v1/triage/batch", json={"items": [{"text": "坏了"}] * 4})
    assert response.status_code == 422 and response.get_json()["field"] == "items"
    assert client.post("/v1/triage/batch", json={"items": []}).status_code == 422


@pytest.mark.parametrize(
    ("kwargs", "status", "kind"),
    [
        ({"data": "{bad json", "content_type": "application/json"}, 400, "bad-json"),
        ({"data": "[1, 2]", "content_type": "application/json"}, 400, "bad-json"),
        ({"json": {"text": 12}}, 400, "wrong-type"),
        ({"json": {"txt": "missing"}}, 400, "missing-field"),
        ({"json": {"text": "好", "metadata": "x"}}, 400, "wrong-type"),
        ({"json": {"text": "好", "store": "yes"}}, 400, "wrong-type"),
        ({"json": {"text": "   "}}, 422, "empty-text"),
        ({"json": {"text": "差" * 5001}}, 422, "text-too-long"),
        ({"data": "text=hi", "content_type": "application/x-www-form-urlencoded"}, 415, "unsupported-media-type"),
        ({"data": b"\xff\xfe", "content_type": "application/json"}, 400, "bad-json"),
    ],
)
def test_bad_requests_get_problem_json(client, kwargs, status, kind):
    response = client.post("/v1/triage", **kwargs)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert body["type"] == f"/problems/{kind}" and body["status"] == status and body["detail"]
    assert "Traceback" not in response.get_data(as_text=True)


def test_body_too_large_is_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/v1/triage", json={"text": "差" * 2000})
    assert response.status_code == 413 and response.mimetype == "application/problem+json"


def test_unknown_path_and_wrong_method(client):
    assert client.get("/v1/nothing").status_code == 404
    response = client.get("/v1/triage")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]
    assert response.get_json(force=True)["type"] == "/problems/method-not-allowed"


def test_model_routing_health_ready(client, triager):
    card = client.get("/v1/model").get_json()
    assert card["version"] == triager.version and "file_sha256" in card
    assert client.get("/v1/routing").get_json()["departments"]["quality"] == "质量管理部"
    assert client.get("/healthz").get_json() == {"status": "ok"}
    assert client.get("/readyz").get_json()["status"] == "ready"


def test_metrics_count_requests_and_complaints(client):
    client.post("/v1/triage", json={"text": "物流太慢了，一周还没到", "store": False})
    text = client.get("/metrics").get_data(as_text=True)
    assert 'triage_http_requests_total{endpoint="/v1/triage",method="POST",status="200"}' in text
    assert "triage_complaints_total{" in text
    assert "triage_http_request_seconds_bucket" in text


def test_openapi_lists_every_api_route(app, client):
    document = client.get("/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    api_rules = {
        r.rule.replace("<", "{").replace(">", "}")
        for r in app.url_map.iter_rules()
        if r.rule.startswith("/v1") or r.rule in ("/healthz", "/readyz")
    }
    assert api_rules <= set(document["paths"])
    assert document["components"]["schemas"]["BatchIn"]["properties"]["items"]["maxItems"] == 500


def test_agent_page_is_self_contained_and_has_security_headers(client):
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "投诉" in html
    assert "http://" not in html and "https://" not in html
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert client.get("/static/agent.js").status_code == 200


def test_feedback_flow_and_stats(client):
    client.post("/v1/triage", json={"text": "鞋子尺码发错了，我买的40发来42", "id": "f1"})
    client.post("/v1/triage", json={"text": "客服不理人", "id": "f2"})
    assert client.post("/v1/complaints/f1/feedback", json={"verdict": "accept", "agent": "王"}).status_code == 201
    corrected = client.post(
        "/v1/complaints/f2/feedback",
        json={"verdict": "correct", "category": "service", "anger": 2, "comment": "骂人了"},
    )
    assert corrected.status_code == 201
    record = client.get("/v1/complaints/f2").get_json()
    assert record["feedback"][-1]["category"] == "service" and record["feedback"][-1]["anger"] == 2
    assert record["result"]["category"] in CATEGORIES  # the prediction is kept as it was
    stats = client.get("/v1/stats").get_json()
    assert stats["overall"]["reviewed"] == 2 and stats["overall"]["accepted"] == 1
    assert client.get("/stats").status_code == 200


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"verdict": "maybe"}, 400),
        ({"verdict": "correct", "category": "x"}, 400),
        ({"verdict": "correct", "anger": 5}, 400),
        ({"verdict": "correct", "secondary": "service"}, 400),
    ],
)
def test_bad_feedback(client, body, status):
    client.post("/v1/triage", json={"text": "客服不理人", "id": "g"})
    assert client.post("/v1/complaints/g/feedback", json=body).status_code == status


def test_feedback_on_unknown_complaint_is_404(client):
    assert client.post("/v1/complaints/nope/feedback", json={"verdict": "accept"}).status_code == 404


def test_complaint_filters_and_paging(client):
    for i, text in enumerate(["快递丢了", "快递摔坏了", "客服骂人", "尺码发错"]):
        client.post("/v1/triage", json={"text": text, "id": f"p{i}"})
    everything = client.get("/v1/complaints?limit=2").get_json()
    assert everything["total"] == 4 and len(everything["items"]) == 2
    second = client.get("/v1/complaints?limit=2&offset=2").get_json()
    assert {i["id"] for i in everything["items"]}.isdisjoint({i["id"] for i in second["items"]})
    category = everything["items"][0]["result"]["category"]
    filtered = client.get(f"/v1/complaints?category={category}").get_json()
    assert all(i["result"]["category"] == category for i in filtered["items"])
    assert client.get("/v1/complaints?since=2000-01-01&until=2000-01-02").get_json()["total"] == 0
    for bad in ("limit=0", "limit=x", "anger=7", "since=yesterday", "needs_review=maybe"):
        assert client.get(f"/v1/complaints?{bad}").status_code == 400


def test_report_page_and_charts(client):
    for text in ("快递丢了", "快递摔坏了", "客服骂人"):
        client.post("/v1/triage", json={"text": text})
    assert "排列图" in client.get("/report").get_data(as_text=True)
    svg = client.get("/report/pareto.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert client.get("/report/other.svg").status_code == 404


def test_unstored_record_is_spooled_when_database_fails(app, client):
    # nothing listens on port 1: every write fails as with a database that is down
    app.extensions["records"].store.engine = sa.create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    data = client.post("/v1/triage", json={"text": "快递丢了", "id": "lost"}).get_json()
    assert data["stored"] is False and "spooled" in data["store_error"] and data["category"] in CATEGORIES
    spool = app.extensions["records"].spool.read_text(encoding="utf-8").splitlines()
    assert json.loads(spool[-1])["item"]["id"] == "lost"
