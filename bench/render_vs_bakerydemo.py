"""Render throughput per process: Kolokol's article page vs Wagtail's bakerydemo blog page.

The publisher issue sets the target as twice bakerydemo's rate measured the
same way, so both are measured here, in one run, by the same function
(``measure`` below): one process, DEBUG off, each page requested through
Django's whole stack (``BaseHandler.get_response``, every middleware), one
warm-up render of each page, then RENDERS renders cycling through them.
Rounds alternate between the two so that a busy moment hits both.

Kolokol renders up to 300 random articles of whatever archive
KOLOKOL_DATA_DIR holds (the demo's 32, or `kolokol benchdata --articles
100000`), each a different page; bakerydemo cycles through its six blog
pages, which favours it (fewer distinct pages to keep in caches).

bakerydemo is not part of Kolokol; check it out beside it, once:

    git clone https://github.com/wagtail/bakerydemo /work/bakery
    cd /work/bakery && git checkout 3c7e3af  # the last commit on Django 5.2 / Wagtail 7.2
    python3.11 -m venv .venv && .venv/bin/pip install -r requirements/development.txt \\
        django-tasks==0.8.1  # 0.9.0 fails on Python 3.11
    # this script writes bakerydemo/settings/kolokol_bench.py (DEBUG off) when missing
    DJANGO_SETTINGS_MODULE=bakerydemo.settings.kolokol_bench .venv/bin/python manage.py migrate
    DJANGO_SETTINGS_MODULE=bakerydemo.settings.kolokol_bench .venv/bin/python manage.py load_initial_data
    DJANGO_SETTINGS_MODULE=bakerydemo.settings.kolokol_bench .venv/bin/python manage.py collectstatic --noinput

then, from Kolokol's folder:

    .venv/bin/python bench/render_vs_bakerydemo.py --bakerydemo /work/bakery [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
KOLOKOL_ROOT = HERE.parent.parent
RENDERS = 300
BAKERYDEMO_SETTINGS = '''"""Written by Kolokol's bench/render_vs_bakerydemo.py: production-like rendering."""
from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["localhost"]
WAGTAILADMIN_BASE_URL = "http://localhost"
'''


def measure(model: str, host: str, renders: int, sample: int) -> dict:
    """Pages per second rendering ``model``'s live pages, in this process."""
    import itertools
    import random
    import time

    import django

    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.core.handlers.base import BaseHandler
    from django.test import RequestFactory

    if settings.DEBUG:
        raise SystemExit("DEBUG is on: rendering would be measured with debug overhead")
    handler = BaseHandler()
    handler.load_middleware()
    factory = RequestFactory(HTTP_HOST=host)
    pages = apps.get_model(model).objects.live()
    ids = list(pages.values_list("pk", flat=True))
    chosen = random.Random(1).sample(  # noqa: S311 (a repeatable sample, not a secret)
        ids, min(sample, len(ids))
    )
    urls = [page.url for page in pages.filter(pk__in=chosen)]

    def render(url: str) -> None:
        response = handler.get_response(factory.get(url))
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")

    for url in urls:
        render(url)  # warm-up: one render of each page
    started = time.perf_counter()
    for url in itertools.islice(itertools.cycle(urls), renders):
        render(url)
    return {"pages": len(urls), "rate": renders / (time.perf_counter() - started)}


def run(python: str, cwd: Path, env: dict, model: str, host: str, renders: int) -> dict:
    done = subprocess.run(
        [python, str(HERE), "--measure", model, "--host", host, "--renders", str(renders)],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"measuring {model} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bakerydemo", type=Path, help="a bakerydemo checkout with its .venv")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--renders", type=int, default=RENDERS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # inside a measured process
    parser.add_argument("--host", default="localhost", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        sys.path.insert(0, os.getcwd())
        print(json.dumps(measure(args.measure, args.host, args.renders, sample=300)))
        return
    if args.bakerydemo is None:
        parser.error("--bakerydemo DIR is required (see the docstring for the checkout)")
    bakery = args.bakerydemo.resolve()
    settings_file = bakery / "bakerydemo/settings/kolokol_bench.py"
    if not settings_file.exists():
        settings_file.write_text(BAKERYDEMO_SETTINGS)
    ours_env = {"DJANGO_SETTINGS_MODULE": "kolokol.settings", "KOLOKOL_STORE": "0"}
    theirs_env = {"DJANGO_SETTINGS_MODULE": "bakerydemo.settings.kolokol_bench"}
    ours, theirs = [], []
    for n in range(args.rounds):
        a = run(
            sys.executable,
            KOLOKOL_ROOT,
            ours_env,
            "articles.ArticlePage",
            "127.0.0.1",
            args.renders,
        )
        b = run(
            str(bakery / ".venv/bin/python"),
            bakery,
            theirs_env,
            "blog.BlogPage",
            "localhost",
            args.renders,
        )
        ours.append(a["rate"])
        theirs.append(b["rate"])
        print(
            f"  round {n + 1}: Kolokol {a['rate']:6.1f} pages/s ({a['pages']} articles), "
            f"bakerydemo {b['rate']:6.1f} pages/s ({b['pages']} blog pages)"
        )
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(
        f"  median: Kolokol {statistics.median(ours):.1f}, bakerydemo "
        f"{statistics.median(theirs):.1f} pages/s; Kolokol/bakerydemo = {ratio:.2f} (target ≥ 2)"
    )


if __name__ == "__main__":
    main()
