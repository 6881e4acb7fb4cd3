"""Readers comment: the form page, moderation states, replies, closing."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kolokol.articles.models import ArticlePage
from kolokol.comments.models import Comment, State
from kolokol.comments.tests.conftest import form_url, policy, send
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_article_shows_count_and_link_to_the_form_and_sets_no_cookie(client, article):
    response = client.get(article.url)
    html = response.content.decode()
    assert "0 комментариев" in html
    assert f'href="{form_url(article)}"' in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


def test_form_page_sets_the_csrf_cookie_only_there(client, article):
    response = client.get(form_url(article))
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    # A session cookie: it leaves no lasting trace on the reader's phone.
    assert not response.cookies["csrftoken"]["max-age"]
    assert not response.cookies["csrftoken"]["expires"]
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Имя (необязательно)" in html


def test_posting_needs_the_csrf_token_and_a_failure_keeps_the_text(article):
    strict = Client(enforce_csrf_checks=True)
    response = send(strict, article, body="Без токена", name="Аня")
    assert response.status_code == 403
    assert not Comment.objects.exists()
    page = response.content.decode()
    assert "Проверка безопасности формы не прошла" in page
    assert "Без токена</textarea>" in page
    assert 'value="Аня"' in page
    # The form sent again with the token it now carries is accepted.
    token = response.cookies["csrftoken"].value
    accepted = send(strict, article, body="Без токена", csrfmiddlewaretoken=token)
    assert accepted.status_code == 303


def test_pre_moderation_keeps_a_comment_out_of_sight_until_approved(client, article):
    response = send(client, article, body="Когда же откроют мост?", name="Иван")
    assert response.status_code == 303
    assert response["Location"] == article.url + "?comment=pending#comments"
    comment = Comment.objects.get()
    assert comment.state == State.PENDING
    page = client.get(response["Location"]).content.decode()
    assert "одобрит модератор" in page
    assert "Когда же откроют мост?" not in page
    comment.state = State.APPROVED
    comment.save()
    page = client.get(article.url).content.decode()
    assert "Когда же откроют мост?" in page
    assert "Иван" in page
    assert "1 комментарий" in page


def test_post_moderation_publishes_at_once(client, ru, article):
    policy(ru, moderation="post")
    response = send(client, article, body="Сразу видно")
    comment = Comment.objects.get()
    assert comment.state == State.APPROVED
    assert response["Location"] == f"{article.url}?comment=published#comment-{comment.pk}"
    assert "Сразу видно" in client.get(article.url).content.decode()


def test_policy_is_per_service(client, ru, article):
    en = factories.service("en")
    english = factories.article(en)
    policy(ru, moderation="post")
    send(client, article, body="по-русски")
    send(client, english, body="in English")
    assert Comment.objects.get(body="по-русски").state == State.APPROVED
    assert Comment.objects.get(body="in English").state == State.PENDING


def test_russian_plural_forms_of_the_count(client, article):
    for n in range(5):
        Comment.objects.create(article=article, body=f"текст {n}", state=State.APPROVED)
    assert "5 комментариев" in client.get(article.url).content.decode()
    Comment.objects.filter(body="текст 4").delete()
    Comment.objects.filter(body="текст 3").delete()
    assert "3 комментария" in client.get(article.url).content.decode()


def test_comments_oldest_first_with_one_level_of_replies(client, ru, article):
    policy(ru, moderation="post")
    now = timezone.now()
    first = Comment.objects.create(
        article=article, body="первый", state=State.APPROVED, created_at=now - timedelta(hours=2)
    )
    Comment.objects.create(
        article=article, body="второй", state=State.APPROVED, created_at=now - timedelta(hours=1)
    )
    send(client, article, body="ответ первому", parent=str(first.pk))
    reply = Comment.objects.get(body="ответ первому")
    assert reply.parent == first
    # Replying to a reply answers the comment it belongs to: one level only.
    send(client, article, body="ответ на ответ", parent=str(reply.pk))
    assert Comment.objects.get(body="ответ на ответ").parent == first
    html = client.get(article.url).content.decode()
    assert html.index("первый") < html.index("ответ первому") < html.index("второй")
    replies = html[html.index('class="comment-replies"') :]
    assert "ответ на ответ" in replies.split("</ol>")[0]


def test_reply_to_a_pending_or_foreign_comment_is_a_top_level_comment(client, ru, article):
    other = factories.article(ru)
    foreign = Comment.objects.create(article=other, body="чужой", state=State.APPROVED)
    send(client, article, body="не ответ", parent=str(foreign.pk))
    assert Comment.objects.get(body="не ответ").parent is None


def test_editors_close_comments_on_an_article(client, article):
    article.comments_closed = True
    factories.publish(article)
    html = client.get(article.url).content.decode()
    assert "Комментарии к этой статье закрыты." in html
    assert form_url(article) not in html
    response = send(client, article, body="поздно")
    assert response.status_code == 400
    assert "закрыты" in response.content.decode()
    assert "поздно" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_close_by_themselves_after_the_service_days(client, ru, article):
    policy(ru, close_after_days=3)
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=timezone.now() - timedelta(days=4)
    )
    response = send(client, article, body="старая статья")
    assert response.status_code == 400
    policy(ru, close_after_days=0)  # never close
    assert send(client, article, body="старая статья").status_code == 303


def test_a_comment_on_another_services_address_is_not_found(client, article):
    factories.service("en")
    response = client.get(f"/en/comments/{article.pk}/")
    assert response.status_code == 404


def test_with_javascript_the_answer_is_json(client, ru, article):
    policy(ru, moderation="post")
    response = send(client, article, body="из скрипта", meta={"HTTP_ACCEPT": "application/json"})
    data = response.json()
    assert data["ok"] is True
    assert "из скрипта" in data["html"]
    refused = send(client, article, body="", meta={"HTTP_ACCEPT": "application/json"})
    assert refused.status_code == 400
    assert refused.json()["message"] == "Пожалуйста, напишите комментарий."
