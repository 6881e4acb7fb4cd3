"""Photo galleries in an article's body, wherever the body is read.

The page itself, its text-only copy, the partners' copy, the feeds, the
API, the offline edition and the static mirror's list of files.
"""

import html
import json
import re
from xml.etree import ElementTree

import feedparser
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from kolokol.articles.models import ArticlePage
from kolokol.core.blocks import ArticleBodyBlock, GalleryBlock
from kolokol.editions import build
from kolokol.publishing.mirror import assets_in
from kolokol.sections.models import SectionPage
from kolokol.services.models import RepublishingLicence
from kolokol.testing import factories, vnu
from kolokol.testing.accounts import verified_login
from kolokol.textedition.parts import block_html

pytestmark = pytest.mark.django_db

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def photo(image, caption="", credit=""):
    return {"image": image.pk, "caption": caption, "credit": credit}


def gallery_article(home=None, caption=HOSTILE, title="Opening day on the quay"):
    """An article whose gallery has three photos: one own credit, two the images' credits."""
    home = home or factories.service("en")
    pictures = [
        factories.image(description="Stalls along the quay", credit="Photo: Ann Lee"),
        factories.image(description="Boats moored at the wall", credit="Photo: Bo Tan"),
        factories.image(description="Shoppers with crates", credit="Photo: Cy Roe"),
    ]
    body = [
        {"type": "paragraph", "value": "<p>The market opened on Saturday.</p>"},
        {
            "type": "gallery",
            "value": {
                "title": title,
                "photos": [
                    photo(pictures[0], "Forty stalls on the quay", "Photo: Harbour Board"),
                    photo(pictures[1], "The boats that supply the stalls"),
                    photo(pictures[2], caption),
                ],
            },
        },
    ]
    return factories.article(home, title="Fish Quay market returns", body=body)


def test_the_page_numbers_each_photo_with_its_caption_and_credit(client):
    article = gallery_article()
    page = client.get(article.url).content.decode()
    [gallery] = re.findall(r'<figure class="gallery">.*?</ol>\s*</div>\s*</figure>', page, re.S)
    assert '<figcaption class="gallery__title">Opening day on the quay</figcaption>' in gallery
    # A named region the keyboard can reach and scroll.
    assert re.search(
        r'<div class="gallery__strip" role="region" tabindex="0" aria-label="Opening day on the quay">',
        gallery,
    )
    items = re.findall(r"<li>(.*?)</li>", gallery, re.S)
    assert len(items) == 3
    assert "Photo 1 of 3" in items[0] and "Forty stalls on the quay" in items[0]
    assert "Photo: Harbour Board" in items[0] and "Photo: Ann Lee" not in items[0]
    assert "Photo 2 of 3" in items[1] and "Photo: Bo Tan" in items[1]  # the image's own credit
    assert "Photo 3 of 3" in items[2]
    # Every photo is a responsive picture with its alt text; only the first loads at once.
    assert all("<picture>" in item and "srcset=" in item for item in items)
    assert 'alt="Stalls along the quay"' in items[0] and 'loading="lazy"' not in items[0]
    assert all('loading="lazy"' in item for item in items[1:])


def test_captions_and_titles_are_escaped(client):
    article = gallery_article(title='"><script>alert(2)</script>')
    page = client.get(article.url).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert 'aria-label="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in page


def test_an_untitled_gallery_is_still_a_named_region(client):
    article = gallery_article(title="")
    page = client.get(article.url).content.decode()
    assert 'class="gallery__title"' not in page
    assert 'role="region" tabindex="0" aria-label="Photo gallery"' in page


def test_every_photo_needs_alt_text_and_a_gallery_two_photos():
    factories.service("en")
    bare = factories.image(description="")
    described = factories.image()
    block = GalleryBlock()
    with pytest.raises(ValidationError) as refused:
        block.clean(block.to_python({"title": "", "photos": [photo(described), photo(bare)]}))
    assert "no alt text" in json.dumps(refused.value.as_json_data())
    # The same from the body as a whole, as the article form cleans it.
    body = ArticleBodyBlock()
    stream = [{"type": "gallery", "value": {"title": "", "photos": [photo(bare), photo(bare)]}}]
    with pytest.raises(ValidationError):
        body.clean(body.to_python(stream))
    with pytest.raises(ValidationError) as refused:
        block.clean(block.to_python({"title": "", "photos": [photo(described)]}))
    assert "minimum number of items is 2" in json.dumps(refused.value.as_json_data())
    block.clean(block.to_python({"title": "", "photos": [photo(described), photo(described)]}))


