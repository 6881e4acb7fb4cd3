"""A gallery in the text-only edition: a note per photo, no pictures."""

import pytest

from kolokol.testing import factories
from kolokol.textedition.parts import block_html

pytestmark = pytest.mark.django_db


def test_the_text_edition_notes_each_photo_without_pictures(client):
    article = factories.gallery_article()
    page = client.get(f"/en/text/{article.get_parent().slug}/{article.slug}/").content.decode()
    assert "[Photo gallery: Opening day on the quay]" in page
    assert "[Photo 1 of 3: Forty stalls on the quay]" in page
    assert "[Photo 2 of 3: The boats that supply the stalls]" in page
    assert "[Photo 3 of 3: &lt;script&gt;" in page
    assert "<img" not in page and "<picture" not in page and "<script>alert" not in page


def test_the_text_edition_falls_back_to_alt_text():
    article = factories.gallery_article(caption="")
    [gallery] = [block for block in article.body if block.block_type == "gallery"]
    assert "[Photo 3 of 3: Shoppers with crates]" in block_html(gallery)
