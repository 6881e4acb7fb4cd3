"""Rich text made fit for an offline edition: well-formed XHTML with nothing to fetch.

An EPUB reading system parses chapters as XML, so the editors' HTML is
rewritten tag by tag: only the tags rich text may hold are kept, every
element is closed, entities become characters, links point somewhere a
reader can follow later, and anything that would load or run (an image,
a script, a frame) is dropped.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

KEPT = {"p", "a", "strong", "b", "em", "i", "br", "ul", "ol", "li", "blockquote", "h2", "h3", "h4"}
VOID = {"br"}
# Their content goes with them: it is code or a player, not words.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}
LINK_SCHEMES = {"http", "https", "mailto"}


class _Writer(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.out: list[str] = []
        self.open: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.skipping += 1
            return
        if self.skipping or tag not in KEPT:
            return
        attributes = ""
        if tag == "a":
            href = dict(attrs).get("href") or ""
            href = urljoin(self.base_url, href.strip()) if href else ""
            if urlsplit(href).scheme in LINK_SCHEMES:
                attributes = f' href="{escape(href)}"'
        if tag in VOID:
            self.out.append(f"<{tag}/>")
            return
        self.out.append(f"<{tag}{attributes}>")
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID and not self.skipping:
            self.out.append(f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping or tag not in self.open:
            return
        # Close whatever the editors' HTML left open inside it.
        while self.open:
            inner = self.open.pop()
            self.out.append(f"</{inner}>")
            if inner == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))


def clean(html: str, base_url: str) -> str:
    """``html`` as well-formed XHTML, relative links made absolute against ``base_url``."""
    writer = _Writer(base_url)
    writer.feed(html)
    return writer.result()
