"""Where uploaded audio and video files are kept: out of readers' reach.

An upload is the file as it left the reporter's phone or camera, with the
place it was recorded, the device and its owner in its metadata. Readers
only ever get the renditions made from it, which carry none of that
(``transcoding.py``). The upload itself stays in a storage that nothing
serves; editors download it through the admin (``views.source``).
"""

from __future__ import annotations

from django.core.files.storage import storages


def sources():
    return storages["sources"]
