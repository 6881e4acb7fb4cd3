"""The partners' page in headless Chromium: accessible, nothing from elsewhere, no script needed."""

import pytest

from kolokol.testing import factories
from kolokol.testing.browser import RequestLog, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_page_passes_axe_loads_only_our_files_and_works_without_javascript(
    page, no_js_page, live_server, axe_source
):
    factories.wagtail_tree()  # flushed by the previous transactional test
    picture = factories.image()
    body = [
        *factories.FULL_BODY_EN,
        {"type": "image", "value": {"image": picture.pk, "caption": "The queue at dawn"}},
    ]
    urls = []
    for language, title in (("en", "Ferry returns"), ("fa", "پل باز شد")):
        home = factories.service(
            language,
            republishing_allowed=True,
            republishing_licence="cc-by-nd-4.0",
            republishing_terms="Tell us when you do.",
        )
        article = factories.article(home, title=title, body=body, lead_image=picture)
        urls.append(f"{article.url}republish/")

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
    assert "/static/republishing/css/republish.css" in fetched
    assert not [url for url in fetched if url.startswith("/media/")]  # the copy is only text

    # Without JavaScript the code is there to select, by its label.
    no_js_page.goto(live_server.url + urls[0])
    box = no_js_page.get_by_label("HTML code of the article")
    assert box.get_attribute("readonly") is not None
    code = box.input_value()
    assert code.startswith('<link rel="canonical" href="')
    assert "<h1>Ferry returns</h1>" in code and code.rstrip().endswith("</article>")
