"""What editors read when a source cannot be transcoded, by the code ``transcoding`` gives."""

from __future__ import annotations

from django.utils.translation import gettext as _


def message(code: str) -> str:
    messages = {
        "unreadable": _(
            "This file is damaged or is not audio or video. Export it again from the "
            "original recording and upload the new file."
        ),
        "no_streams": _("This file holds no sound and no picture."),
        "no_duration": _("This file is empty or its length cannot be read."),
        "too_long": _("This recording is longer than the longest one the site accepts."),
        "no_video": _("This file holds no picture. Upload it as audio instead."),
        "no_audio": _("This file holds no sound."),
        "no_ffmpeg": _(
            "The server cannot convert audio or video: ffmpeg is not installed on it. "
            "Ask its administrator to install it, then upload the file again."
        ),
        "ffmpeg": _(
            "The file could not be converted; it may be damaged part of the way in. "
            "Export it again from the original recording and upload the new file."
        ),
    }
    return messages.get(code, _("The file could not be converted.")) if code else ""
