"""A burst of publishes rendered by one task worker, then by two.

Run after `make setup` (the demo must be loaded); DATABASE_URL picks the
database, as for the app:

    .venv/bin/python bench/task_workers.py [--publishes 200]

Needs N live articles (`kolokol benchdata --articles 200` adds them).
Enqueues the work of N publishes at once (N articles: each one's page and
every page that lists it, as ``publisher.schedule`` does),
the way an import or a busy news hour does, into the database queue. Then
`kolokol worker` processes drain it: first one, then two, each time from
an empty rendered store. Prints the time to drain the queue and the ratio
(the machine's cores bound it: 2 here).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kolokol.settings")
os.environ["KOLOKOL_TASKS"] = "database"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from kolokol.articles.models import ArticlePage  # noqa: E402
from kolokol.publishing import runner, tasks  # noqa: E402
from kolokol.publishing.affected import listing_urls  # noqa: E402

BIN = Path(sys.executable).parent


def burst(count: int) -> None:
    articles = list(ArticlePage.objects.live().specific().order_by("-pk")[:count])
    if len(articles) < count:
        raise SystemExit(f"{count} live articles needed: kolokol benchdata --articles {count}")
    since = time.time()
    with transaction.atomic():
        for article in articles:
            urls = [article.url, *listing_urls(article)]
            tasks.refresh_pages.enqueue(urls=[u for u in urls if u.endswith("/")], since=since)
    runner.ring()  # as the publisher does: the idle workers start at once


def drain(workers: int, count: int) -> float:
    shutil.rmtree(settings.KOLOKOL_STORE_DIR, ignore_errors=True)
    DBTaskResult.objects.all().delete()
    processes = [
        subprocess.Popen(
            [str(BIN / "kolokol"), "worker", "--tasks", "1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(workers)
    ]
    try:
        time.sleep(5)  # Django started in every worker, idle
        burst(count)
        started = time.perf_counter()
        while DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists():
            time.sleep(0.05)
        took = time.perf_counter() - started
        failed = DBTaskResult.objects.filter(status="FAILED").count()
        if failed:
            raise SystemExit(f"{failed} tasks failed")
        return took
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publishes", type=int, default=200)
    args = parser.parse_args()
    one = drain(1, args.publishes)
    two = drain(2, args.publishes)
    engine = django.db.connection.vendor
    print(f"{args.publishes} publishes queued at once on {engine}, drained by task workers")
    print(f"  one worker   {one:6.1f} s")
    print(f"  two workers  {two:6.1f} s   ({one / two:.2f}x as fast)")


if __name__ == "__main__":
    main()
