"""Plain HTML for another site: a short list of elements, every address absolute.

The copy partner sites paste into their pages is made from our own
templates, but an article's rich text, or a block that only a kind of
article above this app has, may hold anything its HTML can: classes that
mean something only to our stylesheet, ``data-`` attributes, a script, an
iframe. What leaves here is rebuilt element by element from what is
allowed, with every text and attribute escaped again, so nothing slips
through on a parser's quirk.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

# fmt: off
# Elements kept, with the attributes each may carry.
ALLOWED: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        [
            "h1", "h2", "h3", "h4", "p", "br", "strong", "b", "em", "i", "small", "sub", "sup",
            "blockquote", "q", "cite", "ul", "li", "figure", "figcaption", "aside",
        ],
        frozenset(),
    ),
    "article": frozenset({"lang", "dir"}),
    "ol": frozenset({"start", "reversed"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "time": frozenset({"datetime"}),
}
VOID = frozenset({"br", "img", "hr", "wbr", "source", "input", "meta", "link", "base", "col"})
# Dropped with everything inside them: code, players, forms, our page's furniture.
DROPPED = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "template",
    "noscript", "svg", "math", "canvas", "video", "audio", "form", "button", "select",
    "textarea", "head", "title", "nav",
})
# fmt: on
LINK_SCHEMES = frozenset({"http", "https"})
# A picture this small is a tracking pixel, not a picture.
SMALLEST_PICTURE = 3


class _Cleaner(HTMLParser):
    def __init__(self, absolute: Callable[[str], str | None], own_origin: str) -> None:
        super().__init__(convert_charrefs=True)
        self.absolute = absolute
        self.own_origin = own_origin
        self.out: list[str] = []
        # Each open element: its name and whether it was written (kept) or not.
        self.open: list[tuple[str, bool]] = []
        # The element being dropped with its content, and how deep in it we are.
        self.dropping: str | None = None
        self.depth = 0

    # Addresses --------------------------------------------------------------

    def address(self, value: str) -> str | None:
        """``value`` as an absolute address, or None for one that may not leave."""
        value = value.strip()
        if value.startswith("/") and not value.startswith("//"):
            return self.absolute(value)
        parts = urlsplit(value)
        scheme = parts.scheme.lower()
        if scheme == "mailto" or (scheme in LINK_SCHEMES and parts.netloc):
            return value
        return None  # javascript:, data:, "//host", a relative "x/y", a bare "#part"

    def picture_source(self, value: str) -> str | None:
        """Only our own pictures: another host's would see every partner's reader."""
        found = self.address(value)
        if found is None:
            return None
        own, there = urlsplit(self.own_origin), urlsplit(found)
        return found if (there.scheme, there.netloc) == (own.scheme, own.netloc) else None

    # Elements ---------------------------------------------------------------

    def kept_attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> dict | None:
        """The attributes ``tag`` keeps, or None when the element itself goes."""
        allowed = ALLOWED[tag]
        kept = {name: value or "" for name, value in attrs if name in allowed}
        if tag == "a":
            href = self.address(kept.get("href", ""))
            if href is None:
                return None  # a link to nowhere a partner's reader can go: its text stays
            kept["href"] = href
        elif tag == "img":
            src = self.picture_source(kept.get("src", ""))
            if src is None or any(
                kept.get(side, "").strip().isdigit() and int(kept[side]) < SMALLEST_PICTURE
                for side in ("width", "height")
            ):
                return None
            kept["src"] = src
            kept.setdefault("alt", "")
        return kept

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping is not None:
            if tag == self.dropping:
                self.depth += 1
            return
        if tag in DROPPED:
            # Unclosed, it takes the rest of the markup with it: that fails closed.
            self.dropping, self.depth = tag, 1
            return
        kept = self.kept_attributes(tag, attrs) if tag in ALLOWED else None
        if kept is not None:
            rendered = "".join(f' {name}="{escape(value)}"' for name, value in kept.items())
            self.out.append(f"<{tag}{rendered}>")
        if tag not in VOID:
            self.open.append((tag, kept is not None))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping is not None:
            if tag == self.dropping:
                self.depth -= 1
                if self.depth == 0:
                    self.dropping = None
            return
        # Closes the innermost open element of that name and any left open in it.
        names = [name for name, _written in self.open]
        if tag not in names:
            return
        while self.open:
            name, written = self.open.pop()
            if written:
                self.out.append(f"</{name}>")
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.dropping is None:
            self.out.append(escape(data, quote=False))

    def result(self) -> str:
        self.close()
        while self.open:
            name, written = self.open.pop()
            if written:
                self.out.append(f"</{name}>")
        return "".join(self.out)


def clean(markup: str, *, absolute: Callable[[str], str | None], own_origin: str) -> str:
    """``markup`` rebuilt from the allowed elements only, as a plain (unescaped) ``str``.

    ``absolute`` turns a site-relative address into a full one; ``own_origin``
    (``https://news.example``) is the only host pictures may come from.
    Comments, doctypes and processing instructions go; so does every
    address that is not ``http``, ``https`` or ``mailto``.
    """
    cleaner = _Cleaner(absolute, own_origin)
    cleaner.feed(markup)
    return str(cleaner.result())
