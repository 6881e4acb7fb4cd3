"""Sizes of what reaches readers of a blocked site: offline editions and text-only pages.

    .venv/bin/python bench/reach_sizes.py

Loads the demo into a throwaway installation (its own data folder and
SQLite database), then per service:

- the signed offline edition of the last 7 days (``kolokol edition``): the
  HTML file and the EPUB, and how many articles they hold;
- every text-only page (headlines and each article's parts) as the app
  serves it, uncompressed and with gzip, beside the full article page of
  the same article (the baseline), as a ratio.
"""

from __future__ import annotations

import gzip
import logging
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["KOLOKOL_DATA_DIR"] = tempfile.mkdtemp(prefix="kolokol-bench-reach-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kolokol.settings")
os.environ["KOLOKOL_STORE"] = "0"
os.environ["KOLOKOL_TASKS"] = "immediate"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from kolokol.articles.models import ArticlePage  # noqa: E402
from kolokol.editions import build  # noqa: E402
from kolokol.services.models import ServiceHomePage  # noqa: E402
from kolokol.textedition.addresses import text_url  # noqa: E402

LIMIT = 50 * 1024


def text_pages(client: Client, url: str, parts: bool = True) -> list[bytes]:
    """The text copy at ``url`` and its further parts (``2/``, ``3/`` …)."""
    if not parts:
        return [client.get(url).content]
    pages = []
    part = url
    number = 1
    while True:
        response = client.get(part)
        if response.status_code != 200:
            return pages
        pages.append(response.content)
        number += 1
        part = f"{url}{number}/"


def kb(size: float) -> str:
    return f"{size / 1024:.1f}"


def main() -> None:
    # A missing further part answers 404, which is how the loop above stops.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    print("loading the demo …", flush=True)
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    client = Client()
    print(f"\n{'service':8}{'articles':>9}{'HTML KB':>9}{'EPUB KB':>9}")
    for service in ServiceHomePage.objects.live().order_by("path"):
        files = build.make(service, 7)
        count = len(build.contents(service, 7).stories)
        sizes = {f.kind: len(f.content) for f in files}
        print(f"{service.slug:8}{count:>9}{kb(sizes['html']):>9}{kb(sizes['epub']):>9}")

    print(
        f"\n{'text-only pages':18}{'pages':>6}{'median KB':>10}{'largest KB':>11}"
        f"{'gzip KB':>8}{'full KB':>8}{'text/full':>10}"
    )
    largest_all = 0
    for service in ServiceHomePage.objects.live().order_by("path"):
        texts, fulls, ratios = [], [], []
        texts += text_pages(client, f"/{service.slug}/text/", parts=False)
        for article in ArticlePage.objects.live().descendant_of(service):
            parts = text_pages(client, text_url(article.url))
            full = client.get(article.url).content
            texts += parts
            fulls.append(len(full))
            ratios.append(sum(len(p) for p in parts) / len(full))
        sizes = [len(page) for page in texts]
        largest_all = max(largest_all, max(sizes))
        print(
            f"{service.slug:18}{len(texts):>6}{kb(statistics.median(sizes)):>10}"
            f"{kb(max(sizes)):>11}{kb(statistics.median(len(gzip.compress(p)) for p in texts)):>8}"
            f"{kb(statistics.median(fulls)):>8}{statistics.median(ratios):>10.2f}"
        )
    print(f"\nlargest text-only page {kb(largest_all)} KB (limit {kb(LIMIT)} KB)")


if __name__ == "__main__":
    main()
