"""A comment sent while the database is away is refused with its text kept."""

import html
from contextlib import contextmanager

import pytest
from django.db import connection

from kolokol.comments.models import Comment
from kolokol.comments.tests.conftest import send
from kolokol.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def broken_database():
    """The comments table is gone for the duration: every query on it fails for real."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE comments_comment RENAME TO comments_comment_away")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE comments_comment_away RENAME TO comments_comment")


def test_comment_during_an_outage_keeps_its_text(client):
    factories.wagtail_tree()
    article = factories.article(factories.service("ru", title="Колокол"))
    with broken_database():
        response = send(client, article, body="Текст <важный> для читателя", name="Аня")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Комментарии ненадолго недоступны" in page
    assert html.escape("Текст <важный> для читателя", quote=False) in page
    assert 'value="Аня"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert not Comment.objects.exists()
