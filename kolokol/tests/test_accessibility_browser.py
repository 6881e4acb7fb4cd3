"""axe-core at WCAG 2.2 AA on every public page type, in headless Chromium."""

import shutil

import pytest
from django.core.management import call_command

from kolokol.articles.models import ArticlePage
from kolokol.people.models import AuthorIndexPage, AuthorPage
from kolokol.programs.models import ProgramPage
from kolokol.sections.models import SectionPage, TopicIndexPage
from kolokol.services.models import ServiceHomePage
from kolokol.testing import factories
from kolokol.testing.browser import RequestLog, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def page_types() -> dict[str, str]:
    """One URL of every kind of public page, from the demo content."""
    ru = ServiceHomePage.objects.get(slug="ru")
    en = ServiceHomePage.objects.get(slug="en")
    topics = TopicIndexPage.objects.descendant_of(ru).specific().first()
    tag = topics.topics()[0]
    return {
        "portal": "/",
        "home ru": ru.url,
        "home en": en.url,
        "section": SectionPage.objects.descendant_of(ru).first().url,
        "article ru": ArticlePage.objects.descendant_of(ru).first().url,
        "article en": ArticlePage.objects.descendant_of(en).first().url,
        "topic index": topics.url,
        "topic": topics.topic_url(tag),
        "author index": AuthorIndexPage.objects.descendant_of(en).first().url,
        "author": AuthorPage.objects.descendant_of(ru).first().url,
        "search results": ru.url + "search/?q=мост",
        "search, nothing found": en.url + "search/?q=zzzzqx",
        "newsletter form": ru.url + "newsletter/",
    }


def test_no_axe_violations_and_no_foreign_requests_on_any_page_type(page, live_server, axe_source):
    factories.wagtail_tree()  # flushed by the previous transactional test
    call_command("load_demo", verbosity=0)
    urls = page_types()
    # Right to left: the Persian service's home and every article (together
    # they hold every block type), and the Kyrgyz home and an article.
    fa = ServiceHomePage.objects.get(slug="fa")
    ky = ServiceHomePage.objects.get(slug="ky")
    urls["home fa"], urls["home ky"] = fa.url, ky.url
    urls["newsletter form fa"] = fa.url + "newsletter/"
    if shutil.which("ffmpeg"):  # the demo's programs and video are made with it
        urls["program"] = (
            ProgramPage.objects.descendant_of(ServiceHomePage.objects.get(slug="ru")).first().url
        )
        urls["video story"] = ArticlePage.objects.filter(lead_clip__type="video").first().url
        urls["program fa"] = ProgramPage.objects.descendant_of(fa).first().url
    urls["article ky"] = ArticlePage.objects.descendant_of(ky).first().url
    for article in ArticlePage.objects.descendant_of(fa):
        urls[f"article fa {article.slug}"] = article.url
    log = RequestLog(page, live_server.url)
    problems = {}
    for name, url in urls.items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, (name, url)
        page.wait_for_load_state("networkidle")
        found = axe_violations(page, axe_source)
        if found:
            problems[name] = found
    assert problems == {}
    assert log.foreign == []
    assert log.failed == []
