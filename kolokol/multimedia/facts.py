"""What pages, feeds and metadata say about a clip: its length, its poster."""

from __future__ import annotations

# The poster is all a video costs before play (``preload="none"``): small WebP.
POSTER_SPEC = "max-640x360|format-webp|webpquality-55"


def _parts(seconds: float) -> tuple[int, int, int]:
    hours, rest = divmod(round(seconds), 3600)
    return (hours, *divmod(rest, 60))


def clock(seconds: float) -> str:
    """2:05, or 1:02:05 past an hour."""
    hours, minutes, secs = _parts(seconds)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def iso_duration(seconds: float) -> str:
    """ISO 8601, as ``<time datetime>`` and schema.org want it: PT2M5S."""
    hours, minutes, secs = _parts(seconds)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"


def poster(clip):
    """The poster's rendition for the player, or None (audio, or no poster)."""
    if not clip.is_video or not clip.poster_id:
        return None
    return clip.poster.get_rendition(POSTER_SPEC)


def offered(clip):
    """The one file feeds, podcast apps, search engines and partners are given.

    The standard rendition (AAC, or the largest MP4); in a static mirror
    kept light (KOLOKOL_MIRROR_MEDIA=light), the lightest file that plays
    everywhere, the only one such a mirror carries.
    """
    from django.conf import settings

    from kolokol.core import mirroring

    if mirroring.current() is not None and settings.KOLOKOL_MIRROR_MEDIA == "light":
        return lightest_anywhere(clip)
    return clip.standard()


def lightest_anywhere(clip):
    """The lightest file every browser and player opens (MP4 or AAC, not Opus)."""
    return next((r for r in clip.playable() if r.mime_type in ("video/mp4", "audio/mp4")), None)
