"""Renditions of an audio or video source, made by ffmpeg.

Video becomes H.264/AAC MP4 at 240p, 360p and 720p (none larger than the
source), in one ffmpeg run that decodes the source once, with a key frame
every two seconds in each so that the same files cut into HLS segments
without encoding again. Audio becomes speech quality (AAC at 40 kbit/s
mono, and Opus at 24 kbit/s mono: a minute costs a 2G reader 180 KB) and
standard quality (AAC, 128 kbit/s stereo) for podcast clients and downloads.

Nothing of the source's metadata reaches a rendition: no container or
stream tags (location, device, owner, creation time), no chapters, no
data or subtitle streams, no muxer version (``bitexact``), and no H.264 SEI
messages, where x264 writes its settings and cameras their own notes. The
codec's name ("Lavc libx264") is all that says how a file was made.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

KEYFRAME_SECONDS = 2
HLS_SEGMENT_SECONDS = 6

# Metadata out, for every output file.
STRIP = [
    "-map_metadata", "-1", "-map_chapters", "-1", "-sn", "-dn",
    "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
]  # fmt: skip


@dataclass(frozen=True)
class Rung:
    """One rendition of the ladder."""

    name: str
    extension: str
    mime_type: str
    bitrate: int  # kbit/s, audio and video together
    height: int | None = None
    args: tuple[str, ...] = ()


VIDEO_LADDER = (
    Rung("240p", "mp4", "video/mp4", 300, 240, ("-crf", "30", "-maxrate", "250k", "-bufsize", "500k", "-b:a", "48k", "-ac", "1")),
    Rung("360p", "mp4", "video/mp4", 600, 360, ("-crf", "28", "-maxrate", "540k", "-bufsize", "1080k", "-b:a", "64k", "-ac", "2")),
    Rung("720p", "mp4", "video/mp4", 1700, 720, ("-crf", "25", "-maxrate", "1600k", "-bufsize", "3200k", "-b:a", "96k", "-ac", "2")),
)  # fmt: skip
AUDIO_LADDER = (
    Rung("opus", "ogg", "audio/ogg", 24, None, ("-c:a", "libopus", "-b:a", "24k", "-ac", "1", "-application", "voip")),
    Rung("speech", "m4a", "audio/mp4", 40, None, ("-c:a", "aac", "-b:a", "40k", "-ac", "1", "-ar", "24000")),
    Rung("standard", "m4a", "audio/mp4", 128, None, ("-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "44100")),
)  # fmt: skip


class Unusable(Exception):
    """The source cannot be made into renditions; ``code`` says why (``problems.py``)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Probe:
    duration: float
    width: int | None
    height: int | None
    has_video: bool
    has_audio: bool


def probe(path: Path) -> Probe:
    """What the source holds, read by ffprobe; ``Unusable`` when it is not audio or video."""
    try:
        result = subprocess.run(
            [settings.KOLOKOL_FFPROBE, "-v", "error", "-print_format", "json",
             "-show_format", "-show_streams", str(path)],
            capture_output=True, timeout=120, check=False,
        )  # fmt: skip
    except FileNotFoundError:
        raise Unusable("no_ffmpeg", settings.KOLOKOL_FFPROBE) from None
    if result.returncode != 0:
        raise Unusable("unreadable", result.stderr.decode(errors="replace")[-500:])
    found = json.loads(result.stdout or b"{}")
    streams = found.get("streams", [])
    # A cover picture in an MP3 or M4A is a "video" stream of one frame.
    video = next(
        (
            s
            for s in streams
            if s.get("codec_type") == "video"
            and not s.get("disposition", {}).get("attached_pic")
            and s.get("width")
        ),
        None,
    )
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if video is None and audio is None:
        raise Unusable("no_streams")
    try:
        duration = float(found.get("format", {}).get("duration") or 0)
    except ValueError:
        duration = 0.0
    if duration <= 0:
        raise Unusable("no_duration")
    if duration > settings.KOLOKOL_CLIP_MAX_SECONDS:
        raise Unusable("too_long")
    width = height = None
    if video is not None:
        width, height = int(video["width"]), int(video["height"])
        if _rotation(video) in (90, 270):
            width, height = height, width
    return Probe(duration, width, height, video is not None, audio is not None)


def _rotation(stream: dict) -> int:
    for side in stream.get("side_data_list", []):
        if "rotation" in side:
            return abs(int(side["rotation"])) % 360
    try:
        return abs(int(stream.get("tags", {}).get("rotate", 0))) % 360
    except ValueError:
        return 0


def video_rungs(found: Probe) -> list[Rung]:
    """The rungs no taller than the source; the smallest always (a tiny source is kept small)."""
    fitting = [rung for rung in VIDEO_LADDER if rung.height <= (found.height or 0)]
    return fitting or [VIDEO_LADDER[0]]


