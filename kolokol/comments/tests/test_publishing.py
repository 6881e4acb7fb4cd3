"""Comments and the rendered store, the static mirror and the retention purge."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from kolokol.comments.models import Comment, LikeToken, State
from kolokol.comments.tests.conftest import form_url, policy, send
from kolokol.core.models import ReaderSalt
from kolokol.publishing import render
from kolokol.testing import factories


def stored_html(store, url):
    stored = store.get(url)
    return stored.path.read_text() if stored else ""


@pytest.mark.django_db(transaction=True)
def test_approving_and_deleting_a_comment_updates_the_stored_article(client, rendered_store):
    from kolokol.comments.tests.test_moderation import QUEUE, moderator

    factories.wagtail_tree()
    ru = factories.service("ru", title="Колокол")
    article = factories.article(ru, title="Мост")
    assert client.get(article.url).status_code == 200
    assert "0 комментариев" in stored_html(rendered_store, article.url)

    send(client, article, body="Ждём открытия моста")
    comment = Comment.objects.get()
    client.force_login(moderator(ru, "olga"))
    client.post(QUEUE, {"one": f"approve:{comment.pk}"})
    stored = stored_html(rendered_store, article.url)
    assert "Ждём открытия моста" in stored
    assert "1 комментарий" in stored

    client.post(QUEUE, {"one": f"delete:{comment.pk}"})
    assert "Ждём открытия моста" not in stored_html(rendered_store, article.url)


@pytest.mark.django_db(transaction=True)
def test_post_moderated_comment_reaches_the_stored_article(client, rendered_store):
    factories.wagtail_tree()
    ru = factories.service("ru", title="Колокол")
    policy(ru, moderation="post")
    article = factories.article(ru)
    client.get(article.url)
    send(client, article, body="Сразу в хранилище")
    assert "Сразу в хранилище" in stored_html(rendered_store, article.url)


@pytest.mark.django_db
def test_mirror_shows_comments_but_sends_commenters_to_the_main_site(tmp_path, settings):
    from kolokol.publishing import mirror

    ru = factories.service("ru", title="Колокол", mirror_urls="https://kolokol.example.net/")
    article = factories.article(ru)
    Comment.objects.create(article=article, body="Виден и на зеркале", state=State.APPROVED)
    status, body, _ = render.render(article.url)
    assert status == 200
    html = mirror.rewrite(body, "").decode()
    assert "Виден и на зеркале" in html
    assert form_url(article) not in html
    assert "like-form" not in html
    assert '<div class="comments-mirror-note">' in html
    assert "Комментарии и отметки «нравится» доступны на основном сайте" in html
    assert settings.KOLOKOL_BASE_URL + article.url in html
    assert "https://kolokol.example.net/" in html


@pytest.mark.django_db
def test_purge_forgets_old_refusals_and_yesterdays_likes(settings):
    settings.KOLOKOL_COMMENT_RETENTION_DAYS = 30
    article = factories.article(factories.service("ru"))
    old = timezone.now() - timedelta(days=31)
    recent = timezone.now() - timedelta(days=2)
    for body, state, when in [
        ("old spam", State.SPAM, old),
        ("old rejected", State.REJECTED, old),
        ("recent spam", State.SPAM, recent),
        ("old approved", State.APPROVED, old),
        ("old pending", State.PENDING, old),
    ]:
        Comment.objects.create(
            article=article, body=body, state=state, created_at=when, moderated_at=when
        )
    today = timezone.now().date()
    LikeToken.objects.create(day=today - timedelta(days=1), item="a:1", reader="x" * 64)
    LikeToken.objects.create(day=today, item="a:1", reader="y" * 64)
    ReaderSalt.objects.create(day=today - timedelta(days=1), value="old")
    call_command("purge_comments", verbosity=0)
    assert set(Comment.objects.values_list("body", flat=True)) == {
        "recent spam",
        "old approved",
        "old pending",
    }
    assert list(LikeToken.objects.values_list("day", flat=True)) == [today]
    assert not ReaderSalt.objects.filter(day__lt=today).exists()


@pytest.mark.django_db(transaction=True)
def test_worker_runs_the_purge():
    factories.wagtail_tree()
    article = factories.article(factories.service("ru"))
    old = timezone.now() - timedelta(days=400)
    Comment.objects.create(article=article, body="spam", state=State.SPAM, moderated_at=old)
    call_command("worker", once=True)
    assert not Comment.objects.exists()
