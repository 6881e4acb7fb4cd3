"""WebVTT files as editors upload them, checked before readers' browsers get them.

Browsers show cue text as text (a ``<b>`` in a cue is WebVTT markup, never
HTML), so a caption file cannot run script; what is checked here is that it
is a WebVTT file at all, in UTF-8 and of a sensible size, so that an editor
who uploads an .srt or a Word document hears about it at once.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024


class NotWebVTT(ValueError):
    pass


def checked(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise NotWebVTT(_("This file is too large for captions (at most 2 MB)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotWebVTT(_("This file is not in UTF-8. Save it again as UTF-8 WebVTT.")) from None
    first = text.split("\n", 1)[0].rstrip("\r")
    if first != "WEBVTT" and not first.startswith(("WEBVTT ", "WEBVTT\t")):
        raise NotWebVTT(
            _("This is not a WebVTT file: its first line must be “WEBVTT”. Convert it first.")
        )
    if "-->" not in text:
        raise NotWebVTT(_("This WebVTT file holds no captions."))
    return text
