"""The service map: each service's language and onion address, for readers without the database.

A stored page is answered with no query (the app's fast path, or nginx
reading the store), and a 503 page while the database is away must still
speak the service's language. So whenever a service's home is published
the publisher records its language and onion address as a shared fact
(``kolokol.publishing.shared``, read by every server), and every server's
worker copies them into its own store:

- ``<store>/.services.json``, which the app reads when the database is away;
- ``<store>/.onion-locations.map`` for nginx, whose ``map`` block includes
  it to send ``Onion-Location`` on stored pages (nginx reads it on reload).

Dotfiles in the store are never served (see ``store._file_for`` and the
shipped nginx configuration).
"""

from __future__ import annotations

import json
import os
import re
import time
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from kolokol.publishing import shared

FACTS = ".services.json"
NGINX_MAP = ".onion-locations.map"
# What may go into nginx's configuration: a plain onion origin, nothing else.
ONION_RE = re.compile(r"^https?://[a-z2-7]{16,56}\.onion/?$")

SHARED_NAME = "services"
TRANSITIONS = "transitions:"  # + a service's slug: its breaking-news transition times
RECHECK_SECONDS = 1.0
# Store folder → the facts last written there by this process.
_written: dict[str, dict] = {}
# "facts" → (store directory, checked at, mtime, facts).
_last: dict[str, tuple[object, float, float, dict]] = {}


def _root() -> Path:
    return Path(settings.KOLOKOL_STORE_DIR)


def collect() -> dict[str, dict[str, str]]:
    from kolokol.services.models import ServiceHomePage

    return {
        home.slug: {"language": home.language, "onion": home.onion_url}
        for home in ServiceHomePage.objects.live().order_by("path")
    }


def nginx_map(facts: dict[str, dict[str, str]]) -> str:
    lines = ["# Written by Kolokol when a service is published; nginx reads it on reload."]
    for slug, fact in sorted(facts.items()):
        onion = fact.get("onion", "")
        if ONION_RE.match(onion) and re.fullmatch(r"[\w-]+", slug, re.ASCII):
            lines.append(f'~^/{slug}/ "{onion.rstrip("/")}$request_uri";')
    return "\n".join(lines) + "\n"


def write() -> None:
    """Record the facts from the database (after a service was published), and the files."""
    facts = collect()
    shared.put(SHARED_NAME, facts)
    write_files(facts)


def sync_files() -> bool:
    """Bring this server's copies up to the shared facts (the worker, every round).

    True when they changed (nginx should then be reloaded for the onion map).
    """
    facts = shared.get(SHARED_NAME)
    if facts is None or facts == _written.get(str(_root())):
        return False
    try:
        on_disk = json.loads((_root() / FACTS).read_text())
    except (OSError, ValueError):
        on_disk = None
    if on_disk == facts:
        _written[str(_root())] = facts
        return False
    write_files(facts)
    return True


def write_files(facts: dict[str, dict[str, str]]) -> None:
    from kolokol.publishing.store import _write_atomic

    root = _root()
    root.mkdir(parents=True, exist_ok=True)
    _write_atomic(root / FACTS, json.dumps(facts, ensure_ascii=False).encode())
    _write_atomic(root / NGINX_MAP, nginx_map(facts).encode())
    _written[str(root)] = facts
    _last.clear()


def read() -> dict[str, dict[str, str]]:
    """The shared facts; this server's copy when the database never answered."""
    facts = shared.get(SHARED_NAME)
    return facts if facts is not None else _from_file()


def _from_file() -> dict[str, dict[str, str]]:
    # Within a second of the last look, one identity test and one clock
    # read, no path built (a 503 page asks on every request).
    root = settings.KOLOKOL_STORE_DIR
    now = time.monotonic()
    last = _last.get("facts")
    if last is not None and last[0] is root and now - last[1] < RECHECK_SECONDS:
        return last[3]
    path = Path(root) / FACTS
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        mtime = -1.0
    if last is not None and last[0] is root and last[2] == mtime:
        facts = last[3]
    else:
        try:
            facts = json.loads(path.read_text()) if mtime >= 0 else {}
        except (OSError, ValueError):
            facts = {}
    _last["facts"] = (root, now, mtime, facts)
    return facts


@dataclass(frozen=True)
class ServiceState:
    """What the fast path needs of one service, read from the shared facts at once."""

    transitions: tuple[float, ...] = ()  # breaking-news transition times, sorted
    onion: str = ""
    language: str | None = None

    def latest(self, now: float) -> float:
        """The most recent transition at or before ``now`` (0 when there is none)."""
        passed = bisect_right(self.transitions, now)
        return self.transitions[passed - 1] if passed else 0.0


NOTHING = ServiceState()
# The shared facts these states were made from (by identity), and the states by slug.
_states: tuple[object, dict[str, ServiceState]] = (None, {})


def state(slug: str) -> ServiceState:
    """One service's state; a stored page's hit asks once (a lookup while nothing changes)."""
    global _states
    facts = shared.facts()
    made_from, states = _states
    if made_from is not facts:
        states = {}
        _states = (facts, states)
    found = states.get(slug)
    if found is None:
        if not slug or slug.startswith("."):
            return NOTHING  # the portal, or a path that is not a service
        fact = (facts.get(SHARED_NAME) or _from_file()).get(slug, {})
        found = states[slug] = ServiceState(
            transitions=tuple(facts.get(TRANSITIONS + slug, ())),
            onion=fact.get("onion", ""),
            language=fact.get("language"),
        )
    return found


def language(slug: str) -> str | None:
    return state(slug).language


def onion(slug: str) -> str:
    return state(slug).onion
