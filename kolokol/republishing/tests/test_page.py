"""The partners' page: when it exists, what it says, and the copy it offers."""

import html
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from kolokol.core import mirroring
from kolokol.corrections.models import ArticleNote
from kolokol.republishing.markup import PICTURE_SPEC
from kolokol.services.models import RepublishingLicence
from kolokol.testing import factories

pytestmark = pytest.mark.django_db

DEED = "https://creativecommons.org/licenses/by-nd/4.0/"


def allowing(language="en", **fields):
    fields.setdefault("republishing_allowed", True)
    fields.setdefault("republishing_licence", RepublishingLicence.CC_BY_ND)
    return factories.service(language, **fields)


def republish(client, article):
    return client.get(f"{article.url}republish/")


def code(response) -> str:
    """What the textarea holds, as a partner's browser gives it to them."""
    found = re.search(r'<textarea id="republish-code"[^>]*>(.*?)</textarea>', response.text, re.S)
    return html.unescape(found[1])


@pytest.mark.parametrize(
    ("service_allows", "choice", "shown"),
    [
        (True, None, True),
        (False, None, False),
        (False, True, True),
        (True, False, False),
        (False, False, False),
    ],
)
def test_the_article_chooses_and_its_service_decides_otherwise(
    client, service_allows, choice, shown
):
    home = allowing(republishing_allowed=service_allows)
    article = factories.article(home, republishing=choice)
    assert article.republishable is shown
    assert republish(client, article).status_code == (200 if shown else 404)
    page = client.get(article.url).text
    assert (f'href="{article.url}republish/"' in page) is shown
    assert ("Republish this article" in page) is shown


def test_nothing_is_republished_without_a_licence(client):
    home = factories.service("en")  # republishing off, no licence chosen
    article = factories.article(home, republishing=True)
    assert not article.republishable
    assert republish(client, article).status_code == 404


def test_no_page_for_an_unpublished_article_or_one_below_a_page(client):
    home = allowing()
    article = factories.article(home)
    assert client.get(f"{article.url}republish/extra/").status_code == 404
    assert client.get(f"{article.get_parent().url}republish/").status_code == 404
    article.unpublish()
    assert republish(client, article).status_code == 404


def test_a_private_article_keeps_its_copy_private(client):
    from wagtail.models import PageViewRestriction

    article = factories.article(allowing())
    PageViewRestriction.objects.create(
        page=article,
        restriction_type=PageViewRestriction.PASSWORD,
        password="s3cret",  # noqa: S106 (a test page's)
    )
    response = republish(client, article)
    # Wagtail's password form, never the text, and nothing to store.
    assert "Password required" in response.text
    assert article.title not in response.text
    assert not getattr(response, "kolokol_storable", False)


def test_the_page_for_partners(client):
    home = allowing(
        title="Kolokol Wrenmouth",
        contact_email="desk@example.org",
        republishing_terms="Tell us at partners@example.org <when> you do.",
    )
    article = factories.article(home, title="Harbour bridge reopens")
    response = republish(client, article)
    assert response.status_code == 200
    assert response.kolokol_storable  # kept in the rendered store like the article
    page = response.text
    assert '<meta name="robots" content="noindex">' in page
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', page)
    assert canonical == [f"{settings.KOLOKOL_BASE_URL}{article.url}"]
    assert 'property="og:url"' not in page  # no sharing card of its own
    assert '<html lang="en" dir="ltr"' in page
    assert "<h1>Republish this article</h1>" in page
    assert f'<a href="{article.url}">Harbour bridge reopens</a>' in page
    assert f'<a href="{DEED}">CC BY-ND 4.0</a>' in page
    assert "Tell us at partners@example.org &lt;when&gt; you do." in page
    assert "Do not edit the text" in page and "Do not sell it" not in page
    assert '<label for="republish-code">' in page
    assert 'aria-describedby="republish-code-help"' in page
    assert 'href="mailto:desk@example.org"' in page
    assert "<script>" not in page.split("</head>", 1)[1]  # no inline script in the body


def test_each_licence_says_what_it_allows(client):
    home = allowing(republishing_licence=RepublishingLicence.CC_BY_NC_ND)
    strict = republish(client, factories.article(home)).text
    assert 'href="https://creativecommons.org/licenses/by-nc-nd/4.0/">CC BY-NC-ND 4.0' in strict
    assert "Do not sell it" in strict and "Do not edit the text" in strict
    home.republishing_licence = RepublishingLicence.CC_BY
    factories.publish(home)
    free = republish(client, factories.article(home)).text
    assert 'href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0' in free
    assert "Do not sell it" not in free and "If you edit the text, say so" in free


