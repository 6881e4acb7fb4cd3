"""/healthz and /readyz, as a load balancer and an operator's monitoring ask them."""

import pytest

from kolokol.publishing import health
from kolokol.publishing.models import Heartbeat

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_readyz_checks_database_cache_and_store_and_reports_the_worker(client, rendered_store):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "store": "ok"},
        "worker_heartbeat_age": None,  # no worker has run yet
    }
    health.beat("worker@test")  # what each worker round ends with (test_worker.py)
    assert Heartbeat.objects.count() == 1
    age = client.get("/readyz").json()["worker_heartbeat_age"]
    assert isinstance(age, int) and 0 <= age < 60
    # Never kept in the rendered store.
    assert rendered_store.get("/readyz") is None and rendered_store.get("/healthz") is None


def test_readyz_fails_when_the_store_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.KOLOKOL_STORE_ENABLED = True
    settings.KOLOKOL_STORE_DIR = blocker / "store"
    response = client.get("/readyz")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "failed" and data["checks"]["store"].startswith("failed")
    assert data["checks"]["database"] == "ok"
