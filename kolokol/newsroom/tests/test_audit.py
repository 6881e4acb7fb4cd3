"""The audit log: sign-ins, failed ones, lock-outs and changes of powers, without addresses."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from kolokol.newsroom.models import AuditEvent
from kolokol.newsroom.roles import setup_service
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db

LOGIN = reverse("wagtailadmin_login")
HERE, THERE = "203.0.113.7", "198.51.100.9"


def sign_in(client, username, password, address=HERE):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def events(**filters) -> list[tuple[str, str, str, str]]:
    found = AuditEvent.objects.filter(**filters).order_by("at", "id")
    return [(e.action, e.username, e.detail, e.actor) for e in found]


@pytest.fixture
def admin():
    return User.objects.create_superuser("vera", "vera@example.org", "a-long-pass-phrase")


def test_sign_ins_failures_and_a_lock_out_are_recorded_without_the_address(client, admin):
    User.objects.create_user("olga", "olga@example.org", "another-long-phrase")
    AuditEvent.objects.all().delete()
    assert sign_in(client, "vera", "a-long-pass-phrase").status_code == 302
    client.logout()
    sign_in(client, "nobody", "guess", address=THERE)  # a name that is no account's
    for _ in range(5):
        sign_in(client, "olga", "guess")

    assert events() == [
        ("signed_in", "vera", "", ""),
        ("signed_out", "vera", "", ""),
        ("sign_in_failed", "nobody", "", ""),
        *[("sign_in_failed", "olga", "", "")] * 4,
        # The fifth failure locks the account (axes says so first).
        ("locked_out", "olga", "", ""),
        ("sign_in_failed", "olga", "", ""),
    ]
    clients = dict(AuditEvent.objects.values_list("username", "client"))
    assert clients["vera"] == clients["olga"] != clients["nobody"]  # one client, another
    stored = " ".join(AuditEvent.objects.values_list("client", flat=True))
    assert HERE not in stored and THERE not in stored and len(clients["vera"]) == 12


def test_roles_given_in_the_admin_name_who_gave_them(client, admin):
    ru = factories.service("ru")
    setup_service(ru)
    reporters = Group.objects.get(name="Kolokol RU: Корреспонденты")
    olga = User.objects.create_user("olga", "olga@example.org", "another-long-phrase")
    verified_login(client, admin)
    form = {
        "username": "olga",
        "email": "olga@example.org",
        "first_name": "Olga",
        "last_name": "Ivanova",
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": [reporters.pk],
    }
    response = client.post(reverse("wagtailusers_users:edit", args=[olga.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert events(action="role_given") == [("role_given", "olga", reporters.name, "vera")]

    form["groups"] = []
    form["is_superuser"] = "on"
    client.post(reverse("wagtailusers_users:edit", args=[olga.pk]), form)
    assert events(username="olga", action__in=["role_taken", "admin_given"]) == [
        ("admin_given", "olga", "", "vera"),
        ("role_taken", "olga", reporters.name, "vera"),
    ]


def test_roles_given_on_the_command_line_are_recorded_too():
    factories.service("ru")
    User.objects.create_user("olga")
    call_command("newsroom", "grant", "olga", "chief-editor", "ru", stdout=StringIO())
    call_command("newsroom", "grant", "olga", "admin", stdout=StringIO())
    call_command("newsroom", "revoke", "olga", "admin", stdout=StringIO())
    assert [(a, u) for a, u, _d, _b in events(username="olga")] == [
        ("role_given", "olga"),
        ("admin_given", "olga"),
        ("admin_taken", "olga"),
    ]
    assert events(action="role_given")[0][2] == "Kolokol RU: Главные редакторы"


def test_only_administrators_read_the_log(client, admin):
    sign_in(client, "nobody", "<script>alert(1)</script>")
    sign_in(client, "<b>mallory</b>", "guess")
    editor = User.objects.create_user("ivan", "ivan@example.org", "x", is_staff=True)
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    verified_login(client, editor)
    assert client.get(reverse("audit_log")).status_code in {302, 403}

    verified_login(client, admin)
    page = client.get(reverse("audit_log"), {"action": "sign_in_failed"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "&lt;b&gt;mallory&lt;/b&gt;" in html and "<b>mallory</b>" not in html
    assert "Signed in" not in html.split("<tbody>")[1]  # filtered to failures
