"""Likes and shares without accounts, cookies or stored addresses."""

import logging
from datetime import timedelta
from io import StringIO
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.utils import timezone

from kolokol.comments.models import Comment, LikeToken, State
from kolokol.comments.tests.conftest import form_url, like_url, policy, send
from kolokol.core.models import ReaderSalt

pytestmark = pytest.mark.django_db

# As a browser sends it from the article page.
READER = {
    "REMOTE_ADDR": "203.0.113.7",
    "HTTP_USER_AGENT": "Firefox",
    "HTTP_ORIGIN": "http://testserver",
    "HTTP_SEC_FETCH_SITE": "same-origin",
}


def like(client, article, comment=None, **meta):
    data = {"comment": str(comment.pk)} if comment else {}
    return client.post(like_url(article), data, **{**READER, **meta})


def test_one_like_per_reader_per_day(client, article):
    response = like(client, article)
    assert response.status_code == 303
    assert response["Location"] == article.url + "?liked=1#likes"
    assert "Спасибо за отметку." in client.get(response["Location"]).content.decode()
    again = like(client, article)
    assert again["Location"] == article.url + "?liked=0#likes"
    assert "Вы уже отметили это сегодня." in client.get(again["Location"]).content.decode()
    like(client, article, REMOTE_ADDR="198.51.100.1")
    assert "2 отметки «нравится»" in client.get(article.url).content.decode()
    assert not response.cookies and not again.cookies


def test_the_same_reader_may_like_again_the_next_day(client, article):
    like(client, article)
    # The day passes: its tokens and salt now belong to yesterday.
    yesterday = timezone.now().date() - timedelta(days=1)
    LikeToken.objects.update(day=yesterday)
    ReaderSalt.objects.update(day=yesterday)
    assert like(client, article)["Location"].endswith("?liked=1#likes")
    call_command("purge_comments", verbosity=0)
    assert LikeToken.objects.count() == 1
    assert "2 отметки «нравится»" in client.get(article.url).content.decode()


def test_likes_on_comments(client, article):
    comment = Comment.objects.create(article=article, body="хорошо", state=State.APPROVED)
    pending = Comment.objects.create(article=article, body="ждёт")
    like(client, article, comment)
    like(client, article, comment)
    comment.refresh_from_db()
    assert comment.likes == 1
    assert like(client, article, pending).status_code == 404
    assert "1 отметка «нравится»" in client.get(article.url).content.decode()


def test_with_javascript_the_answer_carries_the_new_count(client, article):
    data = like(client, article, HTTP_ACCEPT="application/json").json()
    assert data == {
        "ok": True,
        "counted": True,
        "count": 1,
        "label": "1 отметка «нравится»",
        "message": "Спасибо.",
    }


def test_likes_from_another_site_are_refused(client, article):
    assert like(client, article, HTTP_ORIGIN="https://evil.example").status_code == 403
    # Every browser says where a POST comes from; a script that says nothing is not a reader.
    bare = client.post(like_url(article), {}, REMOTE_ADDR="203.0.113.7")
    assert bare.status_code == 403
    assert (
        like(
            client, article, HTTP_ORIGIN="https://evil.example", HTTP_SEC_FETCH_SITE=""
        ).status_code
        == 403
    )
    assert like(client, article, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    # A sandboxed frame elsewhere posts with "Origin: null" (older browsers
    # send no Sec-Fetch-Site to tell).
    assert like(client, article, HTTP_ORIGIN="null").status_code == 403
    assert not LikeToken.objects.exists()


def test_numbers_that_are_not_ascii_digits_are_not_comment_numbers(client, article):
    # "²".isdigit() is true, but int("²") fails: a 500 before.
    response = client.post(
        like_url(article), {"comment": "²"}, **{**READER, "REMOTE_ADDR": "203.0.113.9"}
    )
    assert response.status_code == 303  # liked the article, as with no comment
    assert client.get(form_url(article), {"reply": "²"}).status_code == 200


def test_no_address_is_stored_or_logged(client, ru, article, caplog):
    policy(ru, moderation="post")
    caplog.set_level(logging.DEBUG)
    client.get(article.url)
    like(client, article)
    send(client, article, body="комментарий")
    send(client, article, body="", meta=READER)  # a refusal is logged as a 400
    dump = StringIO()
    call_command("dumpdata", "comments", stdout=dump)
    assert "203.0.113.7" not in dump.getvalue()
    assert "203.0.113.7" not in caplog.text
    assert LikeToken.objects.get().reader != "203.0.113.7"


def test_reading_sets_no_cookie(client, article):
    Comment.objects.create(article=article, body="прочти меня", state=State.APPROVED)
    response = client.get(article.url)
    assert "прочти меня" in response.content.decode()
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_share_links_are_plain_links_chosen_per_service(client, ru, article, settings):
    policy(ru, share_networks="telegram, vk, copy")
    page = client.get(article.url).content.decode()
    share = page[page.index('class="share"') :].split("</nav>")[0]
    assert "https://t.me/share/url?url=" in share
    assert "https://vk.com/share.php?url=" in share
    assert "facebook" not in share
    assert f'href="{article.url}" data-copy-link' in share
    assert quote(settings.KOLOKOL_BASE_URL + article.url, safe="") in share
    assert "<script" not in share and "<img" not in share and "<iframe" not in share


def test_the_notice_is_shown_where_readers_act(client, ru, article):
    policy(ru, notice="Комментировать может быть опасно.")
    page = client.get(article.url).content.decode()
    notice = page.index("Комментировать может быть опасно.")
    assert notice < page.index("like-form") and notice < page.index('class="share"')
    form = client.get(f"/ru/comments/{article.pk}/").content.decode()
    assert "Комментировать может быть опасно." in form
