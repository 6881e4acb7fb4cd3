"""nginx with the shipped config: (d) an article from the store vs (e) the same file as plain static.

Run after `make setup`, with nginx, its brotli_static module and wrk installed:

    .venv/bin/python bench/nginx_store.py [--seconds 10]

Both requests go to the same nginx (the shipped deploy/nginx/kolokol.conf,
TLS off, on loopback): (d) the article's path, answered from
the rendered store with its headers; (e) the same bytes copied under
/static/, answered by a plain alias. Two servers on two cores with the load
generator beside them vary by a tenth from one run to the next, so d and e
take turns for several rounds (which goes first alternates) and the figure
is the median of the rounds' ratios. Prints requests per second and d/e.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kolokol.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from bench.article_throughput import wrk  # noqa: E402
from kolokol.publishing import render  # noqa: E402
from kolokol.publishing.addresses import public_urls  # noqa: E402
from kolokol.testing.nginx import NGINX, loopback_config, main_config  # noqa: E402
from kolokol.testing.servers import free_port, wait_until_up  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    article = next(u for u in public_urls() if u.count("/") == 4)  # /ru/section/slug/
    render.refresh([article])
    stored = render.store().get(article).path
    with tempfile.TemporaryDirectory() as tmp:
        prefix, static = Path(tmp) / "nginx", Path(tmp) / "static"
        prefix.mkdir()
        static.mkdir()
        (static / "article.html").write_bytes(stored.read_bytes())
        port = free_port()
        site = loopback_config(
            settings.KOLOKOL_STORE_DIR,
            static,
            settings.MEDIA_ROOT,
            Path(os.devnull),
            "127.0.0.1:9",
            port,
        )
        (prefix / "site.conf").write_text(site)
        (prefix / "nginx.conf").write_text(main_config(prefix, prefix / "site.conf", workers=2))
        server = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")])
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + "/static/article.html")
            headers = urllib.request.urlopen(base + article).headers  # noqa: S310
            if headers["X-Kolokol-Store"] != "nginx":
                raise SystemExit("the article was not served from the store")
            urls = {"d": base + article, "e": base + "/static/article.html"}
            rates: dict[str, list[float]] = {"d": [], "e": []}
            for round_ in range(args.rounds):
                for name in ("d", "e") if round_ % 2 == 0 else ("e", "d"):
                    rates[name].append(wrk(urls[name], args.seconds, args.connections)[0])
        finally:
            server.terminate()
            server.wait(timeout=10)
    ratios = [d / e for d, e in zip(rates["d"], rates["e"], strict=True)]
    print(
        f"nginx, 2 workers, {stored.stat().st_size} bytes, wrk {args.connections} connections,"
        f" {args.rounds} rounds x {args.seconds}s each"
    )
    for name, label in (
        ("d", "article from the rendered store"),
        ("e", "same file as plain static"),
    ):
        runs = " ".join(f"{rate:.0f}" for rate in rates[name])
        print(
            f"  ({name}) {label:<32} median {statistics.median(rates[name]):>8.0f} req/s  ({runs})"
        )
    print(
        f"  d/e = {statistics.median(ratios):.2f} (median of the rounds; {min(ratios):.2f}-{max(ratios):.2f})"
    )


if __name__ == "__main__":
    main()
