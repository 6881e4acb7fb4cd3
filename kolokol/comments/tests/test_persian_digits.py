"""Numbers in comment messages and like counts, in the service's digits."""

import re

import pytest

from kolokol.comments.tests.conftest import like_url, policy, send
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_persian_comment_limits_and_like_counts_use_persian_digits(client):
    home = factories.service("fa", title="کولوکول")
    article = factories.article(home, title="گزارش")
    policy(home, max_length=120)
    refused = send(client, article, body="ب" * 121).content.decode()
    message = re.search(r'id="comment-error">([^<]*)<', refused).group(1)
    assert "۱۲۰" in message and "120" not in message
    assert 'maxlength="120"' in refused  # markup keeps ASCII digits
    data = client.post(
        like_url(article),
        REMOTE_ADDR="203.0.113.7",
        HTTP_ACCEPT="application/json",
        HTTP_SEC_FETCH_SITE="same-origin",
    ).json()
    assert data["count"] == 1 and data["label"] == "۱ پسند"
