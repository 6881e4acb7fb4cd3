"""Audio and video in the offline edition: what was said, since a book plays nothing."""

import pytest

from kolokol.editions import build
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_the_offline_edition_carries_the_transcript(media_sources):
    home = factories.service("en")
    audio = factories.clip(
        media_sources["audio"], kind="audio", title="<i>Interview</i>", transcript="One.\n\nTwo."
    )
    lead = factories.clip(media_sources["audio"], kind="audio", title="Lead", transcript="Zero.")
    factories.article(
        home,
        lead_clip=lead,
        body=[{"type": "audio", "value": {"audio": audio.pk, "caption": ""}}],
    )
    [story] = build.contents(home, days=1).stories
    [note] = [block["html"] for block in story.blocks if "Interview" in block.get("html", "")]
    assert note == "<h3>&lt;i&gt;Interview&lt;/i&gt;</h3><p>One.</p><p>Two.</p>"
    assert story.blocks[0]["html"] == "<h3>Lead</h3><p>Zero.</p>"
    text = build.render_html(build.contents(home, days=1))
    assert b"<audio" not in text and b"<p>Two.</p>" in text
