"""The admin answers under a Content-Security-Policy of its own."""

import pytest
from django.contrib.auth.models import User

from kolokol.core.middleware import ADMIN_CSP
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db


def test_admin_pages_and_its_sign_in_carry_the_admin_policy(client):
    signin = client.get("/admin/login/")
    assert signin["Content-Security-Policy"] == ADMIN_CSP
    verified_login(client, User.objects.create_superuser("vera", "vera@example.org", "x"))
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    policy = dict(
        part.strip().split(" ", 1) for part in dashboard["Content-Security-Policy"].split(";")
    )
    # Nothing from or to another host; no framing by another site.
    assert policy["default-src"] == "'self'" and policy["connect-src"] == "'self'"
    assert policy["frame-ancestors"] == "'self'" and policy["form-action"] == "'self'"
    assert policy["object-src"] == "'none'"
