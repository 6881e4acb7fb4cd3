"""Audio and video in the partners' copy: a link to the file at a full address, the transcript."""

import html
import re

import pytest
from django.conf import settings

from kolokol.services.models import RepublishingLicence
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_the_partners_copy_links_the_recordings_and_carries_their_transcripts(
    client, media_sources
):
    home = factories.service(
        "en", republishing_allowed=True, republishing_licence=RepublishingLicence.CC_BY
    )
    video = factories.clip(media_sources["video"], title="Harbour at dawn", transcript="Gulls.")
    audio = factories.clip(media_sources["audio"], kind="audio", transcript="The mayor speaks.")
    story = factories.article(
        home,
        title="The harbour wakes up",
        lead_clip=video,
        body=[{"type": "audio", "value": {"audio": audio.pk, "caption": "The mayor"}}],
    )
    response = client.get(f"{story.url}republish/")
    copy = html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", response.text, re.S)[1])
    origin = settings.KOLOKOL_BASE_URL
    assert (
        "Video, 0:0" in copy
        and f'<a href="{origin}{video.standard().url}">Harbour at dawn</a>' in copy
    )
    assert f'<a href="{origin}{audio.standard().url}">The mayor</a>' in copy
    assert "<p>Gulls.</p>" in copy and "<p>The mayor speaks.</p>" in copy
    assert "<video" not in copy and "<audio" not in copy
