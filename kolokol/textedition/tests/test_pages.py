"""The text-only edition's pages: what they hold, what they leave out, their size."""

import re

import pytest

from kolokol.testing import factories
from kolokol.textedition.parts import BUDGET

pytestmark = pytest.mark.django_db

LIMIT = 50_000  # bytes, uncompressed: the edition's promise


def lean(html: bytes) -> None:
    """No picture, script, web font or address elsewhere; small enough."""
    assert len(html) <= LIMIT, len(html)
    text = html.decode()
    for banned in ("<img", "<picture", "<script", "<svg", "<iframe", "@font-face", "<style"):
        assert banned not in text, banned
    assert " style=" not in text
    # Nothing the browser fetches from another host (links to follow are fine).
    for tag in re.findall(r"<link[^>]*>", text):
        assert 'href="/' in tag or 'href="http://testserver/' in tag, tag


def test_the_index_lists_headlines_newest_first_linking_text_copies(client):
    home = factories.service("en")
    older = factories.article(home, title="Ferry returns", published_hours_ago=5)
    newer = factories.article(home, title="Bridge reopens", published_hours_ago=1)
    response = client.get("/en/text/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Bridge reopens") < html.index("Ferry returns")
    assert f'href="/en/text/society/{newer.slug}/"' in html
    assert f'href="/en/text/society/{older.slug}/"' in html
    assert '<html lang="en" dir="ltr">' in html
    lean(response.content)


def test_the_index_is_paginated_like_the_archives(client):
    home = factories.service("en")
    for n in range(23):
        factories.article(home, title=f"Headline {n}", published_hours_ago=30 - n)
    front = client.get("/en/text/").content.decode()
    assert "Headline 22" in front and "Headline 2<" not in front
    assert 'href="/en/text/page/1/"' in front
    oldest = client.get("/en/text/page/1/").content.decode()
    assert "Headline 0<" in oldest and "Headline 22" not in oldest
    assert client.get("/en/text/page/3/").status_code == 404


def test_an_article_in_plain_html_with_its_links(client):
    home = factories.service("en")
    picture = factories.image(description="Cars queue at the bridge")
    article = factories.article(
        home,
        title="Ferry returns",
        standfirst="After a week of repairs.",
        dateline="Bergen",
        authors=[factories.author(home, "Mira Holm")],
        lead_image=picture,
        body=[
            *factories.FULL_BODY_EN,
            {"type": "image", "value": {"image": picture.pk, "caption": "The queue at dawn"}},
        ],
    )
    response = client.get(f"/en/text/society/{article.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    for expected in (
        "<h1>Ferry returns</h1>",
        "After a week of repairs.",
        "Mira Holm",
        "Bergen",
        "The ferry resumed at dawn after a week of repairs.",
        "We missed the river",  # the quote
        "<li>First crossing 06:10</li>",  # the list
        "Built in 1961",  # the fact box
        'href="https://www.openstreetmap.org/#map=13/59.91/10.75"',  # the embed, as a link
        "[Image: Cars queue at the bridge]",  # the lead picture, by its description
        "[Image: The queue at dawn]",  # an inline picture, by its caption
        f'href="{article.url}"',  # the full page
        'href="/en/text/"',  # back to the headlines
        "<time datetime=",
    ):
        assert expected in html, expected
    lean(response.content)


def test_dates_are_in_the_services_zone_and_persian_is_right_to_left(client):
    home = factories.service("fa", time_zone="Asia/Tehran")
    article = factories.article(home, title="پل باز شد")
    response = client.get(f"/fa/text/{article.get_parent().slug}/{article.slug}/")
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "+03:30" in html  # machine time in Tehran's offset
    lean(response.content)
    assert '<html lang="fa" dir="rtl">' in client.get("/fa/text/").content.decode()


def test_a_very_long_article_is_cut_into_parts_each_under_the_limit(client):
    home = factories.service("ru")
    picture = factories.image()
    paragraph = "<p>" + "Очень длинный абзац о мосте через реку. " * 40 + "</p>"
    body = []
    for n in range(120):
        body.append({"type": "paragraph", "value": f"<p>Абзац номер {n}.</p>" + paragraph})
        if n % 10 == 0:
            body.append({"type": "image", "value": {"image": picture.pk, "caption": f"Фото {n}"}})
    # One block longer than a page on its own: cut between its paragraphs.
    body.append({"type": "paragraph", "value": paragraph * 40 + "<p>Последний абзац.</p>"})
    article = factories.article(home, title="Длинная история", body=body)
    base = f"/ru/text/{article.get_parent().slug}/{article.slug}/"
    pages = [client.get(base)]
    while True:
        html = pages[-1].content.decode()
        found = re.search(r'<a rel="next" href="([^"]+)"', html)
        if not found:
            break
        pages.append(client.get(found.group(1)))
    assert len(pages) > 5
    text = ""
    for number, response in enumerate(pages, start=1):
        assert response.status_code == 200
        lean(response.content)
        text += response.content.decode()
        if number > 1:
            assert (
                f'href="{base if number == 2 else f"{base}{number - 1}/"}"'
                in response.content.decode()
            )
    for n in range(120):
        assert f"Абзац номер {n}." in text
    assert "Последний абзац." in text
    assert len(re.findall(r"\[[^]:]+: Фото \d+\]", text)) == 12
    assert client.get(f"{base}{len(pages) + 1}/").status_code == 404
    assert client.get(f"{base}1/").status_code == 404  # the first part has one address
    assert BUDGET < LIMIT


def test_unpublished_private_and_other_services_articles_have_no_text_copy(client):
    from wagtail.models import PageViewRestriction

    home = factories.service("en")
    other = factories.service("ru")
    draft = factories.article(home)
    draft.unpublish()
    private = factories.article(home)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    elsewhere = factories.article(other)
    for url in (
        f"/en/text/society/{draft.slug}/",
        f"/en/text/society/{private.slug}/",
        f"/en/text/{elsewhere.get_parent().slug}/{elsewhere.slug}/",
    ):
        assert client.get(url).status_code == 404, url
    assert draft.title not in client.get("/en/text/").content.decode()


def test_every_page_offers_the_text_edition(client):
    home = factories.service("en")
    article = factories.article(home)
    for url in ("/en/", article.url, "/en/society/"):
        assert 'href="/en/text/"' in client.get(url).content.decode(), url
