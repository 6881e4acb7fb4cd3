"""Memory of the running demo: every process of `kolokol serve`, after real traffic.

Run after `make setup` (the demo must be loaded):

    .venv/bin/python bench/demo_memory.py [--requests 300]

It starts the server on a free loopback port, requests every kind of public
page and the admin login until each has been served many times (renditions
generated, caches warm), then prints RSS and PSS (RSS with shared pages
divided among the processes sharing them) per process and in total.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kolokol.testing.servers import serve, stop  # noqa: E402

PATHS = [
    "/",
    "/ru/",
    "/en/",
    "/ru/topics/",
    "/en/authors/",
    "/ru/search/?q=%D0%BC%D0%BE%D1%81%D1%82",
    "/admin/login/",
]


def children(pid: int) -> list[int]:
    found = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().split(") ")[1].split()[1])
            except (OSError, IndexError):
                continue
            if ppid == pid:
                found += children(int(entry.name))
    return found


def memory_kb(pid: int) -> tuple[int, int]:
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    values = {line.split(":")[0]: int(line.split()[1]) for line in rollup[1:]}
    return values["Rss"], values["Pss"]


def discover_pages(base: str) -> list[str]:
    import re

    html = urllib.request.urlopen(base + "/ru/").read().decode()  # noqa: S310 (loopback)
    links = sorted(set(re.findall(r'href="(/ru/[^"?#]+/)"', html)))
    return PATHS + links[:20]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    # As `make run` starts it: its default workers and its background worker.
    server, base = serve(dict(os.environ), workers=int(os.environ.get("KOLOKOL_WORKERS", "2")))
    try:
        pages = discover_pages(base)
        for i in range(args.requests):
            urllib.request.urlopen(base + pages[i % len(pages)], timeout=30).read()  # noqa: S310
        time.sleep(1)
        rows = [(pid, *memory_kb(pid)) for pid in children(server.pid)]
        print(f"kolokol serve after {args.requests} requests over {len(pages)} pages")
        print(f"{'pid':>8} {'RSS MB':>8} {'PSS MB':>8}")
        for pid, rss, pss in rows:
            print(f"{pid:>8} {rss / 1024:8.1f} {pss / 1024:8.1f}")
        total_rss = sum(r[1] for r in rows) / 1024
        total_pss = sum(r[2] for r in rows) / 1024
        print(f"{'total':>8} {total_rss:8.1f} {total_pss:8.1f}   (budget: 400 MB)")
    finally:
        stop(server)


if __name__ == "__main__":
    main()
