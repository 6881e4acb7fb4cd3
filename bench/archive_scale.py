"""Render time and queries per page type as the archive grows; render throughput.

    .venv/bin/kolokol benchdata --articles 1000     # or 100000
    .venv/bin/python bench/archive_scale.py

Renders (through the whole Django stack, as the publisher does) an old and
a new article, a section front, an old archive page, a topic page and the
home, 20 times each, and prints milliseconds and database queries per
render; then renders 300 articles one after another and prints pages per
second for one process.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kolokol.settings")
os.environ["KOLOKOL_STORE"] = "0"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kolokol.articles.models import ArticlePage  # noqa: E402
from kolokol.publishing import render  # noqa: E402
from kolokol.sections.models import TopicIndexPage  # noqa: E402


def measure(url: str, rounds: int = 20) -> tuple[float, int]:
    render.render(url)
    times = []
    with CaptureQueriesContext(connection) as queries:
        for _ in range(rounds):
            started = time.perf_counter()
            status, _, _ = render.render(url)
            times.append(time.perf_counter() - started)
            if status != 200:
                raise SystemExit(f"{url} answered {status}")
    return statistics.median(times) * 1000, len(queries.captured_queries) // rounds


def main() -> None:
    articles = ArticlePage.objects.live().order_by("first_published_at")
    total = articles.count()
    oldest, newest = articles.first(), articles.last()
    section = newest.get_parent()
    topics = TopicIndexPage.objects.live().descendant_of(newest.service).specific().first()
    tag = newest.tags.first()
    pages = {
        "article (oldest)": oldest.url,
        "article (newest)": newest.url,
        "section front": section.url,
        "section archive page 1": section.url + "page/1/",
        "topic": topics.topic_url(tag),
        "service home": newest.service.url,
    }
    print(f"{total} live articles on {connection.vendor}")
    print(f"  {'page':<24} {'ms':>7} {'queries':>8}")
    for name, url in pages.items():
        ms, count = measure(url)
        print(f"  {name:<24} {ms:>7.1f} {count:>8}")
    sample = list(articles.order_by("?")[:300])
    started = time.perf_counter()
    for article in sample:
        render.render(article.url)
    rate = len(sample) / (time.perf_counter() - started)
    print(f"  render throughput, one process: {rate:.0f} articles/s")


if __name__ == "__main__":
    main()
