"""Publish-to-live latency: from an editor's publish to readers seeing it.

Run after `make setup` (the demo must be loaded); DATABASE_URL picks the
database, as for the app:

    .venv/bin/python bench/publish_latency.py [--rounds 20]

Starts `kolokol serve` on the data directory, then, round after round,
changes an article's headline and publishes it the way the admin does
(save_revision().publish(), in this process, which runs the publishing
hooks) and polls the article, the service home and the section page over
HTTP until all three show the new headline. Prints p50, p95 and max.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kolokol.settings")

import django  # noqa: E402

django.setup()

from bench.article_throughput import stop  # noqa: E402
from kolokol.articles.models import ArticlePage  # noqa: E402
from kolokol.testing.servers import free_port, wait_until_up  # noqa: E402

BIN = Path(sys.executable).parent


def fetch(url: str) -> str:
    return urllib.request.urlopen(quote(url, safe=":/%"), timeout=10).read().decode()  # noqa: S310


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    article = (
        ArticlePage.objects.live()
        .filter(url_path__contains="/ru/")
        .order_by("-first_published_at")
        .first()
    )
    original = article.title
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "kolokol"), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    urls = [base + article.url, base + article.service.url, base + article.get_parent().url]
    latencies = []
    try:
        wait_until_up(base + "/")
        for url in urls:
            fetch(url)  # warm: every page is in the store before the first round
        for n in range(args.rounds):
            marker = f"{original} [{n}]"
            page = ArticlePage.objects.get(pk=article.pk)
            page.title = marker
            started = time.perf_counter()
            page.save_revision().publish()
            pending = list(urls)
            while pending:
                pending = [u for u in pending if marker not in fetch(u)]
                if time.perf_counter() - started > 30:
                    raise SystemExit(f"not live after 30 s: {pending}")
            latencies.append(time.perf_counter() - started)
    finally:
        page = ArticlePage.objects.get(pk=article.pk)
        page.title = original
        page.save_revision().publish()
        from kolokol.publishing import services

        services.wait()
        stop(server)
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    engine = django.db.connection.vendor
    print(f"publish to live on {engine}: article + home + section, {args.rounds} rounds")
    print(
        f"  p50 {statistics.median(latencies) * 1000:.0f} ms   p95 {p95 * 1000:.0f} ms   max {latencies[-1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
