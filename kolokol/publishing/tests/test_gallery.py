"""A static mirror copies every rendition a gallery shows."""

import re

import pytest

from kolokol.publishing.mirror import assets_in
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_the_mirror_copies_every_gallery_rendition(client):
    article = factories.gallery_article()
    page = client.get(article.url).content
    files = assets_in(page)
    for image in (p["image"] for p in article.body[1].value["photos"]):
        made = {r.url for r in image.renditions.all()}
        shown = set(re.findall(rb'/media/images/[^" ,]+', page)) & {u.encode() for u in made}
        assert shown and {u.decode() for u in shown} <= files
