"""Audio and video: transcoding speed, a video story's weight, upload to episode, podcast feed.

Run after `make setup` (the demo must be loaded); needs ffmpeg:

    .venv/bin/python bench/media.py [--minutes 1] [--episodes 500]

Prints, each beside its baseline from the same run:

* transcoding time per minute of a 720p source (H.264 240p, 360p and 720p
  plus HLS) with one worker and with two at once, against encoding the
  three sizes in three ffmpeg runs that each decode the source again;
  and per minute of speech (AAC speech and standard quality, Opus);
* what a reader downloads before pressing play on the demo's video story
  (HTML, CSS and JS with brotli, the poster), against the budget of 40 KB
  and against a player that preloads its file (``preload="auto"``);
* from an upload to a playable episode on the stored program page: the
  clip saved, transcoded by `kolokol serve`'s worker, the episode
  published, the stored page polled over HTTP; against publishing a text
  article the same way;
* rendering a program's podcast feed of ``--episodes`` episodes, against
  the program's ordinary RSS feed (its newest fifty, full text).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import brotli

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kolokol.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files import File  # noqa: E402

from bench.article_throughput import stop  # noqa: E402
from bench.publish_latency import POLL_SECONDS, drain_queue, fetch, start  # noqa: E402
from kolokol.articles.models import ArticleAuthor, ArticlePage  # noqa: E402
from kolokol.core import clock  # noqa: E402
from kolokol.multimedia import generated, transcoding  # noqa: E402
from kolokol.multimedia.models import Clip  # noqa: E402
from kolokol.programs.models import ProgramPage  # noqa: E402
from kolokol.publishing import mirror, render  # noqa: E402
from kolokol.testing.servers import wait_until_up  # noqa: E402

BENCH_MARK = "[bench]"
BUDGET = 40 * 1024


def transcode(source: Path, found: transcoding.Probe) -> float:
    with tempfile.TemporaryDirectory() as work:
        started = time.perf_counter()
        command, rungs = transcoding.video_command(source, found, Path(work))
        transcoding.run(command, found.duration, lambda _share: None)
        transcoding.cut_hls(Path(work), rungs)
        return time.perf_counter() - started


def transcode_separately(source: Path, found: transcoding.Probe) -> float:
    """The baseline: one ffmpeg run per size, each decoding the whole source."""
    with tempfile.TemporaryDirectory() as work:
        started = time.perf_counter()
        for rung in transcoding.video_rungs(found):
            single = transcoding.Probe(found.duration, found.width, rung.height, True, True)
            command, _rungs = transcoding.video_command(source, single, Path(work))
            transcoding.run(command, found.duration, lambda _share: None)
        return time.perf_counter() - started


def transcode_two_at_once(source: Path, found: transcoding.Probe) -> float:
    """Two media workers' ffmpeg processes side by side, as on one server."""
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        started = time.perf_counter()
        running = []
        for work in (one, two):
            command, rungs = transcoding.video_command(source, found, Path(work))
            running.append((subprocess.Popen(command), Path(work), rungs))
        for process, work, rungs in running:
            if process.wait() != 0:
                raise SystemExit("ffmpeg failed")
            transcoding.cut_hls(work, rungs)
        return time.perf_counter() - started


def speeds(minutes: float) -> None:
    with tempfile.TemporaryDirectory() as work:
        seconds = minutes * 60
        video = generated.video(Path(work) / "source.mp4", seconds, "1280x720")
        audio = generated.audio(Path(work) / "speech.wav", seconds)
        found = transcoding.probe(video)
        ours = transcode(video, found)
        separate = transcode_separately(video, found)
        both = transcode_two_at_once(video, found)
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            command, _rungs = transcoding.audio_command(audio, Path(out))
            transcoding.run(command, seconds, lambda _share: None)
            speech = time.perf_counter() - started
    per = 1 / minutes
    cores = os.cpu_count()
    print(f"transcoding, per minute of source ({cores} cores, x264 {settings.KOLOKOL_X264_PRESET})")
    print(
        f"  720p video, 1 worker    {ours * per:6.1f} s   ({seconds / ours:4.1f}x real time)"
        f"   three separate runs {separate * per:6.1f} s ({separate / ours:.2f}x ours)"
    )
    print(
        f"  720p video, 2 workers   {both * per / 2:6.1f} s   (two sources at once:"
        f" {2 * seconds / both:4.1f}x real time together)"
    )
    print(f"  speech audio, 1 worker  {speech * per:6.1f} s   ({seconds / speech:4.0f}x real time)")


def first_visit() -> None:
    story = (
        ArticlePage.objects.live()
        .filter(lead_clip__type="video", lead_clip__status=Clip.Status.READY)
        .order_by("-first_published_at")
        .first()
    )
    if story is None:
        raise SystemExit("no demo video story: run `make setup` first")
    status, html, _ = render.render(story.url)
    total = len(brotli.compress(html, quality=11))
    rows = [("HTML", total)]
    for asset in sorted(mirror.assets_in(html)):
        if asset.endswith((".css", ".js")):
            data = mirror.asset_source(asset).read_bytes()
            rows.append((asset.rsplit("/", 1)[-1], len(brotli.compress(data, quality=11))))
    poster = html.split(b'poster="', 1)[1].split(b'"', 1)[0].decode()
    rows.append(("poster " + poster.rsplit(".", 1)[-1], mirror.asset_source(poster).stat().st_size))
    total = sum(size for _name, size in rows)
    clip = story.lead_clip
    preloaded = total - rows[-1][1] + clip.lightest().size
    print(f"a video story before play: {story.url} (status {status})")
    for name, size in rows:
        print(f"  {name:<28} {size:>8} bytes")
    print(
        f"  {'total':<28} {total:>8} bytes ({total / BUDGET:.0%} of the 40 KB budget);"
        f" preload=auto of even the 240p file: {preloaded} bytes ({preloaded / total:.1f}x)"
    )


