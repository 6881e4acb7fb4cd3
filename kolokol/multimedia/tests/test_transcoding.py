"""Uploads become renditions readers can play, with nothing of the source's metadata."""

import json
import subprocess
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from kolokol.multimedia import generated, problems
from kolokol.multimedia.models import Clip, ClipRendition
from kolokol.testing import factories

pytestmark = pytest.mark.django_db

ALLOWED_TAGS = {
    "major_brand", "minor_version", "compatible_brands", "language", "handler_name",
    "vendor_id", "encoder",
}  # fmt: skip


def streams(path) -> dict:
    found = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
        capture_output=True, check=True,
    )  # fmt: skip
    return json.loads(found.stdout)


def stored_files() -> set[str]:
    root = Path(default_storage.location)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def every_file(clip: Clip) -> list[str]:
    return [path for rendition in clip.renditions.all() for path in rendition.paths()]


def test_a_video_becomes_small_mp4s_hls_and_a_poster(media_sources):
    clip = factories.clip(media_sources["video"])
    assert clip.status == Clip.Status.READY and clip.progress == 100
    assert clip.duration == pytest.approx(2.5, abs=0.1)
    assert (clip.width, clip.height) == (640, 360)
    names = [r.name for r in clip.playable()]
    # The 640x360 source makes no 720p: nothing is enlarged. Lightest first.
    assert names == ["240p", "360p"]
    small = clip.lightest()
    assert (small.width, small.height) == (426, 240)
    found = streams(default_storage.path(small.file.name))
    kinds = {s["codec_type"]: s for s in found["streams"]}
    assert kinds["video"]["codec_name"] == "h264" and kinds["video"]["height"] == 240
    assert kinds["audio"]["codec_name"] == "aac"
    with default_storage.open(small.file.name) as handle:
        head = handle.read(200_000)
    # Playable while it downloads: the index (moov) comes before the media data.
    assert head.index(b"moov") < head.index(b"mdat")
    hls = clip.hls()
    master = default_storage.open(hls.file.name).read().decode()
    assert master.index("hls-240p.m3u8") < master.index("hls-360p.m3u8")
    assert all(default_storage.exists(path) for path in hls.paths())
    assert any(name.endswith(".ts") for name in hls.extra_files)
    assert clip.poster is not None and clip.poster.description == clip.title


def test_an_audio_file_gets_a_speech_quality_and_a_standard_one(media_sources):
    clip = factories.clip(media_sources["audio"], kind="audio", title="Interview")
    by_name = {r.name: r for r in clip.playable()}
    assert list(by_name) == ["opus", "speech", "standard"]
    opus = streams(default_storage.path(by_name["opus"].file.name))["streams"][0]
    assert opus["codec_name"] == "opus" and opus["channels"] == 1
    speech = streams(default_storage.path(by_name["speech"].file.name))["streams"][0]
    assert speech["codec_name"] == "aac" and int(speech["bit_rate"]) <= 48_000
    assert clip.standard().name == "standard"
    assert clip.poster is None and clip.hls() is None


def test_no_rendition_keeps_where_when_and_with_what_it_was_recorded(media_sources):
    original = media_sources["video"].read_bytes()
    assert all(marker in original for marker in generated.PHONE_MARKERS)
    video = factories.clip(media_sources["video"])
    audio = factories.clip(media_sources["audio"], kind="audio")
    paths = every_file(video) + every_file(audio) + [video.poster.file.name]
    assert len(paths) > 8
    for path in paths:
        data = default_storage.open(path).read()
        for marker in [*generated.PHONE_MARKERS, b"x264 - core", b"Lavf5", b"Lavf6"]:
            assert marker not in data, (path, marker)
    for path in every_file(video) + every_file(audio):
        if path.endswith((".mp4", ".m4a", ".ogg")):
            found = streams(default_storage.path(path))
            tags = {**found["format"].get("tags", {})}
            for stream in found["streams"]:
                tags.update(stream.get("tags", {}))
            # What the containers need, and the codec's name (no version, no machine).
            assert set(tags) <= ALLOWED_TAGS, path
            assert tags.get("encoder", "Lavc libx264") in ("Lavc libx264", "Lavc libopus")


def test_the_source_is_never_where_readers_can_fetch_it(media_sources, client):
    clip = factories.clip(media_sources["video"])
    assert clip.file.storage is not default_storage
    assert not default_storage.exists(clip.file.name)
    assert client.get(clip.url).status_code == 302  # to the admin's sign-in