def test_the_article_form_refuses_a_gallery_photo_without_alt_text(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-pass")
    verified_login(client, user)
    home = factories.service("en")
    section = SectionPage.objects.child_of(home).first()
    writer = factories.author(home, "Rosa Lind")
    bare, described = factories.image(description=""), factories.image()

    def photos(*images):
        items = {
            str(n): {
                "value": {"image": image.pk, "caption": "", "credit": ""},
                "deleted": "",
                "order": str(n),
                "id": "",
            }
            for n, image in enumerate(images)
        }
        return {"count": str(len(images)), **items}

    def post(*images):
        data = nested_form_data(
            {
                "title": "Gallery story",
                "slug": "gallery-story",
                "kicker": "",
                "standfirst": "Pictures from the quay.",
                "dateline": "",
                "lead_image": "",
                "lead_image_caption": "",
                "bylines": inline_formset([{"author": writer.pk}]),
                "body": streamfield([("gallery", {"title": "", "photos": photos(*images)})]),
                "tags": "",
                "article_notes": inline_formset([]),
                "action-publish": "publish",
            }
        )
        return client.post(f"/admin/pages/add/articles/articlepage/{section.pk}/", data)

    refused = post(described, bare)
    assert refused.status_code == 200
    assert "has no alt text" in html.unescape(refused.content.decode())
    assert not ArticlePage.objects.filter(slug="gallery-story").exists()
    assert post(described, described).status_code == 302
    assert ArticlePage.objects.get(slug="gallery-story").live


def test_the_text_edition_notes_each_photo_without_pictures(client):
    article = gallery_article()
    page = client.get(f"/en/text/{article.get_parent().slug}/{article.slug}/").content.decode()
    assert "[Photo gallery: Opening day on the quay]" in page
    assert "[Photo 1 of 3: Forty stalls on the quay]" in page
    assert "[Photo 2 of 3: The boats that supply the stalls]" in page
    assert "[Photo 3 of 3: &lt;script&gt;" in page
    assert "<img" not in page and "<picture" not in page and "<script>alert" not in page


def test_the_text_edition_falls_back_to_alt_text():
    article = gallery_article(caption="")
    [gallery] = [block for block in article.body if block.block_type == "gallery"]
    assert "[Photo 3 of 3: Shoppers with crates]" in block_html(gallery)


def test_the_partners_copy_has_every_photo_at_a_full_address(client):
    home = factories.service(
        "en", republishing_allowed=True, republishing_licence=RepublishingLicence.CC_BY_ND
    )
    article = gallery_article(home)
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


def test_feeds_carry_the_gallery_with_full_addresses(client):
    article = gallery_article()
    rss = client.get("/en/feed.rss").content
    feed = feedparser.parse(rss)
    assert feed.bozo == 0
    [entry] = [e for e in feed.entries if e.title == article.title]
    assert "Photo 2 of 3" in entry.content[0].value and "Photo: Bo Tan" in entry.content[0].value
    # Read as we wrote it (feedparser drops srcset): every address is absolute.
    [content] = [
        item.findtext(CONTENT)
        for item in ElementTree.fromstring(rss).iter("item")  # noqa: S314 (our own feed)
        if item.findtext("title") == article.title
    ]
    sources = re.findall(r'\ssrc="([^"]+)"', content)
    candidates = [
        candidate.strip().split(" ")[0]
        for srcset in re.findall(r'\ssrcset="([^"]+)"', content)
        for candidate in srcset.split(",")
    ]
    assert len(sources) == 3 and len(candidates) > 3
    origin = settings.KOLOKOL_BASE_URL
    assert all(url.startswith(f"{origin}/media/images/") for url in sources + candidates)
    assert "<script>alert" not in content


def test_the_api_gives_each_photo_with_its_renditions(client):
    article = gallery_article()
    data = client.get(f"/api/v1/articles/{article.pk}/").json()
    [gallery] = [block for block in data["body"] if block["type"] == "gallery"]
    value = gallery["value"]
    assert value["title"] == "Opening day on the quay"
    assert [p["caption"] for p in value["photos"]][:2] == [
        "Forty stalls on the quay",
        "The boats that supply the stalls",
    ]
    assert value["photos"][2]["caption"] == HOSTILE  # data, escaped by whoever shows it
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


def test_the_offline_edition_holds_the_photos():
    home = factories.service("en")
    gallery_article(home)
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


def test_the_mirror_copies_every_gallery_rendition(client):
    article = gallery_article()
    page = client.get(article.url).content
    files = assets_in(page)
    for image in (p["image"] for p in article.body[1].value["photos"]):
        made = {r.url for r in image.renditions.all()}
        shown = set(re.findall(rb'/media/images/[^" ,]+', page)) & {u.encode() for u in made}
        assert shown and {u.decode() for u in shown} <= files


def test_the_page_and_its_text_copy_are_valid_html(client):
    vnu.require_vnu()
    article = gallery_article()
    text = f"/en/text/{article.get_parent().slug}/{article.slug}/"
    pages = {url: client.get(url).content for url in (article.url, text)}
    assert vnu.errors(pages) == []
