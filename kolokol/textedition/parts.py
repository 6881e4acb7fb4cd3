"""An article's body as plain HTML, cut into parts that keep each page small.

Every text page must stay under 50 KB uncompressed, however long the
article: the body is rendered block by block (images become a bracketed
note with their caption or description, a gallery's photos a numbered note
each, audio and video a note with a link to their lightest file, and their
transcript) and the blocks are gathered into parts of at most ``BUDGET`` bytes,
leaving room for the headline and the page around them. A block longer
than that on its own (a paragraph block holding a whole chapter) is cut
between its paragraphs.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

# Bytes of body per page; the page around it (head, byline, links) is about 3 KB.
BUDGET = 40_000

# Rich text as editors write it (core.blocks.PARAGRAPH_FEATURES) is a run of
# paragraphs: a too long block is cut after one of them.
_PARAGRAPH_END = re.compile(r"(?<=</p>)")


def _size(html: str) -> int:
    return len(html.encode())


def block_html(block, context: dict[str, Any] | None = None) -> str:
    """One body block as the text edition shows it."""
    if block.block_type == "image":
        image = block.value.get("image")
        note = block.value.get("caption") or (image.description if image else "")
        return render_to_string("textedition/image_note.html", {"note": note}) if note else ""
    if block.block_type == "gallery":
        # One note per photo, numbered as the page numbers them.
        notes = [
            photo.get("caption") or (photo["image"].description if photo.get("image") else "")
            for photo in block.value.get("photos", [])
        ]
        context = {"title": block.value.get("title"), "notes": notes}
        return render_to_string("textedition/gallery_note.html", context)
    if block.block_type in ("video", "audio"):
        clip = block.value.get(block.block_type)
        context = {"clip": clip, "caption": block.value.get("caption")}
        return render_to_string("textedition/clip_note.html", context)
    # The other blocks' own templates hold no picture, script or style:
    # paragraphs, quotes, lists, fact boxes and embeds (a link) as they are.
    return str(block.render(context=context))


def chunks(article) -> list[str]:
    """The body as pieces no longer than ``BUDGET`` where the text allows."""
    pieces: list[str] = []
    for block in article.body:
        html = block_html(block)
        if _size(html) > BUDGET:
            pieces += [piece for piece in _PARAGRAPH_END.split(html) if piece.strip()]
        elif html:
            pieces.append(html)
    return pieces


def split(article) -> list[SafeString]:
    """The body's parts in order; at least one, empty for an empty body."""
    parts: list[list[str]] = [[]]
    used = 0
    for piece in chunks(article):
        size = _size(piece)
        if parts[-1] and used + size > BUDGET:
            parts.append([])
            used = 0
        parts[-1].append(piece)
        used += size
    # Rendered from the article's own blocks' templates, escaped there.
    return [mark_safe("\n".join(part)) for part in parts]  # noqa: S308


def part_count(article) -> int:
    """How many pages the article's text copy has (the mirror lists each).

    The stored body's JSON is about as long as its HTML; only a body near
    the budget is rendered to be counted, not each of a large archive's.
    """
    stored = json.dumps(list(article.body.raw_data), ensure_ascii=False)
    if _size(stored) < BUDGET // 2:
        return 1
    return len(split(article))
