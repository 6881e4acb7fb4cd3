"""Every role × every editorial action × own and other service, through the admin's views.

Each action is done the way an editor does it (the admin form posted by the
test client logged in as the user) on fresh pages, and the outcome is read
from the database: a refused action must leave nothing behind.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from kolokol.breaking.models import BreakingNews
from kolokol.breaking.wagtail_hooks import breaking_news_viewset
from kolokol.newsroom.models import Role, ServiceTeam
from kolokol.newsroom.permissions import can_act_for
from kolokol.newsroom.roles import find_permission
from kolokol.newsroom.tests.conftest import (
    ADMIN,
    ROLE_NAMES,
    add_article,
    admin_time,
    draft,
    edit_article,
    edit_form_data,
)
from kolokol.testing import factories

pytestmark = pytest.mark.django_db
_n = itertools.count(1)


def title(action: str) -> str:
    return f"{action} {next(_n)}"


def create_draft(room, client, user, home):
    return add_article(client, home, title("Created")) is not None


def edit_own_draft(room, client, user, home):
    page = draft(home, user, title("Mine"))
    new_title = title("Revised")
    edit_article(client, page, new_title)
    return Page.objects.get(pk=page.pk).get_latest_revision().content["title"] == new_title


def submit_for_review(room, client, user, home):
    page = draft(home, user, title("Submitted"))
    edit_article(client, page, **{"action-submit": "submit"})
    return Page.objects.get(pk=page.pk).workflow_in_progress


def approve(room, client, user, home):
    reporter = room.user(Role.REPORTER, home.slug)
    page = draft(home, reporter, title("In review"))
    edit_article(room.client(Role.REPORTER, home.slug), page, **{"action-submit": "submit"})
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    assert task_state is not None, "the reporter could not submit"
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    client.post(url, {"comment": "Good to go."})
    return Page.objects.get(pk=page.pk).live


def publish(room, client, user, home):
    page = draft(home, room.user(Role.REPORTER, home.slug), title("Publish me"))
    edit_article(client, page, **{"action-publish": "publish"})
    return Page.objects.get(pk=page.pk).live


def unpublish(room, client, user, home):
    page = factories.article(home, title=title("Live"))
    client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)), {})
    return not Page.objects.get(pk=page.pk).live


def schedule(room, client, user, home):
    page = draft(home, room.user(Role.REPORTER, home.slug), title("Embargoed"))
    go_live = admin_time(timezone.now() + timedelta(hours=3))
    edit_article(client, page, go_live_at=go_live, **{"action-publish": "publish"})
    page = Page.objects.get(pk=page.pk)
    return page.scheduled_revision is not None and not page.live


def set_breaking_news(room, client, user, home):
    headline = title("Breaking")
    now = timezone.now()
    client.post(
        reverse(breaking_news_viewset.get_url_name("add")),
        {
            "service": home.pk,
            "headline": headline,
            "link_page": "",
            "link_url": "",
            "starts_at": admin_time(now),
            "expires_at": admin_time(now + timedelta(hours=1)),
        },
    )
    return BreakingNews.objects.filter(service=home, headline=headline).exists()


def curate_home(room, client, user, home):
    tagline = title("Tagline")
    data = edit_form_data(home, room.user(ADMIN), tagline=tagline, **{"action-publish": "p"})
    client.post(reverse("wagtailadmin_pages:edit", args=(home.pk,)), data)
    return Page.objects.get(pk=home.pk).specific.tagline == tagline


def comments_installed() -> bool:
    return find_permission("comments.moderate_comment") is not None


def moderate_comments(room, client, user, home):
    # The comments app (another branch) checks this permission per service.
    return can_act_for(user, "comments.moderate_comment", home)


def manage_users(room, client, user, home):
    return client.get(reverse("wagtailusers_users:index")).status_code == 200


ACTIONS = [
    create_draft,
    edit_own_draft,
    submit_for_review,
    approve,
    publish,
    unpublish,
    schedule,
    set_breaking_news,
    curate_home,
    moderate_comments,
    manage_users,
]
WRITING = {create_draft, edit_own_draft, submit_for_review}
EDITING = WRITING | {approve, publish, unpublish, schedule}
ALLOWED_IN_OWN_SERVICE = {
    Role.REPORTER: WRITING,
    Role.EDITOR: EDITING,
    Role.CHIEF_EDITOR: EDITING | {set_breaking_news, curate_home},
    Role.MODERATOR: {moderate_comments},
    ADMIN: set(ACTIONS),
}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_each_role_may_do_its_own_work_in_its_own_service_only(newsroom, role):
    user = newsroom.user(role, "ru")
    client = newsroom.client(role, "ru")
    wrong = []
    for action, slug in itertools.product(ACTIONS, ("ru", "en")):
        if action is moderate_comments and not comments_installed():
            continue  # see test_moderators_hold_comment_moderation_and_no_page_rights
        allowed = action in ALLOWED_IN_OWN_SERVICE[role] and (slug == "ru" or role == ADMIN)
        done = action(newsroom, client, user, newsroom.services[slug])
        if done != allowed:
            wrong.append(f"{action.__name__} in {slug}: {'done' if done else 'refused'}")
    assert not wrong, f"{role}: " + "; ".join(wrong)


def test_moderators_hold_comment_moderation_and_no_page_rights(newsroom):
    moderators = ServiceTeam.objects.get(service=newsroom.services["ru"], role=Role.MODERATOR)
    assert not GroupPagePermission.objects.filter(group=moderators.group).exists()
    codenames = set(moderators.group.permissions.values_list("codename", flat=True))
    expected = {"access_admin"}
    if comments_installed():
        expected.add("moderate_comment")
    assert codenames == expected
    client = newsroom.client(Role.MODERATOR)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