def test_the_copy_names_the_article_and_its_licence(client):
    home = allowing(title="Kolokol Wrenmouth")
    writer = factories.author(home, "Ada Quill")
    other = factories.author(home, "Ben Ross")
    picture = factories.image(description="Cars queue at the bridge", credit="Photo: Ada Quill")
    article = factories.article(
        home,
        title="Harbour bridge reopens",
        standfirst="After a week of repairs.",
        dateline="WRENMOUTH",
        authors=[writer, other],
        lead_image=picture,
        lead_image_caption="The first cars across.",
        body=[
            *factories.FULL_BODY_EN,
            {"type": "image", "value": {"image": picture.pk, "caption": "Inline", "credit": ""}},
        ],
    )
    ArticleNote.objects.create(article=article, kind="correction", text="The bridge is 60 m long.")
    copy = code(republish(client, article))
    origin = settings.KOLOKOL_BASE_URL
    article_url = f"{origin}{article.url}"
    head, body = copy.split("\n\n", 1)
    assert head == f'<link rel="canonical" href="{article_url}">'
    assert body.startswith('<article lang="en">\n<h1>Harbour bridge reopens</h1>')
    assert body.rstrip().endswith("</article>")
    assert "<p><strong>After a week of repairs.</strong></p>" in body
    assert (
        f'By <a href="{origin}{writer.url}">Ada Quill</a> and <a href="{origin}{other.url}">Ben Ross</a>'
        in body
    )
    assert "WRENMOUTH · Published <time datetime=" in body
    assert "The ferry resumed at dawn" in body and "“We missed the river”" in body
    assert "<li>First crossing 06:10</li>" in body and "<h2>Background</h2>" in body
    assert (
        '<a href="https://www.openstreetmap.org/#map=13/59.91/10.75">Map of the crossing</a>'
        in body
    )
    assert "<h2>Corrections and updates</h2>" in body and "The bridge is 60 m long." in body
    assert (
        f'<p>This article was first published by <a href="{article_url}">Kolokol Wrenmouth</a> '
        f'and is republished under <a href="{DEED}">CC BY-ND 4.0</a>.</p>'
    ) in body
    # Our own renditions at full addresses, with alt text, size and credit.
    rendition = picture.get_rendition(PICTURE_SPEC)
    images = re.findall(r"<img [^>]*>", body)
    assert len(images) == 2
    for tag in images:
        assert f'src="{origin}{rendition.url}"' in tag
        assert 'alt="Cars queue at the bridge"' in tag
        assert f'width="{rendition.width}" height="{rendition.height}"' in tag
    assert "<small>Photo: Ada Quill</small>" in body
    # Plain HTML: nothing of our stylesheet, no script, no frame, nothing site-relative.
    assert "class=" not in body and "data-" not in body and "style" not in body
    for banned in ("<script", "<iframe", "<picture", "<source", "srcset", "<div", "<span"):
        assert banned not in body, banned
    assert not re.search(r'(?:href|src)="(?!https?://)', copy)
    # Nothing loads from another host; links lead to us, the licence, or the map.
    sources = {urlsplit(url).netloc for url in re.findall(r'src="([^"]+)"', copy)}
    assert sources == {urlsplit(origin).netloc}
    links = {urlsplit(url).netloc for url in re.findall(r'href="([^"]+)"', copy)}
    assert links == {urlsplit(origin).netloc, "creativecommons.org", "www.openstreetmap.org"}


def test_no_tracking_pixel_and_no_stray_markup_from_rich_text(client):
    paragraph = (
        '<p data-block-key="a1" class="x">Read <a href="/en/society/">more</a>, '
        '<a href="javascript:alert(1)">this</a> and <b onclick="steal()">that</b>.'
        '<img src="https://tracker.example/p.gif" width="1" height="1" alt="">'
        '<img src="/media/pixel.gif" width="1" height="1">'
        '<script>alert(2)</script><iframe src="https://video.example/"></iframe></p>'
    )
    article = factories.article(allowing(), body=[{"type": "paragraph", "value": paragraph}])
    copy = code(republish(client, article))
    assert "<img" not in copy
    assert "alert" not in copy and "steal" not in copy and "<iframe" not in copy
    assert (
        f'Read <a href="{settings.KOLOKOL_BASE_URL}/en/society/">more</a>, this and <b>that</b>.'
        in copy
    )


def test_hostile_strings_are_escaped_once(client):
    hostile = "</textarea><script>alert(1)</script>"
    home = allowing(title=f"Service {hostile}", republishing_terms=hostile)
    article = factories.article(home, title=f"Headline {hostile}", standfirst=hostile)
    response = republish(client, article)
    page = response.text
    assert "<script>alert(1)</script>" not in page
    assert page.count("</textarea>") == 1
    # Inside the box: the copy's own markup escaped once, the strings twice
    # (once as text of the copy, once more for the box).
    assert "&lt;h1&gt;Headline &amp;lt;/textarea&amp;gt;&amp;lt;script&amp;gt;" in page
    copy = code(response)
    assert "<h1>Headline &lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in copy
    assert ">Service &lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>" in copy


def test_in_the_service_language_and_direction(client):
    home = allowing("fa", title="کلکل")
    article = factories.article(home, title="پل باز شد")
    response = republish(client, article)
    assert response.status_code == 200
    assert '<html lang="fa" dir="rtl"' in response.text
    # The code reads left to right; the article in it says which way it goes.
    assert 'dir="ltr"' in re.search(r"<textarea[^>]*>", response.text)[0]
    copy = code(response)
    assert '<article lang="fa" dir="rtl">\n<h1>پل باز شد</h1>' in copy
    assert re.search("<time [^>]*>[۰-۹]", copy)  # Persian dates, as on the article


def test_a_static_mirror_neither_has_nor_links_the_page(client):
    article = factories.article(allowing())
    with mirroring.exporting("https://mirror.example"):
        assert republish(client, article).status_code == 404
        assert "republish/" not in client.get(article.url).text


def test_a_kind_of_article_adds_its_own_parts_to_the_copy(client, settings):
    # As a fact-check's app would, with republishing/copy/<app>/<model>.html.
    extra = (
        '{% extends "republishing/copy.html" %}'
        "{% block body %}<p>The claim: <script>x</script>ships fly.</p>{{ block.super }}{% endblock %}"
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {
            **engine,
            "APP_DIRS": False,
            "OPTIONS": {
                **engine["OPTIONS"],
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {"republishing/copy/articles/articlepage.html": extra},
                    ),
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]
    article = factories.article(allowing(), body=factories.FULL_BODY_EN[:1])
    copy = code(republish(client, article))
    assert "<p>The claim: ships fly.</p><p>The ferry resumed at dawn" in copy
