"""API fuzzing from the OpenAPI document: no 5xx, every response matches the schema."""

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import response_schema_conformance

from triage.service import create_app

app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://"})
schema = schemathesis.openapi.from_wsgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document(case):
    response = case.call()
    assert response.status_code < 500, response.text
    case.validate_response(response, checks=[response_schema_conformance])
