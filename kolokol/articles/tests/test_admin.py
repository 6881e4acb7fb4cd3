"""Editors work on articles in the Wagtail admin."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from kolokol.articles.models import ArticlePage
from kolokol.media.models import NewsImage
from kolokol.sections.models import SectionPage
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "chief", "chief@example.org", "a-long-pass-phrase"
    )
    verified_login(client, user)
    return client


def test_editor_creates_and_publishes_an_article_from_the_admin(editor):
    home = factories.service("en")
    section = SectionPage.objects.child_of(home).first()
    writer = factories.author(home, "Rosa Lind")
    lead = factories.image()
    url = f"/admin/pages/add/articles/articlepage/{section.pk}/"
    assert editor.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Harbour wall repaired",
            "slug": "harbour-wall-repaired",
            "kicker": "",
            "standfirst": "The storm-damaged wall is whole again.",
            "dateline": "PORTHAVEN",
            "lead_image": lead.pk,
            "lead_image_caption": "The wall at low tide.",
            "bylines": inline_formset([{"author": writer.pk}]),
            "body": streamfield([("paragraph", rich_text("<p>Masons finished on Friday.</p>"))]),
            "tags": "harbour, storms",
            "article_notes": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="harbour-wall-repaired")
    assert article.live
    html = editor.get(article.url).content.decode()
    assert "Harbour wall repaired" in html and "Masons finished on Friday." in html


def test_editor_edits_a_published_article(editor):
    home = factories.service("en")
    article = factories.article(home, title="First headline")
    edit_url = f"/admin/pages/{article.pk}/edit/"
    assert editor.get(edit_url).status_code == 200
    data = nested_form_data(
        {
            "title": "Corrected headline",
            "slug": article.slug,
            "kicker": "",
            "standfirst": article.standfirst,
            "dateline": "",
            "lead_image": "",
            "lead_image_caption": "",
            "bylines": inline_formset(
                [{"id": b.pk, "author": b.author_id} for b in article.bylines.all()], initial=1
            ),
            "body": streamfield([("paragraph", rich_text("<p>Edited body.</p>"))]),
            "tags": "",
            "article_notes": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = editor.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Page.objects.get(pk=article.pk).specific
    assert article.title == "Corrected headline"
    assert "Edited body." in editor.get(article.url).content.decode()
    assert article.revisions.count() == 2


def test_image_without_alt_text_is_refused(editor):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), "navy").save(buffer, "JPEG")
    upload = SimpleUploadedFile("harbour.jpg", buffer.getvalue(), content_type="image/jpeg")
    response = editor.post(
        "/admin/images/add/",
        {"title": "Harbour", "file": upload, "description": "", "collection": 1},
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not NewsImage.objects.filter(title="Harbour").exists()


@pytest.mark.parametrize(
    ("language", "kicker", "standfirst_help"),
    [
        ("fa", "روتیتر", "یک یا دو جمله زیر تیتر که چکیدهٔ خبر را می‌گوید."),
        ("ky", "аталыштын үстүндөгү рубрика", "Аталыштын астында окуянын маңызын берген"),
    ],
)
def test_an_editor_works_in_the_language_of_their_profile(
    client, django_user_model, language, kicker, standfirst_help
):
    user = django_user_model.objects.create_superuser("dabir", "d@example.org", "a-long-pass")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    verified_login(client, user)
    section = SectionPage.objects.child_of(factories.service(language)).first()
    html = client.get(f"/admin/pages/add/articles/articlepage/{section.pk}/").content.decode()
    assert kicker in html.lower() and standfirst_help in html
    assert "A word or two above the headline" not in html
