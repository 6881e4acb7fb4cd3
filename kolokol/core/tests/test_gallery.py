"""The gallery block's own rules: alt text on every photo, at least two photos."""

import json

import pytest
from django.core.exceptions import ValidationError

from kolokol.core.blocks import ArticleBodyBlock, GalleryBlock
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_every_photo_needs_alt_text_and_a_gallery_two_photos():
    factories.service("en")
    bare = factories.image(description="")
    described = factories.image()
    block = GalleryBlock()
    with pytest.raises(ValidationError) as refused:
        block.clean(
            block.to_python(
                {
                    "title": "",
                    "photos": [factories.gallery_photo(described), factories.gallery_photo(bare)],
                }
            )
        )
    assert "no alt text" in json.dumps(refused.value.as_json_data())
    # The same from the body as a whole, as the article form cleans it.
    body = ArticleBodyBlock()
    stream = [
        {
            "type": "gallery",
            "value": {
                "title": "",
                "photos": [factories.gallery_photo(bare), factories.gallery_photo(bare)],
            },
        }
    ]
    with pytest.raises(ValidationError):
        body.clean(body.to_python(stream))
    with pytest.raises(ValidationError) as refused:
        block.clean(block.to_python({"title": "", "photos": [factories.gallery_photo(described)]}))
    assert "minimum number of items is 2" in json.dumps(refused.value.as_json_data())
    block.clean(
        block.to_python(
            {
                "title": "",
                "photos": [factories.gallery_photo(described), factories.gallery_photo(described)],
            }
        )
    )
