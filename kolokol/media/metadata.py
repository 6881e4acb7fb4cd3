"""Location and device data taken out of pictures before anyone can fetch them.

A phone writes where and with what a photo was taken into the file: GPS
coordinates, camera make and serial number, the owner's name, editing
history in XMP, a caption with the place in IPTC. For a photographer
working where this audience lives, that is a safety matter, so every stored
original and every rendition keeps only what is needed to show the picture:
the pixels, the colour profile and the orientation.

JPEG, PNG and WebP are cleaned by copying the parts of the container that
draw the picture and leaving the rest behind, so the pixels are the same
bytes as uploaded (no second lossy encoding). Other formats (GIF, AVIF) are
decoded and encoded again without metadata. Credit and caption live in the
image's own fields, which editors fill in; nothing in the file is needed.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

ORIENTATION = 0x0112
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# JPEG application segments worth keeping, by marker and the signature their
# data starts with: JFIF (pixel density), the ICC colour profile and Adobe's
# colour transform flag (without it CMYK and YCCK files show wrong colours).
# Everything else goes: EXIF and XMP (APP1), MPF with its extra images and
# FlashPix (APP2), IPTC (APP13), maker notes and comments.
JPEG_KEEP = {0xE0: (b"JFIF\0",), 0xE2: (b"ICC_PROFILE\0",), 0xEE: (b"Adobe",)}

# PNG chunks that say how to draw the picture; text, EXIF, times and private
# chunks are left out.
PNG_KEEP = frozenset(
    {
        b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT",
        b"sRGB", b"cICP", b"mDCV", b"cLLI", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT",
    }
)  # fmt: skip

# WebP chunks that draw the picture (frames, alpha, animation, colour profile).
WEBP_KEEP = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"})
WEBP_EXIF_FLAG, WEBP_XMP_FLAG = 0x08, 0x04


class Unreadable(ValueError):
    """The file is not a complete picture of the kind its first bytes claim."""


def clean(data: bytes, *, reencode: bool = True) -> bytes:
    """``data`` with nothing left but the picture, its colour profile and orientation.

    With ``reencode=False`` a format that can only be cleaned by encoding it
    again is given back as it is (renditions: the encoder wrote them and
    copies no metadata into those formats).
    """
    orientation = _orientation(data)
    try:
        if data.startswith(b"\xff\xd8"):
            return _jpeg(data, orientation)
        if data.startswith(PNG_SIGNATURE):
            return _png(data, orientation)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp(data, orientation)
    except (Unreadable, struct.error, IndexError):
        # A container too odd to walk: Pillow may still decode it.
        return _reencoded(data, orientation)
    return _reencoded(data, orientation) if reencode else data


def _orientation(data: bytes) -> int:
    try:
        with Image.open(io.BytesIO(data)) as picture:
            return int(picture.getexif().get(ORIENTATION, 1))
    except (OSError, SyntaxError, ValueError, TypeError):
        return 1


def _exif_with(orientation: int) -> bytes:
    """An EXIF block with the orientation and nothing else, ``Exif\\0\\0`` first."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()


def _jpeg(data: bytes, orientation: int) -> bytes:
    out = bytearray(b"\xff\xd8")
    pending_exif = _exif_with(orientation) if orientation != 1 else b""
    pos = 2
    while pos < len(data):
        if data[pos] != 0xFF:
            raise Unreadable("JPEG segment does not start with a marker")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker == 0xD9:  # end of image; whatever trails it (MPF pictures, phone data) goes
            return bytes(out + b"\xff\xd9")
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segment = data[pos : pos + 2 + length]
        if len(segment) != 2 + length:
            raise Unreadable("JPEG segment runs past the end of the file")
        # EXIF readers look for orientation in APP1 right after SOI (and JFIF).
        if pending_exif and marker != 0xE0:
            out += b"\xff\xe1" + struct.pack(">H", len(pending_exif) + 2) + pending_exif
            pending_exif = b""
        is_metadata = 0xE0 <= marker <= 0xEF or marker == 0xFE
        if not is_metadata or segment[4:].startswith(JPEG_KEEP.get(marker, ())):
            out += segment
        pos += 2 + length
        if marker == 0xDA:  # start of scan: the coded picture runs to the next marker
            end = _scan_end(data, pos)
            out += data[pos:end]
            pos = end
    raise Unreadable("JPEG has no end-of-image marker")


def _scan_end(data: bytes, pos: int) -> int:
    """Where the entropy-coded data that starts at ``pos`` ends."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            raise Unreadable("JPEG scan runs past the end of the file")
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:  # stuffed byte, restart marker
            pos += 2
        elif following == 0xFF:
            pos += 1
        else:
            return pos


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(data: bytes, orientation: int) -> bytes:
    out = bytearray(PNG_SIGNATURE)
    pos = len(PNG_SIGNATURE)
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise Unreadable("PNG chunk runs past the end of the file")
        if kind in PNG_KEEP:
            out += data[pos:end]
        elif kind == b"eXIf" and orientation != 1:
            out += _png_chunk(b"eXIf", _exif_with(orientation)[6:])
        if kind == b"IEND":
            return bytes(out)
        pos = end
    raise Unreadable("PNG has no IEND chunk")


def _webp(data: bytes, orientation: int) -> bytes:
    chunks = []
    pos = 12
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        (length,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if len(body) != length:
            raise Unreadable("WebP chunk runs past the end of the file")
        if kind in WEBP_KEEP:
            chunks.append([kind, bytearray(body)])
        pos += 8 + length + (length & 1)
    if not chunks:
        raise Unreadable("WebP has no picture")
    if chunks[0][0] == b"VP8X":
        flags = chunks[0][1]
        flags[0] &= ~(WEBP_EXIF_FLAG | WEBP_XMP_FLAG) & 0xFF
        if orientation != 1:
            flags[0] |= WEBP_EXIF_FLAG
            chunks.append([b"EXIF", bytearray(_exif_with(orientation)[6:])])
    body = b"".join(
        kind + struct.pack("<I", len(chunk)) + chunk + b"\0" * (len(chunk) & 1)
        for kind, chunk in chunks
    )
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def _reencoded(data: bytes, orientation: int) -> bytes:
    """The picture encoded again by Pillow with only its colour profile and orientation."""
    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind = picture.format
            options: dict = {"save_all": getattr(picture, "n_frames", 1) > 1}
            if profile := picture.info.get("icc_profile"):
                options["icc_profile"] = profile
            if kind == "AVIF":
                options["quality"] = 90
                if orientation != 1:
                    options["exif"] = _exif_with(orientation)
            # Pillow writes what it finds in ``info`` back into some formats.
            for key in ("exif", "xmp", "comment", "extension", "XML:com.adobe.xmp"):
                picture.info.pop(key, None)
            out = io.BytesIO()
            picture.save(out, kind, **options)
    except (OSError, SyntaxError, ValueError, KeyError, Image.DecompressionBombError) as error:
        raise Unreadable(str(error)) from error
    return out.getvalue()
