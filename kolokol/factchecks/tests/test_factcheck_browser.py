"""The fact-check page and the index in headless Chromium: axe-core, no third party, no JavaScript."""

from datetime import date

import pytest
from playwright.sync_api import expect

from kolokol.factchecks.tests import factories as fc
from kolokol.testing import factories
from kolokol.testing.browser import RequestLog, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def checked(live_server):
    """An English and a Persian (right-to-left) service, each with an index and fact-checks."""
    factories.wagtail_tree()  # flushed by the previous transactional test
    pages = {}
    for language, claimant in (("en", "Councillor Rhys Bannon"), ("fa", "شهردار")):
        home = factories.service(language)
        pages[f"{language} index"] = fc.index(home, intro="Claims about the coast, checked.")
        for value in (1, 3, 5):  # a verdict of each tone, for the colours' contrast
            pages[f"{language} fact-check {value}"] = fc.fact_check(
                home,
                value=value,
                claimant=claimant,
                claim_date=date(2025, 3, 21),
                claim_url="https://example.org/minutes",
                lead_image=factories.image(description="A ferry at the pier"),
                sources=[
                    {
                        "title": "Passenger counts",
                        "url": "https://example.org/c",
                        "note": "Monthly.",
                    },
                    {"title": "Interview with the harbour master", "url": "", "note": ""},
                ],
            )
    return pages


def test_fact_checks_and_their_index_pass_axe_and_ask_no_third_party(
    page, live_server, axe_source, checked
):
    log = RequestLog(page, live_server.url)
    problems = {}
    for name in ("en fact-check 1", "en fact-check 3", "en index", "fa fact-check 5", "fa index"):
        url = checked[name].url
        response = page.goto(live_server.url + url)
        assert response.status == 200, name
        if name.endswith("index"):
            page.locator("summary").click()  # the legend, open (in the page's language)
        found = axe_violations(page, axe_source)
        if found:
            problems[name] = found
    assert problems == {}
    assert log.foreign == [] and log.failed == []


def test_without_javascript_the_verdict_and_the_legend_are_there_by_keyboard(
    no_js_page, live_server, checked
):
    page = no_js_page
    page.goto(live_server.url + checked["en fact-check 1"].url)
    expect(page.get_by_role("heading", name="The claim")).to_be_visible()
    expect(page.get_by_text("Our verdict: False")).to_be_visible()
    expect(page.get_by_role("link", name="example.org")).to_be_visible()
    page.goto(live_server.url + checked["en index"].url)
    legend = page.get_by_text("The claim is accurate and leaves out nothing that matters.")
    expect(legend).to_be_hidden()
    page.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(legend).to_be_visible()
    page.get_by_role("link", name=checked["en fact-check 5"].title).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + checked["en fact-check 5"].url)
    expect(page.get_by_text("Our verdict: True")).to_be_visible()
