"""Comment text: cleaned on the way in, escaped and linked on the way out.

Comments are plain text. Nothing a reader types is ever treated as markup;
the only HTML in a rendered comment is what ``render`` itself writes:
paragraphs, line breaks and links to http(s) addresses.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Marks that change the direction of the text around them: a reader could
# make a comment (or the page after it) read backwards. ZWJ and ZWNJ are
# kept: Persian and Indic scripts need them.
KEEP_FORMAT = {"\u200c", "\u200d"}
MAX_COMBINING = 3  # enough for any real script, too few for "zalgo"
URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}»”'\""


# A record number from a form or query: ASCII digits only ("²".isdigit() is
# true and int("²") raises), short enough for any database's integer.
ID_RE = re.compile(r"[0-9]{1,18}")


def as_id(value: object) -> int | None:
    """``value`` as a record number, or None when it is not one."""
    return int(value) if isinstance(value, str) and ID_RE.fullmatch(value) else None


def normalise(text: str) -> str:
    """NFC, without control or invisible formatting characters, combining floods capped."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    kept: list[str] = []
    combining = 0
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc" and char not in "\n\t":
            continue
        if category in {"Cf", "Cs", "Co", "Cn"} and char not in KEEP_FORMAT:
            continue
        if category in {"Mn", "Me"}:
            combining += 1
            if combining > MAX_COMBINING:
                continue
        else:
            combining = 0
        kept.append(" " if char == "\t" else char)
    text = "".join(kept)
    text = re.sub(r"[ \u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def links_in(text: str) -> list[str]:
    return [_trim(match) for match in URL_RE.findall(text)]


def _trim(url: str) -> str:
    return url.rstrip(TRAILING_PUNCTUATION)


def _linked(line: str) -> str:
    out: list[str] = []
    position = 0
    for match in URL_RE.finditer(line):
        url = _trim(match.group(0))
        end = match.start() + len(url)
        out.append(escape(line[position : match.start()]))
        href = url if url.lower().startswith("http") else "https://" + url
        out.append(f'<a href="{escape(href)}" rel="nofollow ugc noopener">{escape(url)}</a>')
        position = end
    out.append(escape(line[position:]))
    return "".join(out)


def render(text: str) -> SafeString:
    """Escaped HTML for a comment: paragraphs, line breaks, links with rel=ugc."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(_linked(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )
    return mark_safe(html)  # noqa: S308 (every piece of reader text above went through escape)
