"""Lighthouse (mobile) on the home, a section and an article, in Russian and Persian.

Run after `make setup` (the demo must be loaded), with Debian's Chromium:

    .venv/bin/python bench/lighthouse.py [--lighthouse PATH]

Starts `kolokol serve` as shipped (the rendered store on) and runs
Lighthouse's mobile profile (a slow 4G link and a 4x slower CPU) on each
page, after one visit has filled the store. Lighthouse comes from npm: by
default `npx --yes lighthouse@13.5.0`, or the executable given. Prints the
four category scores per page, against the target of 98.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kolokol.testing.servers import free_port, wait_until_up  # noqa: E402

BIN = Path(sys.executable).parent
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGET = 98


def pages(base: str, language: str) -> dict[str, str]:
    home = urllib.request.urlopen(f"{base}/{language}/").read().decode()  # noqa: S310 (loopback)
    article = re.search(rf'class="teaser__title"><a href="(/{language}/[^"]+/)"', home).group(1)
    section = "/".join(article.split("/")[:3]) + "/"
    return {f"{language} home": f"/{language}/", f"{language} section": section,
            f"{language} article": article}  # fmt: skip


def audit(lighthouse: list[str], url: str, attempts: int = 3) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        for attempt in range(attempts):
            # Headless Chromium now and then loses the trace (NO_NAVSTART): again.
            done = subprocess.run(  # noqa: S603 (our own command line)
                [*lighthouse, url, "--quiet", "--output=json", f"--output-path={report}",
                 "--form-factor=mobile", "--chrome-flags=--headless=new --no-sandbox"],
                env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=300,
            )  # fmt: skip
            if done.returncode == 0:
                break
            if attempt == attempts - 1:
                raise SystemExit(f"Lighthouse failed {attempts} times on {url}")
        scores = json.loads(report.read_text())["categories"]
    return {name: round(scores[name]["score"] * 100) for name in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", default="npx --yes lighthouse@13.5.0")
    args = parser.parse_args()
    lighthouse = shlex.split(args.lighthouse)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "KOLOKOL_BASE_URL": base}
    server = subprocess.Popen(  # noqa: S603
        [str(BIN / "kolokol"), "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    results = {}
    try:
        wait_until_up(base + "/ru/")
        for language in ("ru", "fa"):
            for name, path in pages(base, language).items():
                urllib.request.urlopen(base + path).read()  # noqa: S310 (fills the store)
                results[name] = audit(lighthouse, base + path)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)

    print(f"Lighthouse mobile, kolokol serve on loopback (target >= {TARGET} in each)")
    print(f"  {'page':<14}" + "".join(f"{name:>16}" for name in CATEGORIES))
    for name, scores in results.items():
        print(f"  {name:<14}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
    lowest = min(min(scores.values()) for scores in results.values())
    print(f"  lowest score {lowest} (target {TARGET}): {'met' if lowest >= TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
