"""When a service's stored pages stop being current without any edit.

Pages carry the service's breaking-news banner. Its start and expiry are
known in advance, so when breaking news is set or cleared the publisher
records the service's transition times as a shared fact
(``kolokol.publishing.shared``), which every server reads. A stored page
rendered before the latest transition that has passed is stale: the fast
path renders it again on its next request. That puts an expired banner out
of every page on every server within a second of expiry, with no scheduler
and no re-rendering of pages nobody reads.
"""

from __future__ import annotations

import time

from kolokol.publishing import servicemap, shared


def record(service_slug: str, times: list[float]) -> None:
    """Keep ``times`` as the service's transitions, for every server."""
    shared.put(servicemap.TRANSITIONS + service_slug, sorted(set(times)))


def latest(service_slug: str, now: float | None = None) -> float:
    """The most recent transition at or before ``now`` (0 when there is none)."""
    return servicemap.state(service_slug).latest(time.time() if now is None else now)
