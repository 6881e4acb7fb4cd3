"""The text-only edition in headless Chromium: accessible, one stylesheet, nothing else."""

import pytest

from kolokol.testing import factories
from kolokol.testing.browser import RequestLog, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_text_pages_pass_axe_and_load_only_their_stylesheet(page, live_server, axe_source):
    factories.wagtail_tree()  # flushed by the previous transactional test
    en = factories.service("en")
    fa = factories.service("fa")
    picture = factories.image()
    body = [
        *factories.FULL_BODY_EN,
        {"type": "image", "value": {"image": picture.pk, "caption": "The queue at dawn"}},
    ]
    article_en = factories.article(en, title="Ferry returns", body=body, lead_image=picture)
    article_fa = factories.article(fa, title="پل باز شد", body=body)
    urls = [
        "/en/text/",
        f"/en/text/society/{article_en.slug}/",
        "/fa/text/",
        f"/fa/text/{article_fa.get_parent().slug}/{article_fa.slug}/",
    ]
    log = RequestLog(page, live_server.url)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    problems = {}
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        found = axe_violations(page, axe_source)
        if found:
            problems[url] = found
    assert problems == {}
    assert log.foreign == [] and log.failed == []
    assert errors == []  # no CSP refusals: nothing inline
    fetched = {url.removeprefix(live_server.url) for url in log.urls}
    assert {u for u in fetched if u not in urls} <= {
        "/static/textedition/text.css",
        "/static/core/favicon.svg",
    }, fetched
