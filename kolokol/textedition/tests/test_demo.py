"""Every text page of the demo, in every language: small, lean and valid HTML."""

import pytest

from kolokol.services.models import ServiceHomePage
from kolokol.testing import vnu
from kolokol.textedition.addresses import public_urls
from kolokol.textedition.tests.test_pages import lean

pytestmark = pytest.mark.django_db


def test_every_demo_text_page_is_small_lean_and_valid(loaded_demo, client):
    vnu.require_vnu()
    pages = {}
    for home in ServiceHomePage.objects.live():
        urls = public_urls(home)
        assert len(urls) > 1, home.slug
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            lean(response.content)
            pages[url] = response.content
        html = pages[home.url + "text/"].decode()
        direction = "rtl" if home.language == "fa" else "ltr"
        assert f'<html lang="{home.language}" dir="{direction}">' in html
    assert vnu.errors(pages) == []
