"""Posting to Telegram through the Bot API, against a local server that records what it is sent."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from django.test import Client

from kolokol.newsroom.models import Role
from kolokol.newsroom.roles import setup_service
from kolokol.telegram.models import Channel, Post
from kolokol.telegram.tasks import post as post_task
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = "123456:test-token-of-the-bot"  # noqa: S105 (a made-up token)


class BotAPI(ThreadingHTTPServer):
    """Answers sendMessage like Telegram; ``answers`` queues (status, body) to give instead."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, dict]] = []
        self.answers: list[tuple[int, dict]] = []


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append((self.path, body))
        status, answer = (
            self.server.answers.pop(0)
            if self.server.answers
            else (200, {"ok": True, "result": {"message_id": len(self.server.requests)}})
        )
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def api(settings):
    server = BotAPI()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.KOLOKOL_TELEGRAM_API = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def channel(home, **fields) -> Channel:
    item = Channel(
        service=home, chat="@kolokol_test", public_url="https://t.me/kolokol_test", **fields
    )
    item.token = TOKEN
    item.save()
    return item


def test_a_new_article_is_posted_once_with_its_headline_standfirst_and_link(api):
    home = factories.service("ru")
    channel(home)
    article = factories.article(
        home, title="Мост <снова> открыт", standfirst="После недели ремонта & проверок"
    )
    [(path, body)] = api.requests
    assert path == f"/bot{TOKEN}/sendMessage"
    assert body["chat_id"] == "@kolokol_test" and body["parse_mode"] == "HTML"
    assert body["text"] == (
        "<b>Мост &lt;снова&gt; открыт</b>\n\nПосле недели ремонта &amp; проверок\n\n"
        + article.full_url
    )
    assert body["link_preview_options"]["url"] == article.full_url
    item = Post.objects.get()
    assert (item.status, item.message_id) == ("sent", 1)
    # Published again (a correction): no second post.
    factories.publish(article)
    assert len(api.requests) == 1


def test_breaking_news_is_posted_and_services_without_a_channel_post_nothing(api):
    home = factories.service("en")
    other = factories.service("ru")
    channel(home, post_articles=False)
    factories.article(home, title="Not posted: articles are off")
    factories.article(other, title="Not posted: no channel")
    factories.breaking(home, "Dam holds", link_url="https://example.org/dam")
    [(_path, body)] = api.requests
    assert body["text"] == "<b>Dam holds</b>\n\nhttps://example.org/dam"


def test_a_failure_is_kept_shown_to_editors_and_sent_again_on_request(api):
    home = factories.service("en")
    setup = setup_service(home)
    channel(home)
    api.answers.append((400, {"ok": False, "description": "Bad Request: chat not found"}))
    factories.article(home, title="Harbour reopens")
    item = Post.objects.get()
    assert item.status == "failed" and item.error == "Bad Request: chat not found"

    chief = factories_user("chief", setup[Role.CHIEF_EDITOR])
    client = verified_login(Client(), chief)
    page = client.get("/admin/telegram/").content.decode()
    assert "Bad Request: chat not found" in page and "Harbour reopens" in page
    client.post(f"/admin/telegram/post/{item.pk}/retry/")
    item.refresh_from_db()
    assert item.status == "sent" and len(api.requests) == 2


def test_telegram_away_is_retried_later_with_the_queue(api, database_tasks):
    from django_tasks_db.models import DBTaskResult

    home = factories.service("en")
    channel(home)
    api.answers.append((502, {}))
    api.answers.append(
        (429, {"ok": False, "description": "Too Many Requests", "parameters": {"retry_after": 120}})
    )
    factories.article(home, title="Ferry returns")
    item = Post.objects.get()
    post_task.call(item.pk)  # what a worker does with the queued task
    item.refresh_from_db()
    assert item.status == "queued" and item.attempts == 1 and item.error == "HTTP 502"
    later = DBTaskResult.objects.filter(task_path__endswith="telegram.tasks.post").order_by(
        "-enqueued_at"
    )
    assert later.first().run_after is not None
    post_task.call(item.pk)
    item.refresh_from_db()
    assert item.attempts == 2 and item.error == "Too Many Requests"
    waited = later.first().run_after - later.first().enqueued_at
    assert waited.total_seconds() >= 119  # Telegram's own retry_after is respected
    post_task.call(item.pk)
    item.refresh_from_db()
    assert item.status == "sent"


def test_the_token_is_stored_encrypted_and_never_shown_back(api):
    home = factories.service("en")
    setup = setup_service(home)
    chief = factories_user("chief", setup[Role.CHIEF_EDITOR])
    client = verified_login(Client(), chief)
    response = client.post(
        f"/admin/telegram/{home.pk}/",
        {"chat": "@ours", "public_url": "https://t.me/ours", "token": TOKEN, "post_articles": "on"},
    )
    assert response.status_code == 302
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM telegram_channel")
        assert TOKEN not in repr(cursor.fetchall())
    assert Channel.objects.get().token == TOKEN
    assert TOKEN not in client.get(f"/admin/telegram/{home.pk}/").content.decode()
    # Saving without a token keeps the one there is.
    client.post(
        f"/admin/telegram/{home.pk}/", {"chat": "@ours2", "public_url": "https://t.me/ours"}
    )
    assert Channel.objects.get().token == TOKEN
    # Readers find the channel in every page's footer.
    front = Client().get(home.url).content.decode()
    assert 'href="https://t.me/ours"' in front
    # Telegram's Instant View credits the channel it reads the page from.
    assert '<meta property="telegram:channel" content="@ours">' in front
    # Another service's chief editor cannot touch it.
    ru = factories.service("ru")
    stranger = factories_user("stranger", setup_service(ru)[Role.CHIEF_EDITOR])
    other = verified_login(Client(), stranger)
    assert other.get(f"/admin/telegram/{home.pk}/").status_code == 404


def factories_user(name, group):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(name, f"{name}@example.org", "a-long-pass")
    user.groups.add(group)
    return user
