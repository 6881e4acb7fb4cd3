"""Publish-to-live latency: from an editor's publish to readers seeing it.

Run after `make setup` (the demo must be loaded); DATABASE_URL picks the
database, as for the app:

    .venv/bin/python bench/publish_latency.py [--rounds 20]

Starts `kolokol serve` on the data directory, then, round after round,
changes an article's headline and publishes it the way the admin does
(save_revision().publish(), in this process, which runs the publishing
hooks) and polls the article, the service home and the section page over
HTTP until all three show the new headline. Prints p50, p95 and max.

With ``--second-server``, a second `kolokol serve` with a data folder and
rendered store of its own, on the same database, is polled too: it hears
of the publish only through the database (``kolokol.publishing.fanout``),
as a second machine behind a load balancer would. Both servers' figures
are printed side by side.

With ``--bucket``, the servers also keep a shared copy of the store in an
S3-compatible bucket (moto's server, started here), and the bucket is
polled beside them, as a CDN reading it would see the pages.

With ``--approve``, each round goes through the service's review workflow
instead: the change is submitted for review, and the clock starts when a
chief editor presses Approve (the workflow task's approve action, which
publishes the revision as the admin's button does).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kolokol.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from bench.article_throughput import stop  # noqa: E402
from kolokol.articles.models import ArticlePage  # noqa: E402
from kolokol.testing.servers import free_port, wait_until_up  # noqa: E402

BIN = Path(sys.executable).parent


def fetch(url: str) -> str:
    return urllib.request.urlopen(quote(url, safe=":/%"), timeout=10).read().decode()  # noqa: S310


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument(
        "--second-server", action="store_true", help="also poll a second server (own store)"
    )
    parser.add_argument(
        "--approve", action="store_true", help="publish through the review workflow's Approve"
    )
    parser.add_argument(
        "--bucket", action="store_true", help="the servers upload to a bucket; poll it too"
    )
    args = parser.parse_args()
    moto = None
    if args.bucket:
        moto, bucket = start_bucket()
    article = (
        ArticlePage.objects.live()
        .filter(url_path__contains="/ru/")
        .order_by("-first_published_at")
        .first()
    )
    original = article.title
    servers = [start()]
    if args.second_server:
        second = tempfile.mkdtemp(prefix="kolokol-bench-b-")
        # Servers share the media storage (deploy/README.md); the store is its own.
        os.symlink(settings.MEDIA_ROOT, Path(second) / "media")
        servers.append(start({"KOLOKOL_DATA_DIR": second, "DATABASE_URL": database_url()}))
    paths = [article.url, article.service.url, article.get_parent().url]
    readers = {base: (lambda path, base=base: fetch(base + path)) for _, base in servers}
    names = dict(zip(readers, ["this server", "a second server"], strict=False))
    if args.bucket:
        readers["bucket"] = bucket
        names["bucket"] = "the bucket"
    latencies: dict[str, list[float]] = {name: [] for name in readers}
    try:
        for _, base in servers:
            wait_until_up(base + "/")
            for path in paths:
                fetch(base + path)  # warm: every page is in the store before the first round
        drain_queue()
        for n in range(args.rounds):
            marker = f"{original} [{n}]"
            page = ArticlePage.objects.get(pk=article.pk)
            page.title = marker
            if args.approve:
                approve = submitted(page)
                started = time.perf_counter()
                approve()
            else:
                started = time.perf_counter()
                page.save_revision().publish()
            pending = {name: list(paths) for name in latencies}
            while any(pending.values()):
                for name, left in pending.items():
                    if left:
                        pending[name] = [p for p in left if marker not in readers[name](p)]
                        if not pending[name]:
                            latencies[name].append(time.perf_counter() - started)
                if time.perf_counter() - started > 30:
                    raise SystemExit(f"not live after 30 s: {pending}")
                # Look every POLL_SECONDS, as a reader reloading often would: a
                # loop without pause would take a core from the servers it
                # measures (two servers, their workers and a bucket share this
                # machine's cores) and add its own load to every figure.
                time.sleep(POLL_SECONDS)
    finally:
        page = ArticlePage.objects.get(pk=article.pk)
        page.title = original
        page.save_revision().publish()
        for server, _ in servers:
            stop(server)
        if moto is not None:
            stop(moto)
    engine = django.db.connection.vendor
    how = "Approve in the review workflow" if args.approve else "publish"
    print(f"{how} to live on {engine}: article + home + section, {args.rounds} rounds")
    for key, name in names.items():
        times = sorted(latencies[key])
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(
            f"  {name:16} p50 {statistics.median(times) * 1000:4.0f} ms"
            f"   p95 {p95 * 1000:4.0f} ms   max {times[-1] * 1000:4.0f} ms"
        )


POLL_SECONDS = 0.02


def submitted(page: ArticlePage):
    """Submit ``page``'s change for review; returns the chief editor's Approve, to call."""
    from django.contrib.auth import get_user_model

    workflow = page.get_workflow()
    if workflow is None:
        raise SystemExit(f"no review workflow for {page.url} (run `kolokol newsroom setup`)")
    users = get_user_model().objects
    editor = users.filter(is_superuser=True).first() or users.create_superuser(
        "bench-approver", "approver@bench.invalid", None
    )
    page.save_revision(user=editor)
    state = workflow.start(page, editor)

    def approve() -> None:
        # Every step in turn, as the reviewers press Approve: the last one publishes.
        while state.status == state.STATUS_IN_PROGRESS:
            task_state = state.current_task_state
            task_state.task.specific.on_action(task_state, editor, "approve")
            state.refresh_from_db()

    return approve


def drain_queue(limit: float = 300) -> None:
    """Wait for the servers' workers to finish queued work (a fresh demo leaves some).

    A round measured behind a backlog measures the backlog.
    """
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + limit
    while (waiting := DBTaskResult.objects.filter(status="READY").count()) > 0:
        if time.monotonic() > deadline:
            raise SystemExit(f"{waiting} tasks still queued after {limit:.0f} s")
        time.sleep(1)


def start_bucket():
    """moto's S3 server and a bucket; the servers started after this upload to it."""
    import gzip

    import boto3
    from botocore.exceptions import ClientError

    port = free_port()
    moto = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    endpoint = f"http://127.0.0.1:{port}"
    wait_until_up(endpoint + "/moto-api/")
    os.environ |= {
        "KOLOKOL_STORE_S3_BUCKET": "kolokol-bench",
        "KOLOKOL_STORE_S3_ENDPOINT_URL": endpoint,
        "KOLOKOL_STORE_S3_REGION": "us-east-1",
        "KOLOKOL_STORE_S3_PREFIX": "site",
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",  # moto takes any
    }
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket="kolokol-bench")

    def page(path: str) -> str:
        try:
            found = client.get_object(Bucket="kolokol-bench", Key=f"site{path}index.html")
        except ClientError:
            return ""
        return gzip.decompress(found["Body"].read()).decode()

    return moto, page


def database_url() -> str:
    config = django.db.connection.settings_dict
    if config["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{config['NAME']}"
    return os.environ["DATABASE_URL"]


def start(env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    # The server's log, to read when a round fails.
    descriptor, log = tempfile.mkstemp(prefix="kolokol-bench-serve-", suffix=".log")
    server = subprocess.Popen(
        [str(BIN / "kolokol"), "serve", "--port", str(port)],
        env={**os.environ, **(env or {})},
        stdout=descriptor, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    os.close(descriptor)
    print(f"server log: {log}", file=sys.stderr)
    return server, f"http://127.0.0.1:{port}"


if __name__ == "__main__":
    main()
