"""The review workflow as a newsroom lives it, with its trail in the audit log."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from kolokol.articles.models import ArticlePage
from kolokol.newsroom.models import Role
from kolokol.newsroom.tests.conftest import add_article, edit_article
from kolokol.sections.models import SectionPage

pytestmark = pytest.mark.django_db


def task_action(client, page, action: str, comment: str):
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def test_reporter_submits_editor_asks_for_changes_then_approves_and_it_is_live(newsroom, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ru = newsroom.services["ru"]
    reporter = newsroom.client(Role.REPORTER)
    editor = newsroom.client(Role.EDITOR)

    page = add_article(reporter, ru, "Dam inspection delayed")
    assert page is not None and not page.live
    mail.outbox.clear()
    edit_article(reporter, page, **{"action-submit": "submit"})
    page.refresh_from_db()
    assert page.workflow_in_progress
    # The service's editors (chief editors are editors too) are told; the other service's are not.
    notified = {address for message in mail.outbox for address in message.to}
    assert {"editor-ru@example.org", "chief_editor-ru@example.org"} <= notified
    assert not {"editor-en@example.org", "chief_editor-en@example.org"} & notified
    assert "Dam inspection delayed" in mail.outbox[0].subject + mail.outbox[0].body
    # ... and the dashboard lists the page awaiting their review.
    assert "Dam inspection delayed" in editor.get(reverse("wagtailadmin_home")).content.decode()

    mail.outbox.clear()
    task_action(editor, page, "reject", "Name the engineer who said it.")
    page.refresh_from_db()
    assert page.current_workflow_state.status == "needs_changes"
    assert not page.live
    assert "reporter-ru@example.org" in {a for m in mail.outbox for a in m.to}

    edit_article(reporter, page, "Dam inspection delayed, engineer says")
    edit_article(reporter, page, **{"action-submit": "submit"})
    page.refresh_from_db()
    assert page.current_workflow_state.status == "in_progress"

    task_action(editor, page, "approve", "Thanks, publishing.")
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live and page.title == "Dam inspection delayed, engineer says"
    assert reporter.get(page.url).status_code == 200

    trail = list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    steps = [step for step in trail if step[0] != "wagtail.edit"]
    assert steps == [
        ("wagtail.create", "reporter-ru"),
        ("wagtail.workflow.start", "reporter-ru"),
        ("wagtail.workflow.reject", "editor-ru"),
        ("wagtail.workflow.resume", "reporter-ru"),
        ("wagtail.workflow.approve", "editor-ru"),
        ("wagtail.publish", "editor-ru"),
    ]
    comments = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject")
    assert comments.get().data["comment"] == "Name the engineer who said it."
    # The history is readable in the admin.
    history = editor.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    assert "editor-ru" in history.content.decode() or "Editor" in history.content.decode()


def test_an_edit_made_during_review_must_be_approved_itself(newsroom):
    ru = newsroom.services["ru"]
    reporter = newsroom.client(Role.REPORTER)
    editor = newsroom.client(Role.EDITOR)
    page = add_article(reporter, ru, "Ferry timetable")
    edit_article(reporter, page, **{"action-submit": "submit"})
    edit_article(editor, page, "Ferry timetable changes")  # a fix saved as draft during review
    reviewed = Page.objects.get(pk=page.pk).current_workflow_task_state
    assert reviewed.revision.content["title"] == "Ferry timetable"
    # Approving what was submitted does not publish the later edit unseen
    # (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT): the edit is reviewed again.
    task_action(editor, page, "approve", "")
    again = Page.objects.get(pk=page.pk).current_workflow_task_state
    assert not Page.objects.get(pk=page.pk).live
    assert again.status == "in_progress" and again.pk != reviewed.pk
    assert again.revision.content["title"] == "Ferry timetable changes"
    task_action(editor, page, "approve", "")
    assert ArticlePage.objects.get(pk=page.pk, live=True).title == "Ferry timetable changes"


def test_publish_and_unpublish_are_logged_with_the_editor(newsroom):
    ru = newsroom.services["ru"]
    editor = newsroom.client(Role.EDITOR)
    page = add_article(editor, ru, "Bridge toll dropped", **{"action-publish": "publish"})
    assert page.live
    editor.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)), {})
    assert not Page.objects.get(pk=page.pk).live
    logged = set(PageLogEntry.objects.filter(page=page).values_list("action", "user__username"))
    assert {("wagtail.publish", "editor-ru"), ("wagtail.unpublish", "editor-ru")} <= logged
    # Administrators read it in the admin's site history report.
    report = newsroom.client("admin").get(reverse("wagtailadmin_reports:site_history"))
    assert "Bridge toll dropped" in report.content.decode()


def test_the_reviewers_request_reaches_the_writer_without_email(newsroom, settings):
    # No SMTP: Wagtail's email never leaves, so the writer must see it in the admin.
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    ru = newsroom.services["ru"]
    reporter = newsroom.client(Role.REPORTER)
    editor = newsroom.client(Role.EDITOR)
    page = add_article(reporter, ru, "Bridge tolls rise")
    edit_article(reporter, page, **{"action-submit": "submit"})
    task_action(editor, page, "reject", "Which bridge? <b>Say it</b> in the first line.")

    dashboard = reporter.get(reverse("wagtailadmin_home")).content.decode()
    assert "Changes requested on your pages" in dashboard
    assert "Bridge tolls rise" in dashboard
    # Escaped: a reviewer's comment is text.
    assert "Which bridge? &lt;b&gt;Say it&lt;/b&gt; in the first line." in dashboard
    edit = reporter.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "Changes requested by" in edit and "Which bridge?" in edit
    # Another writer's dashboard does not show it.
    other = newsroom.client(Role.REPORTER, "en")
    assert "Bridge tolls rise" not in other.get(reverse("wagtailadmin_home")).content.decode()

    # Once sent back for review, the request is answered and leaves the dashboard.
    edit_article(reporter, page, **{"action-submit": "submit"})
    dashboard = reporter.get(reverse("wagtailadmin_home")).content.decode()
    assert "Changes requested on your pages" not in dashboard


def test_the_dashboard_offers_a_new_article_in_each_section_of_the_users_services(newsroom):
    ru = newsroom.services["ru"]
    reporter = newsroom.client(Role.REPORTER)
    dashboard = reporter.get(reverse("wagtailadmin_home")).content.decode()
    assert "New article" in dashboard
    sections = list(ru.get_children().type(SectionPage))
    for section in sections:
        url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", section.pk))
        assert f'href="{url}"' in dashboard
        assert reporter.get(url).status_code == 200
    # Not the other service's sections.
    en_section = newsroom.services["en"].get_children().type(SectionPage).first()
    other = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", en_section.pk))
    assert other not in dashboard
    # A moderator writes nothing: no panel.
    moderator = newsroom.client(Role.MODERATOR).get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="new-article' not in moderator
