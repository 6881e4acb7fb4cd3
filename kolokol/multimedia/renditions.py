"""Making a clip's renditions, from its source to files readers can fetch.

Everything is made in a temporary folder first; only when every rendition
is there are they stored (under a new random folder, so their addresses can
be cached for ever) and put in the database in one transaction, and the
previous ones deleted. A source that cannot be used leaves the clip as it
was, with a message saying why, and nothing half-made anywhere.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from kolokol.multimedia import transcoding
from kolokol.multimedia.models import Clip, ClipRendition

logger = logging.getLogger(__name__)

# How often the admin's percentage is written while ffmpeg runs.
PROGRESS_EVERY_SECONDS = 1.0


def make(clip_id: int, source_name: str) -> None:
    """Make the renditions of ``clip_id`` from ``source_name``, if that is still its file."""
    clip = Clip.objects.filter(pk=clip_id, file=source_name).first()
    if clip is None:
        return  # deleted, or another file was uploaded: that upload has its own task
    if clip.status == Clip.Status.READY and clip.transcoded_file == source_name:
        return  # done already (the demo transcodes at once; its queued task finds this)
    Clip.objects.filter(pk=clip_id).update(status=Clip.Status.TRANSCODING, progress=0, problem="")
    with tempfile.TemporaryDirectory(prefix="kolokol-clip-") as work:
        folder = Path(work)
        try:
            made = _transcode(clip, folder)
        except transcoding.Unusable as error:
            logger.warning("Clip %s: %s %s", clip_id, error.code, error.detail)
            Clip.objects.filter(pk=clip_id, file=source_name).update(
                status=Clip.Status.FAILED, progress=0, problem=error.code
            )
            return
        _store(clip, source_name, folder, made)


def _transcode(clip: Clip, folder: Path) -> dict:
    source = folder / ("source" + Path(clip.file.name).suffix.lower()[:10])
    with clip.file.open("rb") as upload, source.open("wb") as copy:
        shutil.copyfileobj(upload, copy, 1024 * 1024)
    found = transcoding.probe(source)
    if clip.type == "video" and not found.has_video:
        raise transcoding.Unusable("no_video")
    if clip.type == "audio" and not found.has_audio:
        raise transcoding.Unusable("no_audio")
    out = folder / "out"
    out.mkdir()
    if clip.type == "video":
        command, rungs = transcoding.video_command(source, found, out)
    else:
        command, rungs = transcoding.audio_command(source, out)
    last = 0.0

    def report(share: float) -> None:
        nonlocal last
        if time.monotonic() - last >= PROGRESS_EVERY_SECONDS:
            last = time.monotonic()
            # 95 at most: the HLS cut and the upload come after.
            Clip.objects.filter(pk=clip.pk).update(progress=int(share * 95))

    transcoding.run(command, found.duration, report)
    hls = transcoding.cut_hls(out, rungs) if clip.type == "video" else []
    poster = folder / "poster.jpg"
    has_poster = (
        clip.type == "video"
        and not clip.poster_id
        and transcoding.poster_frame(source, found, poster)
    )
    return {
        "probe": found,
        "rungs": rungs,
        "hls": hls,
        "out": out,
        "poster": poster if has_poster else None,
    }


def _store(clip: Clip, source_name: str, folder: Path, made: dict) -> None:
    found, out = made["probe"], made["out"]
    prefix = f"clips/{clip.pk}/{secrets.token_hex(8)}"
    stored: list[str] = []
    rows: list[ClipRendition] = []
    poster = None
    try:
        for rung in made["rungs"]:
            path = out / f"{rung.name}.{rung.extension}"
            name = _save(f"{prefix}/{path.name}", path, stored)
            width, height = _frame(found, rung)
            rows.append(
                ClipRendition(
                    clip=clip, name=rung.name, file=name, mime_type=rung.mime_type,
                    width=width, height=height, bitrate=rung.bitrate, size=path.stat().st_size,
                )
            )  # fmt: skip
        if made["hls"]:
            master, *rest = made["hls"]
            for file_name in rest:
                _save(f"{prefix}/{file_name}", out / file_name, stored)
            name = _save(f"{prefix}/{master}", out / master, stored)
            rows.append(
                ClipRendition(
                    clip=clip, name=ClipRendition.HLS, file=name,
                    mime_type="application/vnd.apple.mpegurl", width=found.width,
                    height=found.height, bitrate=max(r.bitrate for r in made["rungs"]),
                    size=sum((out / f).stat().st_size for f in made["hls"]), extra_files=rest,
                )
            )  # fmt: skip
        poster = _poster(clip, made["poster"])
        with transaction.atomic():
            current = Clip.objects.select_for_update().filter(pk=clip.pk, file=source_name).first()
            if current is None:
                raise _Superseded
            # Their files go when this commits (signals.delete_rendition_files).
            current.renditions.all().delete()
            ClipRendition.objects.bulk_create(rows)
            current.status = Clip.Status.READY
            current.progress = 100
            current.problem = ""
            current.duration = round(found.duration, 2)
            current.width, current.height = found.width, found.height
            current.transcoded_file = source_name
            if poster is not None and not current.poster_id:
                current.poster = poster
            current.save()
    except BaseException as error:
        _delete(stored)
        if poster is not None:
            poster.delete()
        if not isinstance(error, _Superseded):
            raise


class _Superseded(Exception):
    """Another file was uploaded, or the clip deleted, while this one was transcoded."""


def _save(name: str, path: Path, stored: list[str]) -> str:
    with path.open("rb") as handle:
        saved = default_storage.save(name, File(handle, name=path.name))
    stored.append(saved)
    return saved


def _frame(found: transcoding.Probe, rung: transcoding.Rung) -> tuple[int | None, int | None]:
    if rung.height is None or not found.height or not found.width:
        return None, None
    height = min(rung.height, found.height)
    width = round(found.width * height / found.height / 2) * 2
    return width, height


def _poster(clip: Clip, frame: Path | None):
    """The frame as an image of the clip's collection, cleaned like every upload."""
    if frame is None:
        return None
    from wagtail.images import get_image_model

    # Its alt text is the clip's title, in the clip's own language: what the
    # frame shows is what the video is about.
    with frame.open("rb") as handle:
        image = get_image_model()(
            title=clip.title[:255], description=clip.title[:255], collection=clip.collection,
            credit=clip.credit[:160], uploaded_by_user=clip.uploaded_by_user,
        )  # fmt: skip
        image.file.save(f"poster-{clip.pk}.jpg", File(handle), save=False)
        image.save()
    return image


def _delete(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("Could not delete %s", name, exc_info=True)
