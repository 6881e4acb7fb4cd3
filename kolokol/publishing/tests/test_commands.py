"""`kolokol rerender` and `kolokol setup` and the rendered store."""

from io import StringIO

import pytest
from django.core.management import call_command

from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_rerender_fills_the_store_with_every_public_page(rendered_store):
    home = factories.service("en")
    article = factories.article(home, topics=["tides"])
    rendered_store.put("/en/gone/", b"stale page of a deleted article")
    err = StringIO()
    call_command("rerender", stdout=StringIO(), stderr=err)
    urls = set(rendered_store.urls())
    assert {
        "/",
        home.url,
        article.url,
        article.get_parent().url,
        "/en/topics/",
        "/en/topics/tides/",
    } <= urls
    assert "/en/gone/" not in urls
    assert "Rendering [" in err.getvalue() and "/s" in err.getvalue()
    assert article.title in rendered_store.get(article.url).path.read_text()


def test_rerender_one_service_leaves_the_others(rendered_store):
    en = factories.service("en")
    ru = factories.service("ru")
    rendered_store.put(ru.url, b"russian home as it was")
    call_command("rerender", service="en", stdout=StringIO(), stderr=StringIO())
    assert rendered_store.get(en.url) is not None
    assert rendered_store.get(ru.url).path.read_bytes() == b"russian home as it was"


def test_purge_only_empties_the_store(rendered_store):
    rendered_store.put("/en/", b"x")
    call_command("rerender", purge_only=True, stdout=StringIO())
    assert rendered_store.urls() == []