def wait_for(url: str, marker: str, started: float, limit: float = 300) -> float:
    while marker not in fetch(url):
        if time.perf_counter() - started > limit:
            raise SystemExit(f"{marker!r} not on {url} after {limit:.0f} s")
        time.sleep(POLL_SECONDS)
    return time.perf_counter() - started


def upload_to_episode(program: ProgramPage, minutes: float) -> None:
    author = ArticleAuthor.objects.filter(page__in=program.articles()).first().author
    server, base = start()
    try:
        wait_until_up(base + "/")
        drain_queue()
        with tempfile.TemporaryDirectory() as work:
            source = generated.audio(Path(work) / "episode.wav", minutes * 60)
            started = time.perf_counter()
            clip = Clip(
                title=f"{BENCH_MARK} episode",
                type="audio",
                transcript="Measured.",
                collection=program_collection(),
            )
            with source.open("rb") as handle:
                clip.file.save("episode.wav", File(handle), save=False)
                clip.save()
            while Clip.objects.get(pk=clip.pk).status != Clip.Status.READY:
                if time.perf_counter() - started > 600:
                    raise SystemExit("the worker did not transcode the episode in 10 minutes")
                time.sleep(POLL_SECONDS)
            transcoded = time.perf_counter() - started
            episode = ArticlePage(
                title=f"{BENCH_MARK} episode",
                slug="bench-episode",
                standfirst="Measured.",
                lead_clip=clip,
                body=[],
            )
            episode.bylines = [ArticleAuthor(author=author)]
            program.add_child(instance=episode)
            episode.save_revision().publish()
            playable = wait_for(base + program.url, "bench-episode", started)
        text = ArticlePage(title=f"{BENCH_MARK} text", slug="bench-text", standfirst="x", body=[])
        text.bylines = [ArticleAuthor(author=author)]
        program.add_child(instance=text)
        started = time.perf_counter()
        text.save_revision().publish()
        baseline = wait_for(base + program.url, "bench-text", started)
        print(f"upload to a playable episode ({minutes:g} min of speech, via kolokol serve)")
        print(
            f"  transcoded {transcoded:5.1f} s, on the stored program page {playable:5.1f} s"
            f"   (a text article's publish: {baseline:4.1f} s)"
        )
    finally:
        stop(server)


def program_collection():
    from wagtail.models import Collection

    return Collection.get_first_root_node()


def podcast_feed(program: ProgramPage, episodes: int) -> None:
    clip = program.episodes().first().lead_clip
    author = ArticleAuthor.objects.filter(page__in=program.articles()).first().author
    existing = program.episodes().count()
    for n in range(existing, episodes):
        page = ArticlePage(
            title=f"{BENCH_MARK} episode {n}",
            slug=f"bench-episode-{n}",
            standfirst=f"Episode {n}, measured.",
            lead_clip=clip,
            body=[{"type": "paragraph", "value": f"<p>Notes of episode {n}.</p>"}],
        )
        page.bylines = [ArticleAuthor(author=author)]
        program.add_child(instance=page)
        page.save_revision().publish()

    def timed(url: str, rounds: int = 5) -> tuple[float, float, int]:
        clock.bump()  # cold: nothing remembered of the listing
        started = time.perf_counter()
        status, body, _ = render.render(url)
        cold = time.perf_counter() - started
        if status != 200:
            raise SystemExit(f"{url} answered {status}")
        warm = []
        for _ in range(rounds):
            clock.bump()
            started = time.perf_counter()
            render.render(url)
            warm.append(time.perf_counter() - started)
        return cold, statistics.median(warm), len(body)

    total = program.episodes().count()
    cold, warm, size = timed(program.feed_url)
    rss_cold, rss_warm, rss_size = timed(program.url + "feed.rss")
    print(f"podcast feed of {total} episodes ({connection_vendor()})")
    print(
        f"  podcast.rss  first {cold * 1000:6.0f} ms, then {warm * 1000:6.0f} ms, {size // 1024} KB"
        f"   (budget 1000 ms: {warm:.0%} of it)"
    )
    print(
        f"  feed.rss     first {rss_cold * 1000:6.0f} ms, then {rss_warm * 1000:6.0f} ms,"
        f" {rss_size // 1024} KB (its newest 50, full text): per item podcast"
        f" {warm / total * 1000:.2f} ms vs {rss_warm / 50 * 1000:.2f} ms"
    )


def connection_vendor() -> str:
    from django.db import connection

    return connection.vendor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="length of the sources")
    parser.add_argument("--episodes", type=int, default=500)
    args = parser.parse_args()
    subprocess.run([settings.KOLOKOL_FFMPEG, "-version"], capture_output=True, check=True)
    program = ProgramPage.objects.live().filter(url_path__contains="/ru/").first()
    if program is None:
        raise SystemExit("no demo program: run `make setup` first")
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    started = timezone.now()
    try:
        speeds(args.minutes)
        first_visit()
        upload_to_episode(program, args.minutes)
        podcast_feed(program, args.episodes)
    finally:
        for page in ArticlePage.objects.filter(title__startswith=BENCH_MARK):
            page.delete()
        Clip.objects.filter(title__startswith=BENCH_MARK).delete()
        # The renders and index updates of the bench's own pages, gone now:
        # a worker started later must not spend its first minutes on them.
        DBTaskResult.objects.filter(status="READY", enqueued_at__gte=started).delete()


if __name__ == "__main__":
    main()
