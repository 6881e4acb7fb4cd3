"""Page passwords and password resets: a script guessing or flooding is stopped."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from kolokol.newsroom import throttle
from kolokol.testing import factories

pytestmark = pytest.mark.django_db

HERE, THERE = "203.0.113.7", "198.51.100.9"


@pytest.fixture
def locked_article():
    ru = factories.service("ru")
    article = factories.article(ru, title="Только для подписчиков")
    restriction = PageViewRestriction.objects.create(
        page=article,
        restriction_type=PageViewRestriction.PASSWORD,
        password="a-shared-secret",  # noqa: S106 (a test page's)
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, article.pk])
    return article, url


def try_password(client, url, article, password, address=HERE):
    data = {"password": password, "return_url": article.url}
    return client.post(url, data, REMOTE_ADDR=address)


def test_guessing_a_page_password_is_stopped_then_the_right_one_waits_too(client, locked_article):
    article, url = locked_article
    for _ in range(throttle.PAGE_PASSWORD_TRIES):
        assert try_password(client, url, article, "guess").status_code == 200  # the form again
    refused = try_password(client, url, article, "a-shared-secret")
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert refused["Retry-After"] == str(throttle.WINDOW)
    # Another reader, who knows it, is let in.
    other = Client()
    assert try_password(other, url, article, "a-shared-secret", THERE).status_code == 302


def test_a_right_page_password_does_not_count_against_the_reader(client, locked_article):
    article, url = locked_article
    for _ in range(throttle.PAGE_PASSWORD_TRIES + 2):
        assert try_password(client, url, article, "a-shared-secret").status_code == 302


def test_password_reset_mails_are_limited_per_address_and_per_client(client):
    User.objects.create_user("vera", "vera@example.org", "a-long-pass-phrase")
    reset = reverse("wagtailadmin_password_reset")
    for _ in range(throttle.RESETS_PER_ADDRESS):
        assert (
            client.post(reset, {"email": "vera@example.org"}, REMOTE_ADDR=THERE).status_code == 302
        )
    sent = len(mail.outbox)
    assert sent == throttle.RESETS_PER_ADDRESS
    # The same address again, from anywhere: refused, and no mail.
    assert client.post(reset, {"email": "VERA@example.org"}, REMOTE_ADDR=HERE).status_code == 429
    assert len(mail.outbox) == sent
    # One client asking for many addresses is held too (the refusal did not count).
    for n in range(throttle.RESETS):
        client.post(reset, {"email": f"someone{n}@example.org"}, REMOTE_ADDR=HERE)
    assert client.post(reset, {"email": "last@example.org"}, REMOTE_ADDR=HERE).status_code == 429
