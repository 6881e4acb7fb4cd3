"""AVIF encoding fast enough to make renditions while a page is published.

libavif's default effort (speed 6) takes seconds for one 1280 px picture on
a busy server, and a new article needs a dozen renditions before its pages
can be stored. Speed 8 takes a fifth of the time for files a little larger
than that and still smaller than WebP for photographs. Wagtail passes only
the quality to Pillow, so the speed is set where Pillow saves AVIF.
"""

from __future__ import annotations

from django.conf import settings
from PIL import Image, features


def use_faster_avif() -> None:
    if not features.check("avif"):
        return
    from PIL import AvifImagePlugin

    save, save_all = AvifImagePlugin._save, AvifImagePlugin._save_all

    def with_speed(handler):
        def encode(image, fp, filename) -> None:
            image.encoderinfo.setdefault("speed", settings.KOLOKOL_AVIF_SPEED)
            handler(image, fp, filename)

        return encode

    Image.register_save(AvifImagePlugin.AvifImageFile.format, with_speed(save))
    Image.register_save_all(AvifImagePlugin.AvifImageFile.format, with_speed(save_all))
