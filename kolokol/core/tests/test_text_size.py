"""The reader's text size: XS SM MD LG, with and without JavaScript."""

import pytest

from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_choosing_a_size_sets_only_that_cookie_and_returns_to_the_page(client):
    response = client.get("/text-size/", {"size": "lg", "next": "/ru/some/page/"})
    assert response.status_code == 303
    assert response["Location"] == "/ru/some/page/"
    assert list(response.cookies) == ["textsize"]
    cookie = response.cookies["textsize"]
    assert cookie.value == "lg" and cookie["samesite"] == "Lax"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_it_never_redirects_off_site(client, target):
    response = client.get("/text-size/", {"size": "lg", "next": target})
    assert response["Location"] == "/"


def test_unknown_size_sets_no_cookie(client):
    response = client.get("/text-size/", {"size": "huge", "next": "/"})
    assert not response.cookies


def test_page_renders_the_chosen_size(client):
    home = factories.service("en")
    client.cookies["textsize"] = "xs"
    html = client.get(home.url).content.decode()
    assert 'class="ts-xs"' in html
    assert (
        'data-size="xs" aria-current="true">XS<span class="visually-hidden"> — Extra small text'
        in html
    )
    client.cookies["textsize"] = "<script>"
    assert 'class="ts-md"' in client.get(home.url).content.decode()