@pytest.mark.parametrize("which", ["broken", "cut"])
def test_a_damaged_upload_says_so_and_leaves_nothing_half_made(media_sources, which):
    before = ClipRendition.objects.count()
    files_before = stored_files()
    clip = factories.clip(media_sources[which], title="Damaged")
    assert clip.status == Clip.Status.FAILED
    assert clip.problem in ("unreadable", "ffmpeg")
    assert "Export it again" in problems.message(clip.problem)
    assert ClipRendition.objects.count() == before
    assert stored_files() == files_before


def test_audio_uploaded_as_video_is_refused_with_a_message(media_sources):
    clip = factories.clip(media_sources["audio"], kind="video")
    assert clip.status == Clip.Status.FAILED and clip.problem == "no_video"


def test_a_new_file_replaces_the_renditions_and_their_files(media_sources):
    clip = factories.clip(media_sources["audio"], kind="audio")
    old = every_file(clip)
    from django.core.files import File

    with open(media_sources["audio"], "rb") as handle, pytest.MonkeyPatch.context():
        clip.file.save("second-take.m4a", File(handle))
    from django.db import connection

    assert clip.status == Clip.Status.WAITING
    if connection.in_atomic_block:
        from kolokol.multimedia import renditions

        renditions.make(clip.pk, clip.file.name)
    clip.refresh_from_db()
    assert clip.status == Clip.Status.READY and clip.transcoded_file.endswith("second-take.m4a")
    assert every_file(clip) and not set(every_file(clip)) & set(old)


def test_the_app_sends_part_of_a_video_as_safari_and_seeking_ask(client, media_sources, settings):
    settings.KOLOKOL_SERVE_MEDIA = True
    clip = factories.clip(media_sources["video"])
    small = clip.lightest()
    whole = default_storage.open(small.file.name).read()
    part = client.get(small.url, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206 and part["Content-Type"] == "video/mp4"
    assert part["Content-Range"] == f"bytes 100-199/{len(whole)}"
    assert b"".join(part.streaming_content) == whole[100:200]
    tail = client.get(small.url, HTTP_RANGE="bytes=-50")
    assert b"".join(tail.streaming_content) == whole[-50:]
    assert client.get(small.url, HTTP_RANGE=f"bytes={len(whole)}-").status_code == 416
    full = client.get(small.url)
    assert full.status_code == 200 and full["Accept-Ranges"] == "bytes"
    hls = clip.hls()
    segment = next(name for name in hls.extra_files if name.endswith(".ts"))
    assert client.get(f"{hls.url.rsplit('/', 1)[0]}/{segment}")["Content-Type"] == "video/mp2t"
    # The recording as uploaded is no file under /media/ at all.
    assert client.get(f"/media/{clip.file.name}", HTTP_RANGE="bytes=0-10").status_code == 404
    assert client.get("/media/../sources/x", HTTP_RANGE="bytes=0-10").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_an_upload_waits_in_the_media_queue_for_a_media_thread(media_sources, database_tasks):
    from django_tasks_db.models import DBTaskResult

    from kolokol.publishing.runner import Runner

    factories.wagtail_tree()  # flushed by the previous transactional test
    clip = factories.clip(media_sources["audio"], kind="audio")
    assert clip.status == Clip.Status.WAITING  # the upload returned at once
    [queued] = DBTaskResult.objects.ready().filter(task_path__endswith=".transcode")
    assert queued.queue_name == "media"
    DBTaskResult.objects.ready().exclude(pk=queued.pk).delete()  # not this test's subject
    # The threads that render pages after a publish never take it ...
    assert not Runner(queues=["default", "pages", "files"]).run_one()
    # ... a media thread does, and the clip is ready.
    assert Runner(queues=["media"]).run_one()
    clip.refresh_from_db()
    assert clip.status == Clip.Status.READY and clip.lightest() is not None


def test_a_server_without_ffmpeg_says_so_instead_of_failing_silently(media_sources, settings):
    settings.KOLOKOL_FFPROBE = "/nonexistent/ffprobe"
    clip = factories.clip(media_sources["audio"], kind="audio")
    assert clip.status == Clip.Status.FAILED and clip.problem == "no_ffmpeg"
    assert "ffmpeg is not installed" in problems.message(clip.problem)
