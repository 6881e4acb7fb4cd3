"""Two app servers on one database: what is published through one, the other serves.

This test's own process is server A (its publisher and its store); server B
is a real ``kolokol serve`` with its own data folder, rendered store and
worker, on the same database (SQLite or PostgreSQL, as the run's), and the
shipped nginx configuration reading B's store in front of it. B is never
told anything: it learns from the database alone.
"""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from email.message import Message
from pathlib import Path

import pytest
from wagtail.models import PageViewRestriction

from kolokol.conftest import require
from kolokol.publishing import publisher
from kolokol.testing import factories
from kolokol.testing.nginx import NGINX, loopback_config, main_config
from kolokol.testing.servers import database_url, free_port, serve, stop, wait_until_up

pytestmark = pytest.mark.django_db(transaction=True)

REPO = Path(__file__).resolve().parents[3]
# B's worker looks every quarter second; allow for a loaded test machine.
WITHIN = 3.0


def get(url: str) -> tuple[int, Message, str]:
    request = urllib.request.Request(url)  # noqa: S310 (loopback)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def within(seconds: float, check: Callable[[], bool]) -> float:
    """How long until ``check()`` holds; fails after ``seconds``."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > seconds:
            pytest.fail(f"not seen within {seconds} s")
        time.sleep(0.02)
    return time.monotonic() - started


@pytest.fixture
def server_b(tmp_path, rendered_store):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {"KOLOKOL_DATA_DIR": str(tmp_path / "b"), "DATABASE_URL": database_url()}

    class B:
        store = tmp_path / "b" / "store"

        def start(self):
            self.process, self.base = serve(env, cwd=REPO)

        def stop(self):
            stop(self.process)

    b = B()
    b.start()
    yield b
    b.stop()


@pytest.fixture
def nginx_b(server_b, tmp_path, settings):
    """The shipped nginx, reading B's store and passing the rest to B."""
    require(Path(NGINX).exists(), "nginx not installed (apt-get install nginx)")
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    port = free_port()
    site = loopback_config(
        server_b.store, tmp_path / "static", Path(settings.MEDIA_ROOT), prefix / "access.log",
        server_b.base.removeprefix("http://"), port,
    )  # fmt: skip
    (prefix / "site.conf").write_text(site)
    (prefix / "nginx.conf").write_text(main_config(prefix, prefix / "site.conf"))
    # nginx includes the onion map that B's worker copies into B's store.
    within(WITHIN, lambda: (server_b.store / ".onion-locations.map").exists())
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")])
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/healthz")
    yield base
    process.terminate()
    process.wait(timeout=10)


def test_what_one_server_publishes_the_other_serves(server_b, request):
    factories.wagtail_tree()
    en = factories.service("en")
    nginx = request.getfixturevalue("nginx_b")
    ferry = factories.article(en, title="Ferry timetable changes", topics=["ferries"])
    bridge = factories.article(en, title="Bridge repairs begin")
    museum = factories.article(en, title="Museum opens late")
    publisher.wait()
    section = ferry.get_parent().url
    b = server_b
    for url in [en.url, section, ferry.url, bridge.url, museum.url, "/en/topics/ferries/"]:
        assert get(b.base + url)[0] == 200
        # The second answer comes from B's own store (the fast path).
        assert get(b.base + url)[1].get("X-Kolokol-Store") == "hit", url
    stored_ferry = b.store / "en" / ferry.url.strip("/").split("/", 1)[1] / "index.html"
    assert stored_ferry.exists()
    assert get(nginx + ferry.url)[1].get("X-Kolokol-Store") == "nginx"
    seen = {}

    # Unpublished on A: B stops serving it, its store (what nginx reads)
    # drops it, and B's listings no longer show it.
    ferry.unpublish()
    publisher.wait()
    seen["unpublish"] = within(WITHIN, lambda: get(b.base + ferry.url)[0] == 404)
    assert not stored_ferry.exists()
    assert get(nginx + ferry.url)[0] == 404
    for url in [en.url, section, "/en/topics/ferries/"]:
        status, _, html = get(b.base + url)
        assert "Ferry timetable changes" not in html, url

    # Made private on A: B asks for a login instead.
    PageViewRestriction.objects.create(page=bridge, restriction_type=PageViewRestriction.LOGIN)
    publisher.wait()
    seen["private"] = within(WITHIN, lambda: get(b.base + bridge.url)[0] == 302)
    assert "Bridge repairs begin" not in get(b.base + en.url)[2]

    # Breaking news set on A: B's stored pages carry the banner.
    factories.breaking(en, headline="Storm warning for the coast")
    publisher.wait()
    seen["breaking"] = within(
        WITHIN, lambda: "Storm warning for the coast" in get(b.base + museum.url)[2]
    )

    # A new onion address on A: B sends it with its stored pages.
    en.onion_url = "http://" + "k" * 56 + ".onion"
    en.save_revision().publish()
    publisher.wait()
    seen["onion"] = within(
        WITHIN,
        lambda: get(b.base + museum.url)[1].get("Onion-Location", "").startswith(en.onion_url),
    )

    # B stopped while A withdraws an article: restarted, B never serves it.
    b.stop()
    museum.unpublish()
    publisher.wait()
    b.start()
    assert get(b.base + museum.url)[0] == 404
    print("seen on B after", {event: f"{took:.2f} s" for event, took in seen.items()})
