"""A gallery in the partners' copy: every photo at a full address."""

import html
import re

import pytest
from django.conf import settings

from kolokol.services.models import RepublishingLicence
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_the_partners_copy_has_every_photo_at_a_full_address(client):
    home = factories.service(
        "en", republishing_allowed=True, republishing_licence=RepublishingLicence.CC_BY_ND
    )
    article = factories.gallery_article(home)
    response = client.get(f"{article.url}republish/")
    found = re.search(r'<textarea id="republish-code"[^>]*>(.*?)</textarea>', response.text, re.S)
    copy = html.unescape(found[1])
    images = re.findall(r'<img src="([^"]+)" alt="([^"]*)"', copy)
    assert [alt for _src, alt in images] == [
        "Stalls along the quay",
        "Boats moored at the wall",
        "Shoppers with crates",
    ]
    origin = settings.KOLOKOL_BASE_URL
    assert all(src.startswith(f"{origin}/media/images/") for src, _alt in images)
    assert "Photo 1 of 3 Forty stalls on the quay <small>Photo: Harbour Board</small>" in copy
    assert "<small>Photo: Bo Tan</small>" in copy
    assert "<script" not in copy and "&lt;script&gt;" in copy
    assert "<figcaption>Opening day on the quay</figcaption>" in copy
