"""The chrome of a service's pages: section navigation, other languages, breaking news.

The breaking-news banner comes from the app above this one (``kolokol.breaking``)
through the Wagtail hook ``BANNER_HOOK``: each function registered under it
returns a service's banner items, so this app needs to know nothing of where
they are kept.

Every page shows it and it changes rarely, so it is cached per service under
the cache clock (``kolokol.core.clock``), which every publishing event moves
on, on every server; the breaking-news items are cached with
their times and the current one is picked at render time, so an item
appears and expires on time whatever the cache holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from wagtail import hooks

from kolokol.core import clock, mirroring

CACHE_SECONDS = 3600
BANNER_HOOK = "kolokol_service_banners"
# Other places the service publishes (its Telegram channel): (name, address) pairs.
CHANNELS_HOOK = "kolokol_service_channels"
# Other pages of a service in its navigation after the sections (a fact-check
# index): ``Link`` items, for the pages whose "Show in menus" is ticked.
NAV_HOOK = "kolokol_service_nav"
# Pages covered live (live blogs): ``LivePeriod`` items, whose teasers carry a LIVE badge.
LIVE_HOOK = "kolokol_service_live"


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    path: str = ""
    language: str = ""
    language_name: str = ""


@dataclass(frozen=True)
class LivePeriod:
    page_id: int
    starts_at: datetime
    ends_at: datetime | None  # None: open-ended

    def covers(self, now: datetime) -> bool:
        return self.starts_at <= now and (self.ends_at is None or now < self.ends_at)


@dataclass(frozen=True)
class BreakingItem:
    headline: str
    url: str
    starts_at: datetime
    expires_at: datetime


def build(service) -> dict[str, Any]:
    """The chrome from the database (cached by ``for_service``)."""
    topic_index = service.topic_index_page()
    banners = [item for banners in hooks.get_hooks(BANNER_HOOK) for item in banners(service)]
    return {
        "nav_sections": [Link(s.title, s.url, s.path) for s in service.section_pages()],
        "nav_extra": [link for links in hooks.get_hooks(NAV_HOOK) for link in links(service)],
        "topic_index": Link(topic_index.title, topic_index.url, topic_index.path)
        if topic_index
        else None,
        "other_services": [
            Link(o.title, o.url, o.path, o.language, o.language_name)
            for o in type(service).objects.live().exclude(pk=service.pk).order_by("path")
        ],
        "breaking_items": sorted(banners, key=lambda item: item.starts_at, reverse=True),
        "channels": [
            Link(name, url)
            for channels in hooks.get_hooks(CHANNELS_HOOK)
            for name, url in channels(service)
        ],
        "live_periods": [
            period for periods in hooks.get_hooks(LIVE_HOOK) for period in periods(service)
        ],
    }


def for_service(service) -> dict[str, Any]:
    key = f"kolokol:chrome:v5:{service.pk}:{clock.version()}"
    data = cache.get(key)
    if data is None:
        data = build(service)
        cache.set(key, data, CACHE_SECONDS)
    now = timezone.now()
    return {
        "nav_sections": data["nav_sections"],
        "nav_extra": data["nav_extra"],
        "topic_index": data["topic_index"],
        # A mirror of some services links only to the languages it holds.
        "other_services": [o for o in data["other_services"] if mirroring.holds(o.url)],
        # The newsletter form and the offline files are answered by the app:
        # a static mirror cannot offer them.
        "on_mirror": mirroring.current() is not None,
        "channels": data.get("channels", []),
        # Like the banner, the LIVE badges follow the clock, whatever the cache holds.
        "live_now": frozenset(p.page_id for p in data["live_periods"] if p.covers(now)),
        "breaking": next(
            (i for i in data["breaking_items"] if i.starts_at <= now < i.expires_at), None
        ),
    }
