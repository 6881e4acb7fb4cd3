"""``{% player clip %}``: a clip's native player, its captions, transcript and downloads."""

from __future__ import annotations

from django import template
from django.conf import settings

from kolokol.core import mirroring
from kolokol.core.numerals import native
from kolokol.multimedia.facts import clock, iso_duration, lightest_anywhere, poster

register = template.Library()


@register.filter
def duration_clock(seconds: float) -> str:
    return native(clock(seconds or 0))


@register.filter
def duration_iso(seconds: float) -> str:
    return iso_duration(seconds or 0)


@register.inclusion_tag("multimedia/player.html", takes_context=True)
def player(context, clip, caption: str = "", anchor: str = ""):
    """``anchor``: the transcript's id, for links to it (a podcast feed's transcript)."""
    if clip is None or not clip.ready:
        # Being transcoded: the page shows it once it is ready (the publisher
        # renders the pages that use a clip again when it is).
        return {"clip": None}
    sources, hls = clip.playable(), clip.hls()
    if mirroring.current() is not None:
        # A static mirror carries progressive files only (no server there
        # need know HLS), and with KOLOKOL_MIRROR_MEDIA=light only the
        # lightest file every browser plays: a mirror's size stays small.
        hls = None
        if settings.KOLOKOL_MIRROR_MEDIA == "light":
            sources = list(filter(None, [lightest_anywhere(clip)]))
    return {
        "clip": clip,
        "caption": caption,
        "anchor": anchor,
        "sources": sources,
        "hls": hls,
        # Opus is for players; a download must open anywhere.
        "downloads": [r for r in sources if r.mime_type != "audio/ogg"],
        "width": sources[0].width if sources else None,
        "height": sources[0].height if sources else None,
        "poster": poster(clip),
        "language": context.get("LANGUAGE_CODE", ""),
    }


@register.simple_tag
def lightest_file(clip):
    """For a link to download: the lightest file that opens anywhere (text edition)."""
    return lightest_anywhere(clip) if clip is not None and clip.ready else None
