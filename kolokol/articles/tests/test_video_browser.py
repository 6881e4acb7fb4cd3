"""A video story in headless Chromium: played and its transcript opened by keyboard alone."""

import pytest
from playwright.sync_api import expect

from kolokol.testing import factories
from kolokol.testing.browser import RequestLog, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_video_plays_and_its_transcript_opens_from_the_keyboard(
    page, live_server, axe_source, media_sources, settings
):
    settings.KOLOKOL_SERVE_MEDIA = True
    factories.wagtail_tree()  # flushed by the previous transactional test
    home = factories.service("en", title="Kolokol")
    clip = factories.clip(
        media_sources["video"], title="Harbour at dawn", transcript="Gulls over the pier."
    )
    story = factories.article(home, title="The harbour wakes up", lead_clip=clip)
    log = RequestLog(page, live_server.url)
    page.goto(live_server.url + story.url)
    video = page.locator("video")
    # Nothing but the poster before play.
    assert page.evaluate("document.querySelector('video').networkState") in (0, 1)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "VIDEO":
            break
    else:
        pytest.fail("the video cannot be reached with Tab")
    page.keyboard.press("Space")
    # (wait_for_function evaluates a string, which the page's CSP forbids)
    for _ in range(150):
        if video.evaluate("v => v.currentTime") > 0.3:
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail(f"the video did not play: {video.evaluate('v => v.error && v.error.message')}")
    source = video.evaluate("v => v.currentSrc")
    assert source.endswith(("/hls.m3u8", "/240p.mp4")), source
    assert log.failed == []  # (pausing may abort a segment under way)
    video.evaluate("v => v.pause()")
    page.keyboard.press("Tab")
    summary = page.locator("details.transcript summary")
    while page.evaluate("document.activeElement.tagName") != "SUMMARY":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("details.transcript p")).to_have_text("Gulls over the pier.")
    assert summary.is_visible()
    assert axe_violations(page, axe_source) == []
    assert log.foreign == []
