"""Liveness and readiness for load balancers and monitoring.

``/healthz`` says the process answers (no database, no disk): a load
balancer restarts what fails it. ``/readyz`` says this server can serve
readers and editors now: the database answers, the cache takes a value
back, the rendered store is writable; it also gives the age of the newest
worker heartbeat, so a stopped worker (no scheduled publishing, no
mirrors) shows, without taking the web server out of rotation.
"""

from __future__ import annotations

import os
import socket
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kolokol.publishing.models import Heartbeat

# A worker writes its heartbeat at most this often (a database write).
BEAT_EVERY = 30


def beat(name: str | None = None) -> None:
    """Record that this worker finished a round (at most every BEAT_EVERY seconds)."""
    name = name or f"worker@{socket.gethostname()}:{os.getpid()}"
    key = f"kolokol:heartbeat:{name}"
    if cache.get(key):
        return
    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})
    cache.set(key, 1, BEAT_EVERY)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    key, value = f"kolokol:readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not give the value back")
    cache.delete(key)


def _store() -> None:
    if not settings.KOLOKOL_STORE_ENABLED:
        return
    folder = settings.KOLOKOL_STORE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / f".readyz-{uuid.uuid4().hex}"
    probe.write_bytes(b"")
    probe.unlink()


CHECKS = {"database": _database, "cache": _cache, "store": _store}


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
            checks[name] = "ok"
        except Exception as error:  # noqa: BLE001 (any failure is "not ready", and says which)
            checks[name] = f"failed: {type(error).__name__}"
    age = None
    if checks["database"] == "ok":
        newest = Heartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
        if newest is not None:
            age = round(time.time() - newest.timestamp())
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "failed", "checks": checks, "worker_heartbeat_age": age},
        status=200 if ready else 503,
    )
