"""Prometheus metrics at ``/metrics``: requests, renders, publishing and background work.

Several processes answer requests (granian's workers) and render pages
(they and ``kolokol worker``), so counts are kept with prometheus_client's
multiprocess mode: each process writes its own file in KOLOKOL_METRICS_DIR
(settings.py chooses it before prometheus_client is imported) and the
process answering a scrape adds them up. Scrape every app server: each
counts what its own processes did. The task queue is the database's, the
same for all of them, so it is read from the database at scrape time
(``TaskQueue``): aggregate it across servers with ``max``, not ``sum``.

A store hit is counted with one ``next()`` on an ``itertools.count`` (safe
between threads, no lock, no file write); the counts move into the shared
files every ``SETTLE_EVERY`` hits, on every request passed to Django and on
every scrape, so a process that only serves hits is at most that far behind.
"""

from __future__ import annotations

import hmac
import ipaddress
import itertools
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector

from kolokol.core.processes import alive

REQUESTS = Counter(
    "kolokol_http_requests",
    "Requests answered by the app, by status class and by whether the store "
    "front answered from the store (hit) or passed them on to Django (miss).",
    ["status", "store"],
)
RENDER_SECONDS = Histogram(
    "kolokol_render_seconds",
    "Time to render a page that is kept in the store, by who asked for it: "
    "a reader whose request missed the store, or the publisher (a worker's task).",
    ["by"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
PUBLISH_TO_LIVE_SECONDS = Histogram(
    "kolokol_publish_to_live_seconds",
    "From the commit of a publishing event (a publish, an unpublish, a new "
    "comment) to each page it changed being in the store again, by service.",
    ["service"],
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800),
)
TASK_SECONDS = Histogram(
    "kolokol_task_seconds",
    "Background tasks run by kolokol worker, by task and outcome (ok or failed).",
    ["task", "outcome"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)

SETTLE_EVERY = 256  # a power of two: the hot path tests it with one "&"


class Tally:
    """A count bumped on the hot path with ``next(tally.count)``; ``settle()`` moves it on.

    ``itertools.count`` advances atomically under the GIL, so threads lose
    no hits and take no lock. Reading it also advances it: those reads are
    counted (``peeks``) and taken off.
    """

    def __init__(self, **labels: str) -> None:
        self.count = itertools.count(1)
        # The prometheus_client counter the hits end up in, made on the first
        # hit: a process that counts nothing (a command) leaves no file.
        self.labels = labels
        self.child: Counter | None = None
        self.peeks = 0
        self.settled = 0
        self.lock = threading.Lock()

    def settle(self) -> None:
        with self.lock:
            self.peeks += 1
            total = next(self.count) - self.peeks
            if total > self.settled:
                if self.child is None:
                    self.child = REQUESTS.labels(**self.labels)
                self.child.inc(total - self.settled)
                self.settled = total


# The store front's answers: a page (200, or a HEAD of one) and a 304.
HIT_OK = Tally(status="2xx", store="hit")
HIT_NOT_MODIFIED = Tally(status="3xx", store="hit")
_TALLIES = (HIT_OK, HIT_NOT_MODIFIED)
STATUS_CLASSES = frozenset(f"{n}xx" for n in range(1, 6))


def settle() -> None:
    """Move this process's hit counts into the shared counter."""
    for tally in _TALLIES:
        tally.settle()


def counting(app: Callable) -> Callable:
    """``app`` (Django, behind the store front), its answers counted as misses by status class."""

    def counted(environ: dict, start_response: Callable) -> Iterable[bytes]:
        def start(status: str, headers: list, *args):
            kind = f"{status[:1]}xx"
            REQUESTS.labels(status=kind if kind in STATUS_CLASSES else "5xx", store="miss").inc()
            return start_response(status, headers, *args)

        settle()
        return app(environ, start)

    return counted


class TaskQueue:
    """Background tasks in the database, by state: read at each scrape, never stored."""

    def collect(self) -> Iterator[Metric]:
        from kolokol.publishing.admin_views import counts

        found = counts()
        if not found:  # the immediate backend keeps no queue
            return
        gauge = GaugeMetricFamily(
            "kolokol_tasks",
            "Background tasks in the database by state: queued (waiting, retries "
            "included), running, failed (after every attempt, until run again or deleted). "
            "The same on every server: aggregate with max.",
            labels=["state"],
        )
        for state, count in found.items():
            gauge.add_metric([state], count)
        yield gauge


def exposition() -> bytes:
    """The text a scrape gets: every process's counts on this machine and the task queue."""
    settle()
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=folder)
    else:  # prometheus_client imported before settings chose the folder
        registry = CollectorRegistry()
        registry.register(_Default())
    registry.register(TaskQueue())
    return generate_latest(registry)


class _Default:
    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


def clean(folder: Path) -> int:
    """Remove the metrics files of processes that are gone; how many.

    A process's file is named after its id. Counters and histograms need no
    file of a live process removed; the files of dead ones are dropped at
    start so the folder does not grow with every restart (their counts
    leave the totals: Prometheus reads that as a counter reset).
    """
    removed = 0
    for path in folder.glob("*.db"):
        try:
            pid = int(path.stem.rsplit("_", 1)[-1])
        except ValueError:
            continue
        if pid == os.getpid() or alive(pid):
            continue
        path.unlink(missing_ok=True)
        removed += 1
    return removed


# Requests that came through a proxy on this machine carry these.
FORWARDED = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_FORWARDED", "HTTP_X_REAL_IP")


def allowed(request: HttpRequest) -> bool:
    """With KOLOKOL_METRICS_TOKEN, its bearer; without, a direct request from this machine."""
    token = settings.KOLOKOL_METRICS_TOKEN
    if token:
        given = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _, value = given.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            value.strip().encode(), token.encode()
        )
    # nginx on this machine connects from loopback too: its forwarding
    # headers tell a reader's request from a local scraper's.
    if any(request.META.get(header) for header in FORWARDED):
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus' text format, for a scraper allowed by ``allowed`` (readers get a 404)."""
    if not allowed(request):
        if settings.KOLOKOL_METRICS_TOKEN:
            response = HttpResponse(status=401, content_type="text/plain")
            response["WWW-Authenticate"] = 'Bearer realm="metrics"'
            return response
        return HttpResponse(status=404, content_type="text/plain")
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
