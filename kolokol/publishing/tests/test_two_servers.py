"""Two app servers on one database, each with its worker, a bucket, nginx in front of one.

Servers A and B are real ``kolokol serve`` processes with data folders,
rendered stores and task workers of their own, on the same database
(SQLite or PostgreSQL, as the run's; Redis when the run has it) and the
same S3-compatible bucket (moto's server); the shipped nginx configuration
reads B's store in front of B. This test's process is an editor's session
on A's machine: it publishes with the database task backend, so the work
waits in the queue for A's and B's workers. Neither server is told
anything: each learns from the database alone.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from email.message import Message
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError
from wagtail.models import PageViewRestriction

from kolokol.conftest import require
from kolokol.testing import factories
from kolokol.testing.nginx import NGINX, loopback_config, main_config
from kolokol.testing.servers import database_url, free_port, serve, stop, wait_until_up

pytestmark = pytest.mark.django_db(transaction=True)

REPO = Path(__file__).resolve().parents[3]
# Workers look every quarter second; allow for a loaded test machine.
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


class Bucket:
    def __init__(self, endpoint: str) -> None:
        self.name = f"kolokol-{uuid.uuid4().hex[:12]}"
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="kolokol-test",
            aws_secret_access_key="kolokol-test",  # noqa: S106 (moto takes any)
        )
        self.client.create_bucket(Bucket=self.name)
        self.env = {
            "KOLOKOL_STORE_S3_BUCKET": self.name,
            "KOLOKOL_STORE_S3_ENDPOINT_URL": endpoint,
            "KOLOKOL_STORE_S3_REGION": "us-east-1",
            "KOLOKOL_STORE_S3_PREFIX": "site",
            "AWS_ACCESS_KEY_ID": "kolokol-test",
            "AWS_SECRET_ACCESS_KEY": "kolokol-test",
        }

    def page(self, url: str) -> str | None:
        """The page at ``url`` as a CDN reading the bucket would serve it, or None."""
        try:
            found = self.client.get_object(Bucket=self.name, Key=f"site{url}index.html")
        except ClientError as error:
            if error.response["Error"]["Code"] == "NoSuchKey":
                return None
            raise
        return gzip.decompress(found["Body"].read()).decode()


class Server:
    def __init__(self, data: Path, env: dict[str, str]) -> None:
        self.data, self.store = data, data / "store"
        self.env = env | {"KOLOKOL_DATA_DIR": str(data)}

    def start(self) -> None:
        self.process, self.base = serve(self.env, cwd=REPO)

    def stop(self) -> None:
        stop(self.process)

    def shell(self, code: str) -> None:
        """Run ``code`` in a ``kolokol shell`` with this server's settings (an editor on it)."""
        command = [sys.executable, "-m", "kolokol", "shell", "-c", code]
        subprocess.run(command, env=self.env, cwd=REPO, check=True, timeout=60)  # noqa: S603


@pytest.fixture
def servers(tmp_path, rendered_store, database_tasks, settings, s3_server):
    """A and B: ``kolokol serve`` with a worker each, one database, one bucket."""
    bucket = Bucket(s3_server)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {"DATABASE_URL": database_url(), "KOLOKOL_TASKS": "database", **bucket.env}
    # A's data folder is this test's: its store is the one the test's
    # publisher dates pages by, and the test rings A's workers' doorbell.
    a, b = Server(tmp_path, env), Server(tmp_path / "b", env)
    settings.DATA_DIR = tmp_path
    a.start()
    b.start()
    yield a, b, bucket
    b.stop()
    a.stop()


@pytest.fixture
def nginx_b(servers, tmp_path, settings):
    """The shipped nginx, reading B's store and passing the rest to B."""
    require(Path(NGINX).exists(), "nginx not installed (apt-get install nginx)")
    _, server_b, _ = servers
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


def test_what_one_server_publishes_the_other_serves(servers, request):
    a, b, bucket = servers
    factories.wagtail_tree()
    en = factories.service("en")
    nginx = request.getfixturevalue("nginx_b")
    ferry = factories.article(en, title="Ferry timetable changes", topics=["ferries"])
    bridge = factories.article(en, title="Bridge repairs begin")
    museum = factories.article(en, title="Museum opens late")
    section = ferry.get_parent().url
    seen = {}

    # Published through A: the workers render it and the bucket has it.
    seen["publish"] = within(
        WITHIN * 3, lambda: "Museum opens late" in (bucket.page(museum.url) or "")
    )
    within(WITHIN, lambda: "Museum opens late" in (bucket.page(en.url) or ""))
    for url in [en.url, section, ferry.url, bridge.url, museum.url, "/en/topics/ferries/"]:
        assert get(b.base + url)[0] == 200
        # The second answer comes from B's own store (the fast path).
        assert get(b.base + url)[1].get("X-Kolokol-Store") == "hit", url
    stored_ferry = b.store / "en" / ferry.url.strip("/").split("/", 1)[1] / "index.html"
    assert stored_ferry.exists()
    assert get(nginx + ferry.url)[1].get("X-Kolokol-Store") == "nginx"
    # Each publish's upload is a task of its own, taken by whichever worker
    # of either server is free: the museum's may land before the ferry's.
    within(WITHIN, lambda: bucket.page(ferry.url) is not None)

    # Unpublished on A: B stops serving it, its store (what nginx reads)
    # drops it, B's listings no longer show it, and neither does the bucket.
    ferry.unpublish()
    seen["unpublish"] = within(WITHIN, lambda: get(b.base + ferry.url)[0] == 404)
    assert not stored_ferry.exists()
    assert get(nginx + ferry.url)[0] == 404
    for url in [en.url, section, "/en/topics/ferries/"]:
        # Each listing within the same second (B's worker, or its next render).
        within(WITHIN, lambda url=url: "Ferry timetable changes" not in get(b.base + url)[2])
    within(WITHIN, lambda: bucket.page(ferry.url) is None)
    within(WITHIN, lambda: "Ferry timetable changes" not in (bucket.page(en.url) or ""))

    # Made private on A: B asks for a login instead; the bucket drops it.
    PageViewRestriction.objects.create(page=bridge, restriction_type=PageViewRestriction.LOGIN)
    seen["private"] = within(WITHIN, lambda: get(b.base + bridge.url)[0] == 302)
    within(WITHIN, lambda: "Bridge repairs begin" not in get(b.base + en.url)[2])
    within(WITHIN, lambda: bucket.page(bridge.url) is None)

    # Breaking news set through B: A's pages and the bucket carry the banner.
    b.shell(
        "from kolokol.services.models import ServiceHomePage; from kolokol.testing import "
        "factories; factories.breaking(ServiceHomePage.objects.get(slug='en'), "
        "headline='Storm warning for the coast')"
    )
    seen["breaking on B, seen on A"] = within(
        WITHIN, lambda: "Storm warning for the coast" in get(a.base + museum.url)[2]
    )
    within(WITHIN, lambda: "Storm warning for the coast" in (bucket.page(en.url) or ""))

    # A new onion address on A: B sends it with its stored pages.
    en.onion_url = "http://" + "k" * 56 + ".onion"
    en.save_revision().publish()
    seen["onion"] = within(
        WITHIN,
        lambda: get(b.base + museum.url)[1].get("Onion-Location", "").startswith(en.onion_url),
    )

    # B stopped while A withdraws an article: restarted, B never serves it.
    b.stop()
    museum.unpublish()
    b.start()
    assert get(b.base + museum.url)[0] == 404
    print("seen after", {event: f"{took:.2f} s" for event, took in seen.items()})
