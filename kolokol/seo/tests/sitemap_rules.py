"""The sitemap protocol's rules, checked on a parsed file (shared by the tests)."""

import re
from urllib.parse import urlsplit

from lxml import etree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"s": SITEMAP_NS, "news": NEWS_NS}
# W3C Datetime: a date, or a date and time with seconds (maybe a fraction) and a zone.
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024


def parse(body: bytes, root_tag: str):
    assert len(body) <= MAX_BYTES
    root = etree.fromstring(body)  # noqa: S320 (our own output)
    assert root.tag == f"{{{SITEMAP_NS}}}{root_tag}"
    return root


def locs(root, entry: str) -> list[str]:
    """Each entry's <loc>, after checking loc and lastmod against the protocol."""
    entries = root.findall(f"s:{entry}", NS)
    assert len(entries) <= MAX_URLS
    found = []
    for element in entries:
        loc = element.findtext("s:loc", namespaces=NS)
        parts = urlsplit(loc)
        assert parts.scheme in {"http", "https"} and parts.netloc, loc
        assert loc.isascii() and " " not in loc, loc
        lastmod = element.findtext("s:lastmod", namespaces=NS)
        if entry == "url" or lastmod is not None:
            assert lastmod and W3C_DATETIME.match(lastmod), (loc, lastmod)
        found.append(loc)
    return found
