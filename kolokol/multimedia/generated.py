"""Audio and video drawn by ffmpeg itself, for the demo and the tests.

Test patterns and tones (``lavfi`` sources), with no recording of anyone:
the demo's programs and the tests need playable media, not footage.
``tags`` writes metadata into the file the way phones do (place, device),
for the tests that prove none of it reaches a reader.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from django.conf import settings

# What a phone writes into a video: where, with what, by whom.
PHONE_TAGS = {
    "location": "+42.8746+074.5698/",
    "com.apple.quicktime.location.ISO6709": "+42.8746+074.5698+800.000/",
    "com.apple.quicktime.make": "Apple",
    "com.apple.quicktime.model": "iPhone 15 Pro",
    "com.apple.quicktime.software": "17.4.1",
    "com.apple.quicktime.author": "Aigul Reporter",
    "creation_time": "2026-03-14T09:26:53Z",
    "comment": "Recorded near the protest at Ala-Too square",
}
# Strings of PHONE_TAGS that must not appear in any byte of a rendition.
PHONE_MARKERS = [b"+42.87", b"iPhone", b"Aigul", b"Ala-Too", b"Apple", b"17.4.1"]


def _tag_args(tags: dict[str, str] | None) -> list[str]:
    args: list[str] = []
    for key, value in (tags or {}).items():
        args += ["-metadata", f"{key}={value}"]
    return [*args, "-movflags", "use_metadata_tags"] if tags else args


def video(
    path: Path,
    seconds: float = 2.0,
    size: str = "320x240",
    pattern: str = "testsrc2",
    tone: int = 440,
    tags: dict[str, str] | None = None,
) -> Path:
    """A test pattern with a tone, as H.264/AAC in ``path``'s container (.mov, .mp4, .mkv)."""
    subprocess.run(
        [settings.KOLOKOL_FFMPEG, "-nostdin", "-v", "error", "-y",
         "-f", "lavfi", "-i", f"{pattern}=size={size}:rate=25:duration={seconds}",
         "-f", "lavfi", "-i", f"sine=frequency={tone}:duration={seconds}",
         "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-shortest", *_tag_args(tags), str(path)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return path


def audio(
    path: Path, seconds: float = 3.0, tone: int = 330, tags: dict[str, str] | None = None
) -> Path:
    """A tone that rises and falls, in ``path``'s format (.m4a, .mp3, .wav, .ogg)."""
    source = f"aevalsrc=0.3*sin({tone}*2*PI*t*(1+0.2*sin(2*PI*t/3))):s=44100:d={seconds}"
    args = (
        _tag_args(tags)
        if path.suffix in (".m4a", ".mov", ".mp4")
        else [arg for key, value in (tags or {}).items() for arg in ("-metadata", f"{key}={value}")]
    )
    subprocess.run(
        [settings.KOLOKOL_FFMPEG, "-nostdin", "-v", "error", "-y",
         "-f", "lavfi", "-i", source, *args, str(path)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return path
