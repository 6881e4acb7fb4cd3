"""Abuse resistance: every refusal says why, in Russian, and keeps the reader's text."""

import html
import re
import time
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.core import signing

from kolokol.comments import guard, text
from kolokol.comments.models import Comment, State
from kolokol.comments.tests.conftest import form_url, policy, send
from kolokol.comments.tests.hostile import PAYLOADS

pytestmark = pytest.mark.django_db


def textarea(response) -> str:
    page = response.content.decode()
    start = page.index('id="comment-body"')
    start = page.index(">", start) + 1
    return html.unescape(page[start : page.index("</textarea>", start)])


def assert_refused(response, message, body):
    assert response.status_code == 400
    page = response.content.decode()
    assert html.escape(message, quote=False) in page or message in html.unescape(page)
    assert textarea(response) == text.normalise(body)


def test_honeypot(client, article):
    response = send(client, article, body="Я робот", website="http://spam.example")
    assert_refused(response, "Комментарий не удалось принять", "Я робот")
    assert not Comment.objects.exists()


def test_too_quick(client, article, settings):
    settings.KOLOKOL_COMMENT_MIN_SECONDS = 3
    response = send(client, article, body="Быстрый")
    assert_refused(response, "Слишком быстро для человека", "Быстрый")
    # The same form sent after the reader took their time is accepted.
    stamp = signing.b62_encode(int(time.time()) - 10)
    old = signing.Signer(salt=guard.SIGNER_SALT).sign(f"{article.pk}:{stamp}")
    assert send(client, article, body="Быстрый", ts=old).status_code == 303


def test_forged_or_missing_stamp(client, article):
    for stamp in ["", "12:abc:def", guard.form_token(article.pk + 1)]:
        response = send(client, article, body="Подделка", ts=stamp)
        assert response.status_code == 400
        assert textarea(response) == "Подделка"
    assert not Comment.objects.exists()


def test_length_limit(client, ru, article):
    policy(ru, max_length=50)
    response = send(client, article, body="д" * 51)
    assert_refused(response, "Комментарий слишком длинный: не больше 50 знаков.", "д" * 51)
    assert send(client, article, body="д" * 50).status_code == 303


def test_link_limit(client, ru, article):
    policy(ru, max_links=2)
    body = "см. https://a.example и https://b.example и www.c.example"
    response = send(client, article, body=body)
    assert_refused(response, "не больше 2 ссылок", body)
    assert (
        send(client, article, body="см. https://a.example и https://b.example").status_code == 303
    )


def test_blocked_words_per_service(client, ru, article):
    policy(ru, blocked_words="казино\nбыстрый заработок")
    for body in ["Лучшее КАЗИНО тут", "Быстрый   заработок".replace("   ", " ")]:
        response = send(client, article, body=body)
        assert_refused(response, "есть слова, которые мы не публикуем", body)
    # A word that merely contains a blocked one is fine.
    assert send(client, article, body="казиноподобный").status_code == 303


def test_duplicates(client, article):
    assert send(client, article, body="Одно и то же").status_code == 303
    response = send(client, article, body="  одно И то   же ")
    assert_refused(response, "Этот комментарий уже отправлен.", "  одно И то   же ")
    assert Comment.objects.count() == 1


def test_rate_limit_per_reader(client, article, settings):
    settings.KOLOKOL_COMMENT_READER_LIMIT = 2
    assert send(client, article, body="раз").status_code == 303
    assert send(client, article, body="два").status_code == 303
    response = send(client, article, body="три")
    assert_refused(response, "Подождите десять минут.", "три")
    # Another reader (another address) is not held back.
    other = send(client, article, body="другой читатель", meta={"REMOTE_ADDR": "198.51.100.9"})
    assert other.status_code == 303


def test_changing_browser_headers_does_not_escape_the_limit(client, article, settings):
    settings.KOLOKOL_COMMENT_READER_LIMIT = 2
    for n, agent in enumerate(["Firefox", "Chrome", "Safari", "curl"]):
        meta = {"HTTP_USER_AGENT": agent, "HTTP_ACCEPT_LANGUAGE": f"ru-{n}"}
        response = send(client, article, body=f"текст {n}", meta=meta)
        assert response.status_code == (303 if n < 2 else 400), agent
    assert Comment.objects.count() == 2


def test_a_busy_discussion_does_not_lock_its_address_out_of_the_others(
    client, ru, article, settings
):
    # Many readers share an address (a Tor exit, a carrier's NAT): the limit
    # per reader is per article, with a wider one across the site.
    from kolokol.testing import factories

    settings.KOLOKOL_COMMENT_READER_LIMIT = 2
    settings.KOLOKOL_COMMENT_ADDRESS_LIMIT = 3
    other = factories.article(ru, title="Другая статья")
    assert [send(client, article, body=f"а{n}").status_code for n in range(3)] == [303, 303, 400]
    assert send(client, other, body="в другой статье").status_code == 303
    response = send(client, factories.article(ru, title="Третья"), body="ещё")
    assert_refused(response, "Подождите десять минут.", "ещё")


