"""Static-mirror export at archive scale: full, then incremental after one publish.

    .venv/bin/kolokol benchdata --articles 100000     # once, on a demo database
    .venv/bin/python bench/export_scale.py [--jobs 2] [--dir /tmp/mirror]

Runs `kolokol export DIR` (all services) as a separate process and reports
its wall time, pages rendered per second and the peak memory of the
largest process; then publishes one article the way the admin does
(save_revision().publish()) and runs `kolokol export DIR --incremental`,
reporting its time and how many files it wrote. The targets of the
publisher issue are printed beside each figure.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--dir", type=Path, default=Path(tempfile.gettempdir()) / "kolokol-export-bench"
    )
    args = parser.parse_args()
    articles = ArticlePage.objects.live().count()
    print(f"{articles} live articles; export with {args.jobs} processes into {args.dir}")

    shutil.rmtree(args.dir, ignore_errors=True)
    seconds, out = run_export(args.dir, "--jobs", str(args.jobs))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pages = sum(1 for _ in args.dir.rglob("index.html"))
    print(
        f"  full export:        {seconds:8.1f} s  (target ≤ 600 s)  {pages} pages, "
        f"{pages / seconds:.0f} pages/s"
    )
    print(f"  peak memory:        {peak_mb:8.0f} MB (target < 1024 MB, largest process)")
    print(f"  {out.strip()}")

    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    article.title = f"{article.title.split(' · ')[0]} · {int(time.time())}"
    article.save_revision().publish()
    seconds, out = run_export(args.dir, "--incremental", "--jobs", str(args.jobs))
    written = int(re.search(r"(\d+) files written", out).group(1))
    print(f"  incremental export: {seconds:8.2f} s  (target ≤ 2 s)  {written} files written")
    print(f"  {out.strip()}")


if __name__ == "__main__":
    main()
