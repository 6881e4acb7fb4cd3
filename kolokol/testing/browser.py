"""Helpers for tests that drive headless Chromium through Playwright."""

from __future__ import annotations

from urllib.parse import urlsplit

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page, axe_source: str) -> list[dict]:
    """Run axe-core in the page at WCAG 2.2 AA and return its violations.

    The script is evaluated through the DevTools protocol, not added as a
    <script> tag, so the page's strict CSP stays in force during the check.
    """
    page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


class RequestLog:
    """Every request a page makes, and the ones that went to another host."""

    def __init__(self, page, origin: str) -> None:
        self.host = urlsplit(origin).netloc
        self.urls: list[str] = []
        self.failed: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("requestfailed", lambda request: self.failed.append(request.url))

    @property
    def foreign(self) -> list[str]:
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme in {"http", "https", "ws", "wss"}
            and urlsplit(url).netloc != self.host
        ]
