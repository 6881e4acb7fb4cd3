"""A gallery in the offline edition: every photo inside the file."""

import pytest

from kolokol.editions import build
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_the_offline_edition_holds_the_photos():
    home = factories.service("en")
    factories.gallery_article(home)
    [story] = build.contents(home, days=1).stories
    pictures = [block for block in story.blocks if block["type"] == "image"]
    assert [p["picture"].alt for p in pictures] == [
        "Stalls along the quay",
        "Boats moored at the wall",
        "Shoppers with crates",
    ]
    assert any("Opening day on the quay" in block.get("html", "") for block in story.blocks)
    text = build.render_html(build.contents(home, days=1))
    assert text.count(b'src="data:image/jpeg;base64,') == 3
    assert b"<script>alert" not in text