def test_one_form_stamp_is_one_comment(client, article):
    stamp = guard.form_token(article.pk)
    assert send(client, article, body="Первый", ts=stamp).status_code == 303
    response = send(client, article, body="Второй с той же формы", ts=stamp)
    assert_refused(response, "Эта форма уже отправлена.", "Второй с той же формы")
    # The form shown again carries a fresh stamp, which works.
    fresh = re.search(r'name="ts" value="([^"]+)"', response.content.decode()).group(1)
    assert fresh != stamp
    assert send(client, article, body="Второй с той же формы", ts=fresh).status_code == 303


def test_rate_limit_per_article(client, article, settings):
    settings.KOLOKOL_COMMENT_ARTICLE_LIMIT = 2
    for n in range(2):
        send(client, article, body=f"читатель {n}", meta={"REMOTE_ADDR": f"198.51.100.{n}"})
    response = send(client, article, body="третий", meta={"REMOTE_ADDR": "198.51.100.50"})
    assert_refused(response, "Попробуйте через минуту.", "третий")
    assert Comment.objects.count() == 2


def test_normalisation():
    assert text.normalise("e\u0301") == "\u00e9"
    assert text.normalise("abc\u202edcba\u202c") == "abcdcba"
    assert text.normalise("nul\x00byte\x07") == "nulbyte"
    assert text.normalise("می\u200cخواهم") == "می\u200cخواهم"  # Persian needs ZWNJ
    zalgo = text.normalise("Z" + "\u0301\u0302\u0303\u0304\u0305" * 20)
    assert len(zalgo) == 1 + text.MAX_COMBINING
    assert text.normalise("a\r\n\r\n\r\n\r\nb") == "a\n\nb"


def test_rendering_escapes_and_links():
    rendered = text.render('<b>hi</b> https://example.org/a?b=1&c=2" www.example.net.')
    assert "&lt;b&gt;hi&lt;/b&gt;" in rendered
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">' in rendered
    assert '<a href="https://www.example.net" rel="nofollow ugc noopener">www.example.net</a>.' in (
        rendered
    )
    assert text.render("javascript:alert(1)") == "<p>javascript:alert(1)</p>"


class CommentMarkup(HTMLParser):
    """Every tag and attribute inside the comment bodies of a page."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.tags = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.tags.append((tag, dict(attrs)))
            if tag not in {"br"}:
                self.depth += 1
        elif tag == "div" and ("class", "comment__body") in attrs:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag != "br":
            self.depth -= 1


def post_raw(client, article, body_bytes: bytes):
    data = b"body=" + body_bytes + b"&ts=" + quote(guard.form_token(article.pk)).encode()
    return client.post(
        form_url(article),
        data,
        content_type="application/x-www-form-urlencoded",
        REMOTE_ADDR="203.0.113.7",
    )


def submit_corpus(client, ru, article, settings):
    """Send every payload through the real form; returns how many were kept."""
    settings.KOLOKOL_COMMENT_READER_LIMIT = 10_000
    settings.KOLOKOL_COMMENT_ADDRESS_LIMIT = 10_000
    settings.KOLOKOL_COMMENT_ARTICLE_LIMIT = 10_000
    policy(ru, moderation="post", max_links=2)
    kept = 0
    for payload in PAYLOADS:
        try:
            payload.encode()
        except UnicodeEncodeError:
            response = post_raw(client, article, b"%ED%A0%80invalid%FF%FEutf8")
        else:
            response = send(client, article, body=payload)
        assert response.status_code in {303, 400}, payload[:80]
        if response.status_code == 400:
            assert 'class="comment-error"' in response.content.decode(), payload[:80]
        else:
            kept += 1
        # Nothing already stored is lost.
        assert Comment.objects.count() == kept
    return kept


def test_hostile_corpus_is_stored_as_text_and_rendered_escaped(client, ru, article, settings):
    kept = submit_corpus(client, ru, article, settings)
    assert kept > 90
    page = client.get(article.url).content.decode()
    parser = CommentMarkup()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag in {"p", "br", "a"}, (tag, attrs)
        if tag == "a":
            assert set(attrs) == {"href", "rel"}, attrs
            assert attrs["href"].startswith(("http://", "https://")), attrs
            assert attrs["rel"] == "nofollow ugc noopener"
    for comment in Comment.objects.all():
        assert "\x00" not in comment.body and "\u202e" not in comment.body
        assert comment.state == State.APPROVED
