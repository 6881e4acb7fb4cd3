"""Renditions encoded once per test run, whatever number of times the demo is loaded.

Several test modules load the demo (its 50 pictures make 1,400 renditions,
three quarters of a load's time in AVIF and WebP encoding), and each load
draws the same pictures again. Within one test run, an image rendition is
a pure function of the original's bytes, the filter and the encoder
settings, so the first encoding of each is kept in a folder of the run's
own and handed back for the same inputs. The first encoding is real, and
any change of the bytes (metadata stripped or not), focal point or quality
makes a new one.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files import File
from wagtail.images.models import AbstractImage
from wagtail.utils.file import hash_filelike


def install(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    encode = AbstractImage.generate_rendition_file

    def generate_rendition_file(image, filter, *, source=None):
        inputs = [
            image.file_hash or _hash(image),
            filter.spec,
            filter.get_cache_key(image),
            *(
                str(getattr(settings, name, ""))
                for name in (
                    "WAGTAILIMAGES_AVIF_QUALITY",
                    "WAGTAILIMAGES_WEBP_QUALITY",
                    "WAGTAILIMAGES_JPEG_QUALITY",
                    "KOLOKOL_AVIF_SPEED",
                )
            ),
        ]
        key = hashlib.sha256(json.dumps(inputs).encode()).hexdigest()
        kept, name = folder / key, folder / f"{key}.name"
        if kept.exists() and name.exists():
            return File(BytesIO(kept.read_bytes()), name=name.read_text())
        made = encode(image, filter, source=source)
        made.seek(0)
        data = made.read()
        # Renditions are made on several threads: whole files only.
        for path, content in ((name, made.name.encode()), (kept, data)):
            partial = path.with_name(f"{path.name}.{uuid.uuid4().hex}")
            partial.write_bytes(content)
            partial.replace(path)
        return File(BytesIO(data), name=made.name)

    AbstractImage.generate_rendition_file = generate_rendition_file


def _hash(image) -> str:
    with image.open_file() as handle:
        return hash_filelike(handle)
