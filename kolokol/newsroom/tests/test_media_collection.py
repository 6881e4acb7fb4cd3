"""Reporters upload images into their own service's collection, not elsewhere."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import Collection

from kolokol.media.models import NewsImage
from kolokol.newsroom.models import Role

pytestmark = pytest.mark.django_db


def upload(client, collection: Collection, title: str):
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), "teal").save(buffer, "JPEG")
    file = SimpleUploadedFile(f"{title}.jpg", buffer.getvalue(), content_type="image/jpeg")
    client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": file,
            "description": "Boats in the harbour at dusk",
            "credit": "Photo: Staff",
            "collection": collection.pk,
        },
    )
    return NewsImage.objects.filter(title=title).first()


def test_a_reporter_uploads_into_the_services_collection_only(newsroom):
    reporter = newsroom.client(Role.REPORTER)
    root = Collection.get_first_root_node()
    ru_collection = root.get_children().get(name=newsroom.services["ru"].title)
    en_collection = root.get_children().get(name=newsroom.services["en"].title)

    image = upload(reporter, ru_collection, "harbour-ru")
    assert image is not None and image.collection_id == ru_collection.pk
    # Asking for another collection does not work: the upload lands in the service's own
    # collection (the only one the reporter is offered), or not at all.
    upload(reporter, en_collection, "harbour-en")
    upload(reporter, root, "harbour-root")
    assert not NewsImage.objects.filter(collection__in=[en_collection, root]).exists()


def test_a_reporter_uploads_video_for_the_service_and_only_its_editors_get_the_source(
    newsroom, tmp_path, django_capture_on_commit_callbacks
):
    from kolokol.conftest import require
    from kolokol.multimedia import generated
    from kolokol.multimedia.models import Clip

    require(shutil.which("ffmpeg") is not None, "ffmpeg is not installed")
    source = generated.video(tmp_path / "street.mp4", seconds=1, size="320x240")
    root = Collection.get_first_root_node()
    ru_collection = root.get_children().get(name=newsroom.services["ru"].title)
    reporter = newsroom.client(Role.REPORTER)
    with django_capture_on_commit_callbacks(execute=True):
        answer = reporter.post(
            reverse("wagtailmedia:add", args=["video"]),
            {
                "title": "Street interviews",
                "file": SimpleUploadedFile("street.mp4", source.read_bytes(), "video/mp4"),
                "collection": ru_collection.pk,
                "transcript": "— What do you think of the new bridge?\n\n— It is long overdue.",
            },
        )
    assert answer.status_code == 302
    clip = Clip.objects.get(title="Street interviews")
    assert clip.collection_id == ru_collection.pk
    # Transcoded by the task queued when the upload committed.
    assert clip.status == Clip.Status.READY and clip.lightest() is not None
    overview = reporter.get(reverse("multimedia_transcoding"))
    assert "Street interviews" in overview.content.decode()

    download = newsroom.client(Role.EDITOR).get(clip.url)
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    refused = newsroom.client(Role.EDITOR, "en").get(clip.url)
    assert refused.status_code in (302, 403) and not refused.has_header("Content-Disposition")
    other = newsroom.client(Role.REPORTER, "en")
    assert "Street interviews" not in other.get(reverse("multimedia_transcoding")).content.decode()
    assert other.get(reverse("wagtailmedia:edit", args=[clip.pk])).status_code in (302, 403)