def video_command(source: Path, found: Probe, folder: Path) -> tuple[list[str], list[Rung]]:
    rungs = video_rungs(found)
    labels = [f"v{i}" for i in range(len(rungs))]
    scales = ";".join(
        f"[{label}]scale=-2:'min({rung.height},ih)':flags=bicubic,format=yuv420p[{label}o]"
        for label, rung in zip(labels, rungs, strict=True)
    )
    graph = f"[0:v:0]split={len(rungs)}{''.join(f'[{label}]' for label in labels)};{scales}"
    command = [settings.KOLOKOL_FFMPEG, "-nostdin", "-v", "error", "-y", "-i", str(source),
               "-filter_complex", graph]  # fmt: skip
    for label, rung in zip(labels, rungs, strict=True):
        command += ["-map", f"[{label}o]"]
        if found.has_audio:
            command += ["-map", "0:a:0", "-c:a", "aac"]
        command += [
            "-c:v", "libx264", "-preset", settings.KOLOKOL_X264_PRESET, "-profile:v", "main",
            "-force_key_frames", f"expr:gte(t,n_forced*{KEYFRAME_SECONDS})",
            "-bsf:v", "filter_units=remove_types=6",
            *rung.args, *STRIP, "-movflags", "+faststart",
            str(folder / f"{rung.name}.{rung.extension}"),
        ]  # fmt: skip
    return command, rungs


def audio_command(source: Path, folder: Path) -> tuple[list[str], list[Rung]]:
    command = [settings.KOLOKOL_FFMPEG, "-nostdin", "-v", "error", "-y", "-i", str(source)]
    for rung in AUDIO_LADDER:
        command += ["-map", "0:a:0", "-vn", *rung.args, *STRIP]
        if rung.mime_type == "audio/mp4":
            command += ["-movflags", "+faststart"]
        command.append(str(folder / f"{rung.name}.{rung.extension}"))
    return command, list(AUDIO_LADDER)


def run(command: list[str], duration: float, report: Callable[[float], None]) -> None:
    """Run ffmpeg, telling ``report`` the share done (0 to 1) as it goes."""
    # A file that sends ffmpeg round in circles is stopped, not waited for:
    # thirty CPU-seconds per second of source is far beyond any real work.
    limit = str(int(max(600, duration * 30)))
    command = [*command[:1], "-timelimit", limit, "-progress", "pipe:1", "-nostats", *command[1:]]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        for line in process.stdout or ():
            key, _sep, value = line.strip().partition("=")
            if key == "out_time_us" and value.isdigit():
                report(min(1.0, int(value) / 1_000_000 / duration))
        errors = process.stderr.read() if process.stderr else ""
        if process.wait() != 0:
            raise Unusable("ffmpeg", errors[-2000:])


def cut_hls(folder: Path, rungs: list[Rung]) -> list[str]:
    """HLS playlists and segments cut from the MP4s (no second encoding); the master's name first."""
    made: list[str] = []
    variants = []
    for rung in rungs:
        playlist = f"hls-{rung.name}.m3u8"
        subprocess.run(
            [settings.KOLOKOL_FFMPEG, "-nostdin", "-v", "error", "-y",
             "-i", str(folder / f"{rung.name}.{rung.extension}"),
             "-map", "0", "-c", "copy", *STRIP, "-f", "hls",
             "-hls_time", str(HLS_SEGMENT_SECONDS), "-hls_playlist_type", "vod",
             "-hls_segment_filename", str(folder / f"hls-{rung.name}-%04d.ts"),
             str(folder / playlist)],
            capture_output=True, timeout=3600, check=True,
        )  # fmt: skip
        made.append(playlist)
        made += sorted(p.name for p in folder.glob(f"hls-{rung.name}-*.ts"))
        variants.append((rung, playlist))
    lines = ["#EXTM3U", "#EXT-X-VERSION:3"]
    for rung, playlist in variants:
        # Lightest first: a player starts with it and climbs when the line allows.
        lines.append(
            f'#EXT-X-STREAM-INF:BANDWIDTH={rung.bitrate * 1000},CODECS="avc1.4D401E,mp4a.40.2"'
        )
        lines.append(playlist)
    (folder / "hls.m3u8").write_text("\n".join(lines) + "\n")
    return ["hls.m3u8", *made]


def poster_frame(source: Path, found: Probe, target: Path) -> bool:
    """A frame a tenth of the way in (past a black opening), as JPEG; False if none could be taken."""
    at = min(found.duration * 0.1, 10.0)
    result = subprocess.run(
        [settings.KOLOKOL_FFMPEG, "-nostdin", "-v", "error", "-y", "-ss", f"{at:.2f}",
         "-i", str(source), "-frames:v", "1", "-vf", "scale=-2:'min(720,ih)'",
         *STRIP, "-q:v", "3", str(target)],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    return result.returncode == 0 and target.exists() and target.stat().st_size > 0
