"""Prefixing the root-relative addresses in rendered HTML: one rule for every reuse.

Pages link ``/ru/…`` and ``/media/…``. Where the same HTML is read away from
the site (a feed reader, an API client) each address needs the origin in
front; on a static mirror kept under a sub-folder, that folder. Both are the
same rewrite: every ``href``, ``src``, ``poster`` and ``action`` attribute and
each candidate of a ``srcset`` that starts with one slash (``//`` is another
host's, and stays).
"""

from __future__ import annotations

import posixpath
import re
from typing import AnyStr

_ATTRIBUTE = r'(\s(?:href|src|poster|action)=")/(?!/)'
_SRCSET = r'(\ssrcset=")([^"]*)"'
_CANDIDATE = r"(^|,\s*)/(?!/)"
_PATTERNS = {
    str: tuple(re.compile(p) for p in (_ATTRIBUTE, _SRCSET, _CANDIDATE)),
    bytes: tuple(re.compile(p.encode()) for p in (_ATTRIBUTE, _SRCSET, _CANDIDATE)),
}


def prefix_links(markup: AnyStr, prefix: str) -> AnyStr:
    """``markup`` (text or UTF-8 bytes) with its root-relative addresses under ``prefix``.

    ``prefix`` is an origin (``https://example.org``) or a path (``/mirror``);
    a trailing slash is ignored.
    """
    attribute, srcset, candidate = _PATTERNS[bytes if isinstance(markup, bytes) else str]
    base = prefix.rstrip("/") + "/"
    base = base.encode() if isinstance(markup, bytes) else base

    def in_srcset(match: re.Match) -> AnyStr:
        value = candidate.sub(lambda c: c.group(1) + base, match.group(2))
        return match.group(1) + value + match.group(0)[-1:]

    markup = attribute.sub(lambda m: m.group(1) + base, markup)
    return srcset.sub(in_srcset, markup)


_RELATIVE = {
    str: re.compile(r'(\s(?:href|src|poster|action)=")(/(?!/)[^"]*)"'),
    bytes: re.compile(rb'(\s(?:href|src|poster|action)=")(/(?!/)[^"]*)"'),
}


def relative_address(target: str, page_url: str, *, index: bool = True) -> str:
    """Site-relative ``target`` as seen from the page at ``page_url`` (``../x/index.html``).

    ``index``: a folder address gets ``index.html``, as a browser reading
    files (``file://``) needs; a query and a fragment stay as they were.
    """
    cut = min((i for i in (target.find("?"), target.find("#")) if i >= 0), default=len(target))
    path, rest = target[:cut], target[cut:]
    if index and path.endswith("/"):
        path += "index.html"
    folder = page_url if page_url.endswith("/") else page_url.rsplit("/", 1)[0] + "/"
    relative = posixpath.relpath(path, folder)
    if path.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative + rest


def relative_links(markup: AnyStr, page_url: str) -> AnyStr:
    """``markup`` with every root-relative address made relative to ``page_url``.

    A mirror opened from a folder (``file://``, a USB stick) has no root to
    resolve ``/ru/`` against: each link, script, stylesheet, picture and
    form goes up and down from the page's own folder instead.
    """
    is_bytes = isinstance(markup, bytes)

    def convert(value: str) -> str:
        return relative_address(value, page_url)

    def in_attribute(match: re.Match) -> AnyStr:
        value = match.group(2)
        if is_bytes:
            return match.group(1) + convert(value.decode()).encode() + b'"'
        return match.group(1) + convert(value) + '"'

    def in_srcset(match: re.Match) -> AnyStr:
        value = match.group(2).decode() if is_bytes else match.group(2)
        parts = []
        for candidate in value.split(","):
            stripped = candidate.strip()
            url, _, descriptor = stripped.partition(" ")
            if url.startswith("/") and not url.startswith("//"):
                url = convert(url)
            parts.append(f"{url} {descriptor}".rstrip())
        joined = ", ".join(parts)
        return match.group(1) + (joined.encode() if is_bytes else joined) + match.group(0)[-1:]

    markup = _RELATIVE[bytes if is_bytes else str].sub(in_attribute, markup)
    return _PATTERNS[bytes if is_bytes else str][1].sub(in_srcset, markup)
