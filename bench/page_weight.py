"""Page weight of a demo article: what a reader on a 2G phone downloads.

    .venv/bin/python bench/page_weight.py

Renders a demo article as readers get it and adds up HTML, CSS and JS as
sent with brotli and with gzip (the precompressed files the store and
WhiteNoise serve), plus the lead image at 640 px width in each format the page offers.
Budget (issue #3): HTML + CSS + JS ≤ 15 KB compressed, lead image ≤ 60 KB.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
from pathlib import Path

import brotli

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kolokol.settings")

import django  # noqa: E402

django.setup()

from kolokol.articles.models import ArticlePage  # noqa: E402
from kolokol.publishing import mirror, render  # noqa: E402


def main() -> None:
    article = (
        ArticlePage.objects.live().exclude(lead_image=None).order_by("-first_published_at").first()
    )
    status, html, _ = render.render(article.url)
    rows = [("HTML", html)]
    for asset in sorted(mirror.assets_in(html)):
        if asset.endswith((".css", ".js")):
            rows.append((asset.rsplit("/", 1)[-1], mirror.asset_source(asset).read_bytes()))
    print(f"{article.url} (status {status})")
    print(f"  {'file':<34} {'raw':>8} {'gzip':>8} {'brotli':>8}")
    totals = [0, 0, 0]
    for name, data in rows:
        sizes = [len(data), len(gzip.compress(data, 9)), len(brotli.compress(data, quality=11))]
        totals = [a + b for a, b in zip(totals, sizes, strict=True)]
        print(f"  {name:<34} {sizes[0]:>8} {sizes[1]:>8} {sizes[2]:>8}")
    print(
        f"  {'total (budget 15,360 compressed)':<34} {totals[0]:>8} {totals[1]:>8} {totals[2]:>8}"
    )
    # What a 640 px wide phone picks from the lead <picture>: the smallest width
    # ≥ 640 in the first format it supports (AVIF where offered, then WebP);
    # the JPEG fallback is shown for older browsers.
    lead = re.search(rb'<figure class="lead-image">.*?</picture>', html, re.S).group(0)
    offered = re.findall(rb'<source[^>]*srcset="([^"]+)"[^>]*type="image/(\w+)"', lead)
    offered.append((re.search(rb'<img[^>]*srcset="([^"]+)"', lead).group(1), b"jpeg"))
    for srcset, kind in offered:
        sources = srcset.decode().split(", ")
        widths = sorted((int(s.rsplit(" ", 1)[1][:-1]), s.rsplit(" ", 1)[0]) for s in sources)
        chosen = next((w for w in widths if w[0] >= 640), widths[-1])
        size = mirror.asset_source(chosen[1]).stat().st_size
        name = chosen[1].rsplit("/", 1)[-1]
        print(f"  lead image at 640 px, {kind.decode()}: {name} {size} bytes (budget 61,440)")


if __name__ == "__main__":
    main()
