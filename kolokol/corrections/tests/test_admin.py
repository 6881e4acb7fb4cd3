"""An editor adds a correction in Wagtail's page editor, and publishes it."""

import pytest
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kolokol.articles.models import ArticlePage
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "desk", "desk@example.org", "a-long-pass-phrase"
    )
    verified_login(client, user)
    return client


def edit_form(article, notes, action):
    return nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "kicker": "",
            "standfirst": article.standfirst,
            "dateline": "",
            "lead_image": "",
            "lead_image_caption": "",
            "bylines": inline_formset(
                [{"id": b.pk, "author": b.author_id} for b in article.bylines.all()], initial=1
            ),
            "body": streamfield([("paragraph", rich_text("<p>The ferry sails at six.</p>"))]),
            "tags": "",
            "article_notes": inline_formset(notes),
            action: action,
        }
    )


def test_editor_adds_a_correction_in_the_page_editor_and_publishes_it(editor, client):
    home = factories.service("en")
    article = factories.article(home, title="Ferry timetable changes", published_hours_ago=24 * 60)
    edit_url = f"/admin/pages/{article.pk}/edit/"
    form_page = editor.get(edit_url).content.decode()
    assert (
        "Corrections and updates" in form_page and 'name="article_notes-TOTAL_FORMS"' in form_page
    )
    note = {
        "kind": "correction",
        "noted_at": "2026-11-20 09:15",
        "text": "The first sailing is at six, not at five as we wrote.",
    }

    # Saved as a draft: the revision holds it, readers do not see it yet.
    response = editor.post(edit_url, edit_form(article, [note], "action-save"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "not at five" not in client.get(article.url).content.decode()

    response = editor.post(edit_url, edit_form(article, [note], "action-publish"))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(pk=article.pk)
    [saved] = article.notes()
    assert saved.kind == "correction" and saved.noted_at.isoformat() == "2026-11-20T09:15:00+00:00"
    assert article.updated_at == saved.noted_at
    html = client.get(article.url).content.decode()
    assert "<strong>Correction</strong>" in html and "not at five as we wrote" in html
    assert "Ferry timetable changes" in client.get("/en/corrections/").content.decode()
    # Wagtail's own history: two revisions and a logged publication.
    assert article.revisions.count() == 3
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish").count() == 2


def test_a_correction_without_text_is_refused_and_nothing_is_lost(editor):
    home = factories.service("en")
    article = factories.article(home, title="Harbour dues rise")
    edit_url = f"/admin/pages/{article.pk}/edit/"
    empty = {"kind": "correction", "noted_at": "2026-11-20 09:15", "text": ""}
    response = editor.post(edit_url, edit_form(article, [empty], "action-publish"))
    assert response.status_code == 200
    assert "The page could not be saved due to validation errors." in response.content.decode()
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.notes() == [] and article.updated_at is None
    assert article.revisions.count() == 1
