"""The chrome of a service's pages: section navigation, other languages, breaking news.

Every page shows it and it changes rarely, so it is cached per service under
a version that every publishing event moves on (``bump``). The version lives
in a file in the data directory so that all app processes see the same one
without any shared cache server; the breaking-news items are cached with
their times and the current one is picked at render time, so an item
appears and expires on time whatever the cache holds.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

CACHE_SECONDS = 3600


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    path: str = ""
    language: str = ""
    language_name: str = ""


@dataclass(frozen=True)
class BreakingItem:
    headline: str
    url: str
    starts_at: datetime
    expires_at: datetime


def _version_file():
    return settings.DATA_DIR / "chrome-version"


def version() -> int:
    try:
        return os.stat(_version_file()).st_mtime_ns
    except FileNotFoundError:
        return 0


def bump() -> None:
    """Something a page's chrome shows may have changed: now, and again at commit."""

    def touch() -> None:
        path = _version_file()
        path.write_text(str(time.time_ns()))
        # Two bumps in one clock tick must still differ.
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, max(stat.st_mtime_ns, time.time_ns())))

    touch()
    transaction.on_commit(touch)


def build(service) -> dict[str, Any]:
    """The chrome from the database (cached by ``for_service``)."""
    from kolokol.breaking.models import BreakingNews
    from kolokol.services.models import ServiceHomePage

    topic_index = service.topic_index_page()
    items = BreakingNews.objects.filter(service=service, expires_at__gt=timezone.now())
    return {
        "nav_sections": [Link(s.title, s.url, s.path) for s in service.section_pages()],
        "topic_index": Link(topic_index.title, topic_index.url, topic_index.path)
        if topic_index
        else None,
        "other_services": [
            Link(o.title, o.url, o.path, o.language, o.language_name)
            for o in ServiceHomePage.objects.live().exclude(pk=service.pk).order_by("path")
        ],
        "breaking_items": [
            BreakingItem(i.headline, i.url, i.starts_at, i.expires_at)
            for i in items.select_related("link_page").order_by("-starts_at")
        ],
    }


def for_service(service) -> dict[str, Any]:
    key = f"kolokol:chrome:{service.pk}:{version()}"
    data = cache.get(key)
    if data is None:
        data = build(service)
        cache.set(key, data, CACHE_SECONDS)
    now = timezone.now()
    return {
        "nav_sections": data["nav_sections"],
        "topic_index": data["topic_index"],
        "other_services": data["other_services"],
        "breaking": next(
            (i for i in data["breaking_items"] if i.starts_at <= now < i.expires_at), None
        ),
    }
