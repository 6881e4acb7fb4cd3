"""A live blog of 2,000 posts: render time, store cost of a post, post-to-reader latency.

Run after `make setup` (the demo must be loaded); DATABASE_URL picks the
database, as for the app:

    .venv/bin/python bench/live_blog.py [--posts 2000] [--rounds 20]

Adds ``--posts`` posts to the demo's English live blog (taken out again at
the end), then prints, each beside its baseline from the same run:

* render time of the live blog's front and of an archive page of its posts,
  against an ordinary article of the demo (through the whole Django stack,
  as the publisher renders);
* the stored pages one new post costs, against numbering archive pages
  from the newest (where every page of the archive moves with each post);
* from saving a post to readers seeing it on the stored page, polled over
  HTTP from `kolokol serve` (its worker renders), against an article's
  headline change published the way the admin does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kolokol.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.article_throughput import stop  # noqa: E402
from bench.publish_latency import POLL_SECONDS, drain_queue, fetch, start  # noqa: E402
from kolokol.articles.models import ArticlePage  # noqa: E402
from kolokol.core.pages import archive_page_of  # noqa: E402
from kolokol.live.addresses import post_urls  # noqa: E402
from kolokol.live.models import POSTS_PER_PAGE, LiveBlogPage, LivePost  # noqa: E402
from kolokol.publishing import render  # noqa: E402
from kolokol.testing.servers import wait_until_up  # noqa: E402

BENCH_MARK = "[bench]"


def measure(url: str, rounds: int = 20) -> tuple[float, int]:
    """Median milliseconds and queries of rendering ``url``."""
    status, _body, _storable = render.render(url)
    if status != 200:
        raise SystemExit(f"{url} answered {status}")
    times = []
    with CaptureQueriesContext(connection) as queries:
        for _ in range(rounds):
            started = time.perf_counter()
            render.render(url)
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, len(queries) // rounds


def add_posts(blog: LiveBlogPage, number: int) -> None:
    start_at = timezone.now() - timedelta(minutes=number + 5)
    LivePost.objects.bulk_create(
        (
            LivePost(
                page=blog,
                headline=f"{BENCH_MARK} update {n}",
                body=[{"type": "paragraph", "value": f"<p>Update number {n} of the night.</p>"}],
                status=LivePost.Status.PUBLISHED,
                posted_at=start_at + timedelta(seconds=n),
            )
            for n in range(1, number + 1)
        ),
        batch_size=500,
    )


def percentiles(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return (
        f"p50 {statistics.median(times) * 1000:4.0f} ms   p95 {p95 * 1000:4.0f} ms"
        f"   max {times[-1] * 1000:4.0f} ms"
    )


def latencies(base: str, rounds: int, blog: LiveBlogPage, article: ArticlePage):
    """(post to stored live page, article publish to stored article) per round."""
    post_times, publish_times = [], []
    original = article.title
    try:
        for n in range(rounds):
            marker = f"{BENCH_MARK} round {n}"
            started = time.perf_counter()
            LivePost.objects.create(
                page=blog,
                headline=marker,
                body=[{"type": "paragraph", "value": "<p>Measured.</p>"}],
                status=LivePost.Status.PUBLISHED,
                posted_at=timezone.now(),
            )
            post_times.append(wait_for(base + blog.url, marker, started))
            page = ArticlePage.objects.get(pk=article.pk)
            page.title = f"{original} {marker}"
            started = time.perf_counter()
            page.save_revision().publish()
            publish_times.append(wait_for(base + article.url, marker, started))
    finally:
        page = ArticlePage.objects.get(pk=article.pk)
        page.title = original
        page.save_revision().publish()
    return post_times, publish_times


def wait_for(url: str, marker: str, started: float) -> float:
    while marker not in fetch(url):
        if time.perf_counter() - started > 30:
            raise SystemExit(f"{marker} not on {url} after 30 s")
        time.sleep(POLL_SECONDS)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    blog = LiveBlogPage.objects.live().filter(url_path__contains="/en/").first()
    if blog is None:
        raise SystemExit("no demo live blog: run `make setup` first")
    article = (
        ArticlePage.objects.live()
        .exact_type(ArticlePage)
        .filter(url_path__contains="/en/")
        .order_by("-first_published_at")
        .first()
    )
    add_posts(blog, args.posts)
    server = None
    try:
        total = blog.published_posts().count()
        newest = archive_page_of(total - 1, POSTS_PER_PAGE)
        front_ms, front_q = measure(blog.url)
        archive_ms, archive_q = measure(f"{blog.url}page/{newest // 2}/")
        article_ms, article_q = measure(article.url)
        print(f"live blog with {total} posts, {connection.vendor}")
        print(f"  render, front        {front_ms:6.1f} ms {front_q:3d} queries")
        print(f"  render, archive page {archive_ms:6.1f} ms {archive_q:3d} queries")
        print(
            f"  render, an article   {article_ms:6.1f} ms {article_q:3d} queries"
            f"   (front/article {front_ms / article_ms:.2f}x)"
        )
        probe = blog.published_posts().order_by("-posted_at").first()
        urls, purge = post_urls(probe, shifted=False)
        pages = [url for url in urls if url.endswith("/")]
        files = [url for url in urls if not url.endswith("/")]
        print(
            f"  one new post re-renders {len(pages)} pages and {len(files)} files, "
            f"drops {len(purge)} trees; numbered from the newest it would be "
            f"{newest + 1} pages ({(newest + 1) / len(pages):.0f}x)"
        )

        server, base = start()
        wait_until_up(base + "/")
        for url in (blog.url, article.url):
            fetch(base + url)
        drain_queue()
        post_times, publish_times = latencies(base, args.rounds, blog, article)
        print(f"  post to stored live page    {percentiles(post_times)}  ({args.rounds} rounds)")
        print(f"  article publish (baseline)  {percentiles(publish_times)}")
    finally:
        if server is not None:
            stop(server)
        LivePost.objects.filter(page=blog, headline__startswith=BENCH_MARK).delete()


if __name__ == "__main__":
    main()
