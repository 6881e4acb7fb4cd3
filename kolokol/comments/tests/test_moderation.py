"""The moderation queue: moderators of a service act on its comments only."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from kolokol.comments.models import Comment, State
from kolokol.newsroom.models import Role, ServiceTeam
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def moderator(service, username):
    from django.contrib.auth import get_user_model

    group = Group.objects.create(name=f"{service.slug} moderators")
    group.permissions.add(
        Permission.objects.get(codename="moderate_comment", content_type__app_label="comments"),
        Permission.objects.get(codename="access_admin"),
    )
    ServiceTeam.objects.create(group=group, service=service, role=Role.MODERATOR)
    user = get_user_model().objects.create_user(username, password="x")  # noqa: S106
    user.groups.add(group)
    return user


@pytest.fixture
def two_services():
    ru = factories.service("ru", title="Колокол")
    en = factories.service("en", title="Kolokol")
    ru_article = factories.article(ru, title="Мост")
    en_article = factories.article(en, title="Bridge")
    return {
        "ru": ru,
        "en": en,
        "ru_comment": Comment.objects.create(article=ru_article, body="русский комментарий"),
        "en_comment": Comment.objects.create(article=en_article, body="english comment"),
        "ru_article": ru_article,
    }


QUEUE = "/admin/reader-comments/"


def test_moderator_sees_and_approves_comments_of_their_service(client, two_services):
    client.force_login(moderator(two_services["ru"], "olga"))
    html = client.get(QUEUE).content.decode()
    assert "русский комментарий" in html
    assert "english comment" not in html
    comment = two_services["ru_comment"]
    response = client.post(QUEUE, {"one": f"approve:{comment.pk}"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.state == State.APPROVED
    assert comment.moderated_at is not None
    entry = ModelLogEntry.objects.get(action="comments.approve")
    assert entry.user.username == "olga"
    assert entry.object_id == str(comment.pk)
    assert "русский комментарий" in client.get(two_services["ru_article"].url).content.decode()


def test_the_history_log_names_comments_without_quoting_them(client, two_services):
    # Wagtail's site history is open to every moderator, whatever the
    # service, and outlives the comments: it must not carry their words.
    client.force_login(moderator(two_services["ru"], "olga"))
    comment = two_services["ru_comment"]
    client.post(QUEUE, {"one": f"approve:{comment.pk}"})
    client.post(QUEUE, {"action": "delete", "ids": [comment.pk]})
    client.force_login(moderator(two_services["en"], "ann"))
    history = client.get("/admin/reports/site-history/")
    assert history.status_code == 200
    assert f"#{comment.pk}" in history.content.decode()
    assert "русский комментарий" not in history.content.decode()


def test_moderator_of_another_service_cannot_touch_them(client, two_services):
    client.force_login(moderator(two_services["en"], "ann"))
    comment = two_services["ru_comment"]
    client.post(QUEUE, {"one": f"approve:{comment.pk}"})
    client.post(QUEUE, {"action": "delete", "ids": [comment.pk]})
    comment.refresh_from_db()
    assert comment.state == State.PENDING
    assert "русский комментарий" not in client.get(QUEUE).content.decode()


def test_an_editor_without_the_permission_is_refused(client, two_services):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("ed", password="x")  # noqa: S106
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail answers a refused admin view by sending the user to the dashboard.
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    home = client.get("/admin/").content.decode()
    assert "reader-comments" not in home
    assert "русский комментарий" not in home


def test_bulk_actions_reject_spam_and_delete(client, two_services):
    article = two_services["ru_article"]
    extra = [Comment.objects.create(article=article, body=f"ещё {n}") for n in range(3)]
    client.force_login(moderator(two_services["ru"], "olga"))
    client.post(QUEUE, {"action": "reject", "ids": [extra[0].pk, extra[1].pk]})
    client.post(QUEUE, {"action": "spam", "ids": [extra[2].pk]})
    client.post(QUEUE, {"action": "delete", "ids": [two_services["ru_comment"].pk]})
    states = dict(Comment.objects.filter(article=article).values_list("body", "state"))
    assert states == {"ещё 0": "rejected", "ещё 1": "rejected", "ещё 2": "spam"}


def test_filters_by_state_and_article(client, two_services):
    ru = two_services["ru"]
    other = factories.article(ru, title="Другая статья")
    Comment.objects.create(article=other, body="на другую статью")
    Comment.objects.create(article=other, body="одобренный", state=State.APPROVED)
    client.force_login(moderator(ru, "olga"))
    html = client.get(QUEUE, {"article": other.pk}).content.decode()
    assert "на другую статью" in html
    assert "русский комментарий" not in html
    assert "одобренный" not in html
    html = client.get(QUEUE, {"state": "approved"}).content.decode()
    assert "одобренный" in html
    assert "на другую статью" not in html


def test_dashboard_counts_pending_comments_of_own_services(client, two_services):
    client.force_login(moderator(two_services["ru"], "olga"))
    html = client.get("/admin/").content.decode()
    assert "Comments awaiting moderation" in html
    assert "Колокол</a>: 1" in html
    assert "Kolokol</a>" not in html


def test_comment_text_is_escaped_in_the_admin(client, two_services):
    article = two_services["ru_article"]
    Comment.objects.create(article=article, body="<script>alert(1)</script><b>x</b>")
    client.force_login(moderator(two_services["ru"], "olga"))
    html = client.get(QUEUE).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in html
    assert "<script>alert(1)" not in html


def test_admin_url_name():
    assert reverse("comments_queue") == QUEUE
