"""A comment sent while the database is away is refused with its text kept; a bug is not an outage."""

import html
import sqlite3
from contextlib import contextmanager

import pytest
from django.db import connection

from kolokol.comments.models import Comment
from kolokol.comments.tests.conftest import send
from kolokol.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def comments_locked():
    """Another client holds the comments table for writing, as a stuck migration or backup would.

    The app's write waits for as long as its busy (SQLite) or lock
    (PostgreSQL) timeout allows, shortened here from 20 s to 0.3 s.
    """
    if connection.vendor == "sqlite":
        other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("DELETE FROM comments_comment WHERE id < 0")
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 300")
    else:
        import psycopg

        settings = connection.settings_dict
        other = psycopg.connect(
            dbname=settings["NAME"], user=settings["USER"], password=settings["PASSWORD"],
            host=settings["HOST"], port=settings["PORT"] or 5432,
        )  # fmt: skip
        other.execute("LOCK TABLE comments_comment IN ACCESS EXCLUSIVE MODE")
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")
    try:
        yield
    finally:
        other.rollback()
        other.close()


@contextmanager
def comments_table_missing():
    """The comments table is not there, as when a migration was not run."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE comments_comment RENAME TO comments_comment_away")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE comments_comment_away RENAME TO comments_comment")


@pytest.fixture
def article():
    factories.wagtail_tree()
    return factories.article(factories.service("ru", title="Колокол"))


def test_comment_during_an_outage_keeps_its_text(client, article, caplog):
    with comments_locked():
        response = send(client, article, body="Текст <важный> для читателя", name="Аня")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Комментарии ненадолго недоступны" in page
    assert html.escape("Текст <важный> для читателя", quote=False) in page
    assert 'value="Аня"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert not Comment.objects.exists()
    assert [r.levelname for r in caplog.records if "database unavailable" in r.getMessage()]


def test_a_missing_migration_is_a_logged_server_error_not_an_outage(client, article, caplog):
    client.raise_request_exception = False
    with comments_table_missing():
        response = send(client, article, body="Текст")
    assert response.status_code == 500
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert errors and errors[0].exc_info is not None
