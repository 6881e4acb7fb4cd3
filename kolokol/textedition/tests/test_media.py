"""Audio and video in the text-only edition: a note, a link to the lightest file, the transcript."""

import pytest

from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_a_video_story_is_its_transcript_and_a_light_download(client, media_sources):
    home = factories.service("en")
    video = factories.clip(
        media_sources["video"], title="Harbour at dawn", transcript="Gulls.\n\nThe first boat."
    )
    audio = factories.clip(media_sources["audio"], kind="audio", transcript="The mayor speaks.")
    story = factories.article(
        home,
        title="The harbour wakes up",
        lead_clip=video,
        body=[{"type": "audio", "value": {"audio": audio.pk, "caption": "<b>The mayor</b>"}}],
    )
    page = client.get(f"/en/text/{story.get_parent().slug}/{story.slug}/").content.decode()
    assert "<video" not in page and "<audio" not in page and "<img" not in page
    assert "[Video, 0:0" in page and "<p>Gulls.</p>" in page and "<p>The first boat.</p>" in page
    assert f'href="{video.lightest().url}" download>Download (' in page
    assert "[Audio, 0:03: &lt;b&gt;The mayor&lt;/b&gt;]" in page
    assert "speech.m4a" in page and "opus.ogg" not in page
    assert "<p>The mayor speaks.</p>" in page
