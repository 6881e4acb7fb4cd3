"""Article page throughput: live Wagtail render vs the rendered store vs the ceiling.

Run after `make setup` (the demo must be loaded), with wrk installed
(`apt-get install wrk`):

    .venv/bin/python bench/article_throughput.py [--seconds 10] [--connections 32]

Three servers, one after another, each granian with the same workers and
threads, each loaded by wrk on loopback for the same time:

  (a) live: KOLOKOL_STORE=0, every request renders the article in Wagtail;
  (b) store: Kolokol as shipped, the article answered by the fast path;
  (c) ceiling: a minimal WSGI app returning the same bytes from memory;
  (q) as (b), the address with ?utm_source=x&fbclid=y (a shared link).

Prints requests per second, latency, and the ratios b/a, b/c and q/b.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kolokol.testing.servers import free_port, wait_until_up  # noqa: E402

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=15)


def wrk(url: str, seconds: int, connections: int) -> tuple[float, str]:
    # Three seconds of load first, not counted: every server gets the same
    # warm-up, and `kolokol serve`'s background worker has finished starting
    # (its Django start-up would otherwise share the two cores with (b)).
    subprocess.run(["wrk", "-t2", f"-c{connections}", "-d3s", url], capture_output=True, check=True)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
    return rate, f"p50 {p50}, p99 {p99}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", default="2")
    args = parser.parse_args()
    base_env = {k: v for k, v in os.environ.items() if k != "KOLOKOL_STORE"}
    results = {}

    port = free_port()
    server = start(
        [str(BIN / "kolokol"), "serve", "--port", str(port), "--workers", args.workers], base_env
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/ru/")
        home = urllib.request.urlopen(f"http://127.0.0.1:{port}/ru/").read().decode()  # noqa: S310
        path = re.search(r'class="teaser__title"><a href="(/ru/[^"]+/)"', home).group(1)
        url = f"http://127.0.0.1:{port}{path}"
        urllib.request.urlopen(url).read()  # noqa: S310 (fills the store)
        with urllib.request.urlopen(url) as stored:  # noqa: S310 (a hit: what (b) sends)
            body = stored.read()
            # The ceiling sends the same headers: their count costs the server too.
            headers = [
                (name, value)
                for name, value in stored.headers.items()
                if name.lower() not in {"date", "server", "content-length", "connection"}
            ]
        results["b"] = wrk(url, args.seconds, args.connections)
        # A shared link as readers arrive from social networks: same page.
        results["q"] = wrk(url + "?utm_source=x&fbclid=y", args.seconds, args.connections)
    finally:
        stop(server)

    port = free_port()
    server = start(
        [str(BIN / "kolokol"), "serve", "--port", str(port), "--workers", args.workers],
        {**base_env, "KOLOKOL_STORE": "0"},
    )
    try:
        url = f"http://127.0.0.1:{port}{path}"
        wait_until_up(url)
        results["a"] = wrk(url, args.seconds, args.connections)
    finally:
        stop(server)

    with tempfile.NamedTemporaryFile(suffix=".html") as handle:
        handle.write(body)
        handle.flush()
        port = free_port()
        server = start(
            [str(BIN / "granian"), "--interface", "wsgi", "--port", str(port),
             "--workers", args.workers, "--blocking-threads", "4", "--no-access-log",
             "ceiling_app:application"],
            {
                **base_env,
                "KOLOKOL_BENCH_BODY": handle.name,
                "KOLOKOL_BENCH_HEADERS": json.dumps(headers),
                "PYTHONPATH": str(REPO / "bench"),
            },
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}{path}"
            wait_until_up(url)
            results["c"] = wrk(url, args.seconds, args.connections)
        finally:
            stop(server)

    names = {
        "a": "live Wagtail render",
        "b": "Kolokol rendered store",
        "c": "ceiling (bytes from memory)",
        "q": "store, ?utm_source=x&fbclid=y",
    }
    print(f"article {path} ({len(body)} bytes), granian {args.workers} workers, "
          f"wrk {args.connections} connections x {args.seconds}s")  # fmt: skip
    for key in "abqc":
        rate, latency = results[key]
        print(f"  ({key}) {names[key]:<30} {rate:>10.0f} req/s   {latency}")
    a, b, c, q = (results[k][0] for k in "abcq")
    print(f"  b/a = {b / a:.0f}x    b/c = {b / c:.2f}    q/b = {q / b:.2f}")


if __name__ == "__main__":
    main()
