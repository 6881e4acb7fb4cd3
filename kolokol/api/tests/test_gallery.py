"""A gallery in the JSON API and ninjs: each photo with its renditions."""

import pytest

from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_the_api_gives_each_photo_with_its_renditions(client):
    article = factories.gallery_article()
    data = client.get(f"/api/v1/articles/{article.pk}/").json()
    [gallery] = [block for block in data["body"] if block["type"] == "gallery"]
    value = gallery["value"]
    assert value["title"] == "Opening day on the quay"
    assert [p["caption"] for p in value["photos"]][:2] == [
        "Forty stalls on the quay",
        "The boats that supply the stalls",
    ]
    assert value["photos"][2]["caption"] == factories.HOSTILE  # data, escaped by whoever shows it
    assert [p["credit"] for p in value["photos"]] == [
        "Photo: Harbour Board",
        "Photo: Bo Tan",
        "Photo: Cy Roe",
    ]
    first = value["photos"][0]["image"]
    assert first["alt"] == "Stalls along the quay"
    assert first["renditions"] and all(
        r["url"].startswith("http://testserver/media/") for r in first["renditions"]
    )
    assert (
        "Photo 3 of 3" in data["body_html"]
        and 'srcset="http://testserver/media/' in (data["body_html"])
    )
    ninjs = client.get(f"/api/v1/ninjs/articles/{article.pk}/").json()
    body = ninjs["bodies"][0]["value"]
    assert "Photo 1 of 3" in body and "<script>alert" not in body
