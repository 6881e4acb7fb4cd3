"""Reporters upload images into their own service's collection, not elsewhere."""

from __future__ import annotations

import io

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
