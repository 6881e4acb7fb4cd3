"""Prefixing the root-relative addresses in rendered HTML: one rule for every reuse.

Pages link ``/ru/…`` and ``/media/…``. Where the same HTML is read away from
the site (a feed reader, an API client) each address needs the origin in
front; on a static mirror kept under a sub-folder, that folder. Both are the
same rewrite: every ``href``, ``src``, ``poster`` and ``action`` attribute and
each candidate of a ``srcset`` that starts with one slash (``//`` is another
host's, and stays).
"""

from __future__ import annotations

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
