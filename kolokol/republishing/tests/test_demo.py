"""The demo: its English and Russian services offer their articles to partners, but one."""

import pytest

from kolokol.articles.models import ArticlePage
from kolokol.live.models import LiveBlogPage
from kolokol.republishing.tests.test_page import code
from kolokol.services.models import ServiceHomePage
from kolokol.testing.vnu import errors as html_errors

pytestmark = pytest.mark.django_db

OPTED_OUT = "hollin-sands-residents-committee"


@pytest.fixture
def demo(loaded_demo):
    """The demo as ``load_demo`` leaves it (loaded once for this module)."""


def test_the_demo_offers_english_and_russian_articles_but_one(demo, client):
    services = {home.slug: home for home in ServiceHomePage.objects.live()}
    for slug in ("en", "ru"):
        assert services[slug].republishing_allowed
        assert services[slug].republishing_licence == "cc-by-nd-4.0"
    for slug in ("ky", "fa"):
        assert not services[slug].republishing_allowed
    articles = ArticlePage.objects.live().specific()
    offered = {article.slug for article in articles if article.republishable}
    # Live blogs are never offered (a copy would be stale with the next post).
    english = {
        a.slug for a in articles.descendant_of(services["en"]) if not isinstance(a, LiveBlogPage)
    }
    assert OPTED_OUT in english and OPTED_OUT not in offered
    assert english - {OPTED_OUT} <= offered
    opted_out = articles.get(slug=OPTED_OUT)
    assert client.get(f"{opted_out.url}republish/").status_code == 404

    pages = {}
    for home in (services["en"], services["ru"]):
        articles = ArticlePage.objects.in_service(home).exact_type(ArticlePage)
        article = articles.exclude(slug=OPTED_OUT).first()
        response = client.get(f"{article.url}republish/")
        assert response.status_code == 200
        assert "https://creativecommons.org/licenses/by-nd/4.0/" in code(response)
        assert "partners@example.org" in response.text
        pages[f"{home.slug} partners' page"] = response.content
        pages[f"{home.slug} article"] = client.get(article.url).content
    assert html_errors(pages) == []
