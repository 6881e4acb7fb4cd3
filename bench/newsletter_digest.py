"""A daily digest of 30 articles to 10,000 subscribers through a local SMTP server.

    .venv/bin/python bench/newsletter_digest.py [--subscribers 10000] [--articles 30]

Builds a throwaway installation (its own data folder and SQLite database),
one service with the articles and the subscribers (addresses sealed as the
form stores them), and an SMTP server in another process (aiosmtpd's Sink,
which accepts and drops every mail). Then, side by side:

- baseline: smtplib sending one ready-made message of the same size to each
  address in turn over one connection: the cost of SMTP alone;
- Kolokol: ``sending.send`` as the worker runs it: each address unsealed,
  a mail with its own unsubscribe link built and sent, progress saved.

Prints both times, mails per second, the ratio, and the process's peak
memory (Kolokol reads subscribers 500 at a time, so it does not grow with them).
"""

from __future__ import annotations

import argparse
import os
import resource
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = tempfile.mkdtemp(prefix="kolokol-bench-newsletter-")
os.environ["KOLOKOL_DATA_DIR"] = DATA
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kolokol.settings")
os.environ["KOLOKOL_STORE"] = "0"
os.environ["KOLOKOL_TASKS"] = "immediate"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from kolokol.newsletters import addresses, mail, sending  # noqa: E402
from kolokol.newsletters.models import Issue, Subscriber  # noqa: E402
from kolokol.testing import factories  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_server(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the SMTP server did not start")


def baseline(port: int, addresses_: list[str], message: bytes) -> float:
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as client:
        for address in addresses_:
            client.sendmail(settings.DEFAULT_FROM_EMAIL, [address], message)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=30)
    options = parser.parse_args()

    print(f"setting up in {DATA} …", flush=True)
    call_command("migrate", verbosity=0)
    factories.wagtail_tree()
    home = factories.service("ru")
    stories = [
        factories.article(home, title=f"Новость дня номер {n}", published_hours_ago=1 + n / 10)
        for n in range(options.articles)
    ]
    wanted = [f"reader{n}@example.org" for n in range(options.subscribers)]
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                service=home,
                digest=addresses.digest(a),
                sealed_address=addresses.seal(a),
                confirmed=True,
            )
            for a in wanted
        ],
        batch_size=1000,
    )
    issue = Issue.objects.create(
        service=home,
        kind=Issue.Kind.DIGEST,
        subject="Новости дня",
        articles=[s.pk for s in stories],
    )

    port = free_port()
    server = smtp_server(port)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    try:
        sample = mail.compose(issue).message(1, wanted[0]).message().as_bytes(linesep="\r\n")
        base = baseline(port, wanted, sample)
        started = time.perf_counter()
        done = sending.send(issue.pk)
        ours = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    finally:
        server.terminate()
        server.wait()
    if done.sent != options.subscribers:
        raise SystemExit(f"only {done.sent} of {options.subscribers} sent ({done.refused} refused)")

    count = options.subscribers
    print(
        f"\n{options.articles} articles, {count:,} subscribers, one mail each "
        f"({len(sample) / 1024:.1f} KB)"
    )
    print(f"{'':24}{'time':>10}{'mails/s':>10}")
    print(f"{'baseline (smtplib)':24}{base:>9.1f}s{count / base:>10.0f}")
    print(f"{'Kolokol (sending.send)':24}{ours:>9.1f}s{count / ours:>10.0f}")
    print(f"ratio Kolokol/baseline: {ours / base:.2f}")
    print(f"peak memory of the whole process (setup included): {peak / 1024:.0f} MB")


if __name__ == "__main__":
    main()
