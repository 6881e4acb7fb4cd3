"""Static-mirror export at archive scale: full, then incremental after one publish.

    .venv/bin/kolokol benchdata --articles 100000     # once, on a demo database
    .venv/bin/python bench/export_scale.py [--jobs 2] [--dir /tmp/mirror]

Runs `kolokol export DIR` (all services) as a separate process and reports
its wall time, pages rendered per second and the peak memory of the
largest process; then, three times, publishes one article the way the
admin does (save_revision().publish()) and runs `kolokol export DIR
--incremental`, reporting its time (Python, Django and Wagtail start-up
included) and how many files it wrote. Last, the same folder as a mirror
that `kolokol worker` follows (KOLOKOL_MIRRORS): three more publishes, each
timed from the publish to the worker's report that the mirror holds it,
with the worker's own time for the export. `--skip-full` reuses a folder a
full export already wrote; `--base-url URL` exports a mirror with its own
address (its pages name it, and it has sitemaps). The targets of the
publisher issue are printed beside each figure.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kolokol.settings")
os.environ["KOLOKOL_STORE"] = "0"  # the export renders; nothing else needs the store

import django  # noqa: E402

django.setup()

from kolokol.articles.models import ArticlePage  # noqa: E402

KOLOKOL = str(Path(sys.executable).parent / "kolokol")


def run_export(directory: Path, *extra: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [KOLOKOL, "export", str(directory), *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"export failed:\n{done.stderr[-2000:]}\n{done.stdout[-2000:]}")
    return elapsed, done.stdout


def publish_one(rank: int) -> str:
    """Publish a new revision of a recent article, as the admin does; its address."""
    article = ArticlePage.objects.live().order_by("-first_published_at")[rank]
    article.title = f"{article.title.split(' · ')[0]} · {time.time_ns()}"
    article.save_revision().publish()
    return article.url


def follow_with_worker(
    directory: Path, base_url: str, rounds: int = 3
) -> list[tuple[float, float, int]]:
    """(publish → mirror updated, the worker's export time, files written) per publish."""
    mirror = f"{directory.resolve()}={base_url}" if base_url else str(directory.resolve())
    env = {**os.environ, "KOLOKOL_MIRRORS": mirror, "PYTHONUNBUFFERED": "1"}
    worker = subprocess.Popen(
        [KOLOKOL, "worker"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    report = re.compile(r"mirror .*: (\d+) files written, \d+ deleted in ([\d.]+) s")
    try:
        worker.stdout.readline()  # catching up with what happened before it started
        figures = []
        for rank in range(rounds):
            published = time.perf_counter()
            publish_one(rank)
            while not (found := report.search(worker.stdout.readline())):
                pass
            figures.append(
                (time.perf_counter() - published, float(found.group(2)), int(found.group(1)))
            )
            time.sleep(1.5)  # a quiet second, as between an editor's publishes
        return figures
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--dir", type=Path, default=Path(tempfile.gettempdir()) / "kolokol-export-bench"
    )
    parser.add_argument("--skip-full", action="store_true", help="reuse the export in --dir")
    parser.add_argument(
        "--base-url", default="", help="the mirror's own address (its pages and sitemaps name it)"
    )
    args = parser.parse_args()
    address = ["--base-url", args.base_url] if args.base_url else []
    articles = ArticlePage.objects.live().count()
    print(f"{articles} live articles; export with {args.jobs} processes into {args.dir}")

    if not args.skip_full:
        shutil.rmtree(args.dir, ignore_errors=True)
        seconds, out = run_export(args.dir, "--jobs", str(args.jobs), *address)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        pages = sum(1 for _ in args.dir.rglob("index.html"))
        print(
            f"  full export:        {seconds:8.1f} s  (target ≤ 600 s)  {pages} pages, "
            f"{pages / seconds:.0f} pages/s"
        )
        print(f"  peak memory:        {peak_mb:8.0f} MB (target < 1024 MB, largest process)")
        print(f"  {out.strip()}")

    timings = []
    for rank in range(3):
        publish_one(rank)
        seconds, out = run_export(args.dir, "--incremental", "--jobs", str(args.jobs), *address)
        written = int(re.search(r"(\d+) files written", out).group(1))
        timings.append(seconds)
        print(
            f"  incremental export (kolokol export --incremental): {seconds:5.2f} s, "
            f"{written} files written"
        )
    print(f"    median {statistics.median(timings):.2f} s  (target ≤ 2 s; start-up included)")
    followed = follow_with_worker(args.dir, args.base_url)
    for latency, exported, written in followed:
        print(
            f"  followed by kolokol worker: published → in the mirror {latency:5.2f} s, "
            f"export {exported:5.2f} s, {written} files written"
        )
    print(
        f"    median export {statistics.median(f[1] for f in followed):.2f} s (target ≤ 2 s), "
        f"publish → mirror {statistics.median(f[0] for f in followed):.2f} s"
    )


if __name__ == "__main__":
    main()
