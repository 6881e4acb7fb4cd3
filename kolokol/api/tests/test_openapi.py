"""The OpenAPI schema is served and is a valid OpenAPI document."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_served_and_valid(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert set(schema["paths"]) == {
        "/api/v1/services/",
        "/api/v1/sections/",
        "/api/v1/topics/",
        "/api/v1/authors/",
        "/api/v1/articles/",
        "/api/v1/articles/{article_id}/",
        "/api/v1/ninjs/articles/",
        "/api/v1/ninjs/articles/{article_id}/",
    }
    # Read-only: nothing but GET is offered.
    assert {method for ops in schema["paths"].values() for method in ops} == {"get"}
    articles = schema["paths"]["/api/v1/articles/"]["get"]
    names = {p["name"] for p in articles["parameters"]}
    assert {"service", "section", "topic", "author", "published_since", "published_until"} <= names
    assert {"cursor", "page_size"} <= names
    assert "422" in articles["responses"] and "429" in articles["responses"]
