"""Revisions with compare and revert, and page locks, as editors use them in the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page

from kolokol.newsroom.models import Role
from kolokol.newsroom.tests.conftest import add_article, article_data, edit_article

pytestmark = pytest.mark.django_db


def test_an_editor_compares_revisions_and_reverts_to_an_earlier_one(newsroom):
    editor = newsroom.client(Role.EDITOR)
    page = add_article(editor, newsroom.services["ru"], "Harbour reopens")
    first = Page.objects.get(pk=page.pk).get_latest_revision()
    edit_article(editor, page, "Harbour reopens after storm")
    latest = Page.objects.get(pk=page.pk).get_latest_revision()

    compare = editor.get(
        reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, first.pk, latest.pk))
    )
    assert compare.status_code == 200
    html = compare.content.decode()
    assert "Harbour reopens" in html and "after storm" in html

    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, first.pk))
    form = editor.get(revert_url)
    assert form.status_code == 200 and 'value="Harbour reopens"' in form.content.decode()
    old = first.as_object()
    editor.post(revert_url, article_data(old, old.title, 0))
    reverted = Page.objects.get(pk=page.pk).get_latest_revision()
    assert reverted.pk not in (first.pk, latest.pk)  # a new revision: history is kept
    assert reverted.content["title"] == "Harbour reopens"
    assert Page.objects.get(pk=page.pk).revisions.count() == 3


def test_a_locked_page_cannot_be_overwritten_by_another_editor(newsroom):
    ru = newsroom.services["ru"]
    editor = newsroom.client(Role.EDITOR)
    chief = newsroom.client(Role.CHIEF_EDITOR)
    page = add_article(editor, ru, "Election night", **{"action-publish": "publish"})

    editor.post(reverse("wagtailadmin_pages:lock", args=(page.pk,)))
    page = Page.objects.get(pk=page.pk)
    assert page.locked and page.locked_by == newsroom.user(Role.EDITOR)

    response = edit_article(chief, page, "Election night: chief's version")
    assert "could not be saved as it is locked" in response.content.decode()
    assert Page.objects.get(pk=page.pk).get_latest_revision().content["title"] == "Election night"

    edit_article(editor, page, "Election night: results")  # the lock holder still saves
    assert (
        Page.objects.get(pk=page.pk).get_latest_revision().content["title"]
        == "Election night: results"
    )
    editor.post(reverse("wagtailadmin_pages:unlock", args=(page.pk,)))
    edit_article(chief, page, "Election night: final")
    assert (
        Page.objects.get(pk=page.pk).get_latest_revision().content["title"]
        == "Election night: final"
    )
