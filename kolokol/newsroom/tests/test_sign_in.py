"""Signing in to the admin: guessing passwords stops after a few tries."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("wagtailadmin_login")


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def editor():
    return User.objects.create_superuser("vera", "vera@example.org", "a-long-pass-phrase")


def test_wrong_passwords_lock_the_account_and_the_address(client, editor):
    for _ in range(4):
        assert sign_in(client, "vera", "guess").status_code == 200  # the form again, with its error
    assert sign_in(client, "vera", "guess").status_code == 429  # the fifth locks
    # Now even the right password is refused for a while, from here or elsewhere.
    assert sign_in(client, "vera", "a-long-pass-phrase").status_code == 429
    assert sign_in(client, "vera", "a-long-pass-phrase", address="198.51.100.9").status_code == 429
    # And the address that guessed is refused for other accounts too.
    User.objects.create_user("olga", "olga@example.org", "another-long-phrase")
    assert sign_in(client, "olga", "another-long-phrase").status_code == 429
    # No raw address is kept.
    stored = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    assert stored and not {"203.0.113.7", "198.51.100.9"} & stored


def test_a_right_password_before_the_limit_resets_the_count(client, editor):
    for _ in range(4):
        sign_in(client, "vera", "guess")
    assert sign_in(client, "vera", "a-long-pass-phrase").status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "vera", "guess")
    assert sign_in(client, "vera", "a-long-pass-phrase").status_code == 302
