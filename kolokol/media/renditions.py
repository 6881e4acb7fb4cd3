"""Which renditions each place on a public page gets.

A picture is sent in the smallest format the reader's browser can show
(AVIF where this Pillow can encode it, then WebP) with a JPEG fallback, each
in several widths so a phone on a slow network never downloads a desktop
photo. Widths above the original's are left out: Wagtail never upscales, so
they would only repeat the largest file under a false width.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from PIL import features

from kolokol.core.memo import Memo

T = TypeVar("T")

# Order matters to nobody but the reader: Wagtail's Picture sorts the sources.
FORMATS: tuple[str, ...] = ("avif", "webp", "jpeg") if features.check("avif") else ("webp", "jpeg")


@dataclass(frozen=True)
class Layout:
    widths: tuple[int, ...]
    # Crop to this width:height ratio around the focal point (Wagtail's fill);
    # None keeps the whole picture.
    ratio: tuple[int, int] | None = None


LAYOUTS: dict[str, Layout] = {
    # Article lead and inline images: the full picture, up to the column's width at 2x.
    "article": Layout((320, 480, 640, 960, 1280)),
    # Listing thumbnails share one shape so a list lines up.
    "teaser": Layout((320, 480, 640, 960), ratio=(16, 9)),
    "portrait": Layout((160, 320), ratio=(1, 1)),
}


def resize_specs(width: int, height: int, layout: Layout) -> list[str]:
    """Wagtail resize operations for a ``width`` × ``height`` original, smallest first."""
    if layout.ratio is None:
        widths = [w for w in layout.widths if w <= width] or [width]
        return [f"width-{w}" for w in widths]
    across, down = layout.ratio
    # The widest crop of that ratio the original can give.
    widest = min(width, height * across // down)
    widths = [w for w in layout.widths if w <= widest] or [widest]
    return [f"fill-{w}x{max(1, w * down // across)}" for w in widths]


def filter_specs(width: int, height: int, layout: str) -> list[str]:
    """Every rendition of one picture: each size in each format, grouped by format."""
    sizes = resize_specs(width, height, LAYOUTS[layout])
    return [f"{size}|format-{fmt}" for fmt in FORMATS for size in sizes]


def prepare(image, layouts: tuple[str, ...] = ("article", "teaser")) -> None:
    """Make the renditions of ``layouts`` now, ahead of the first page that shows them.

    A page makes missing renditions while it renders; for a bulk load (the
    demo, an import) that would put dozens of encodings into the first
    request for a listing.
    """
    specs = [spec for layout in layouts for spec in filter_specs(image.width, image.height, layout)]
    image.get_renditions(*specs)


# What a page needs from an image's renditions (a <picture>'s markup, a
# sharing image's address and size) is the same on every render and costs
# a cache or database lookup per rendition, 27 for one picture. Each process
# keeps the answers, keyed by what would change them: a new file or focal
# point gives the image new renditions, corrected alt text new markup, and
# either a new key.
_memo: Memo = Memo(4096)


def remembered(image, key: Hashable, make: Callable[[], tuple[T, bool]]) -> T:
    """What ``make()`` gives, computed once per process for this version of ``image``.

    ``make`` returns the value and whether it may be kept.
    """
    version = (
        image.pk,
        image.file.name,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
        image.default_alt_text,
    )
    return _memo.get((version, key), make)
