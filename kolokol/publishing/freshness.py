"""When a service's stored pages stop being current without any edit.

Pages carry the service's breaking-news banner. Its start and expiry are
known in advance, so when breaking news is set or cleared the publisher
writes the service's transition times down
(``<store>/.transitions/<service>``, kept apart from the pages so that
emptying the store never forgets them). A stored page rendered before the
latest transition that has passed is
stale: the fast path renders it again on its next request. That puts an
expired banner out of every page within a second of expiry with no
scheduler and no re-rendering of pages nobody reads.
"""

from __future__ import annotations

import time
from pathlib import Path

RECHECK_SECONDS = 1.0


class Transitions:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._cache: dict[str, tuple[float, list[float]]] = {}

    def write(self, service_slug: str, times: list[float]) -> None:
        from kolokol.publishing.store import _write_atomic

        self.root.mkdir(parents=True, exist_ok=True)
        text = "\n".join(f"{t:.6f}" for t in sorted(set(times)))
        _write_atomic(self.root / service_slug, text.encode())
        self._cache.pop(service_slug, None)

    def latest(self, service_slug: str, now: float | None = None) -> float:
        """The most recent transition at or before ``now`` (0 when there is none)."""
        now = time.time() if now is None else now
        checked, times = self._cache.get(service_slug, (0.0, []))
        if now - checked > RECHECK_SECONDS:
            times = self._read(service_slug)
            self._cache[service_slug] = (now, times)
        passed = [t for t in times if t <= now]
        return passed[-1] if passed else 0.0

    def _read(self, service_slug: str) -> list[float]:
        if not service_slug or service_slug.startswith("."):
            return []  # the portal, or a path that is not a service
        try:
            text = (self.root / service_slug).read_text()
        except OSError:
            return []
        return sorted(float(line) for line in text.split() if line)
