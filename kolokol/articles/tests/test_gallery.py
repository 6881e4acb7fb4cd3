"""Photo galleries in an article page: numbered, credited, escaped, required alt text."""

import html
import re

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from kolokol.articles.models import ArticlePage
from kolokol.sections.models import SectionPage
from kolokol.testing import factories, vnu
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db


def test_the_page_numbers_each_photo_with_its_caption_and_credit(client):
    article = factories.gallery_article()
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
    article = factories.gallery_article(title='"><script>alert(2)</script>')
    page = client.get(article.url).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert 'aria-label="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in page


def test_an_untitled_gallery_is_still_a_named_region(client):
    article = factories.gallery_article(title="")
    page = client.get(article.url).content.decode()
    assert 'class="gallery__title"' not in page
    assert 'role="region" tabindex="0" aria-label="Photo gallery"' in page


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


def test_the_page_and_its_text_copy_are_valid_html(client):
    vnu.require_vnu()
    article = factories.gallery_article()
    text = f"/en/text/{article.get_parent().slug}/{article.slug}/"
    pages = {url: client.get(url).content for url in (article.url, text)}
    assert vnu.errors(pages) == []
