"""No photo leaves Kolokol with where, when or with what it was taken.

The pictures here carry what phones and cameras write: GPS coordinates,
camera make and model, XMP, IPTC, comments and data after the end of the
image. Nothing of that may be in a stored original, a rendition, or be
fetched from /media/; orientation and colour profile must survive.
"""

from __future__ import annotations

import importlib
import io
import struct
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms
from wagtail.models import Collection

from kolokol.media import metadata
from kolokol.media.models import NewsImage, NewsRendition
from kolokol.media.renditions import prepare
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

# What must never reach a reader, each written into the files below.
LEAKS = (b"SpyCam", b"Tracker 9", b"Secret City", b"IPTC byline", b"comment by phone", b"trailer")
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>Secret City</rdf:RDF></x:xmpmeta>'
GPS_IFD = 0x8825


def camera_exif(orientation: int = 6) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # make
    exif[0x0110] = "Tracker 9"  # model
    exif[metadata.ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (55.0, 45.0, 21.0), 3: "E", 4: (37.0, 37.0, 4.0)}
    return exif.tobytes()


def iptc_segment() -> bytes:
    """A Photoshop APP13 segment holding one IPTC dataset (byline)."""
    dataset = b"\x1c\x02\x50" + struct.pack(">H", 11) + b"IPTC byline"
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(dataset)) + dataset + b"\0"
    body = b"Photoshop 3.0\0" + resource
    return b"\xff\xed" + struct.pack(">H", len(body) + 2) + body


def picture() -> Image.Image:
    return Image.effect_noise((160, 120), 50).convert("RGB")


def phone_jpeg() -> bytes:
    buffer = io.BytesIO()
    picture().save(
        buffer,
        "JPEG",
        quality=90,
        exif=camera_exif(),
        icc_profile=ICC,
        xmp=XMP,
        comment=b"comment by phone",
    )
    data = buffer.getvalue()
    # IPTC after the start of image, and a phone's trailer after its end.
    return data[:2] + iptc_segment() + data[2:] + b"trailer: SpyCam serial 0042"


def dirty(kind: str) -> bytes:
    if kind == "JPEG":
        return phone_jpeg()
    buffer = io.BytesIO()
    if kind == "GIF":
        picture().convert("P").save(buffer, "GIF", comment=b"comment by phone")
        return buffer.getvalue()
    options = {"exif": camera_exif(), "icc_profile": ICC}
    if kind == "WEBP":
        options |= {"lossless": True, "xmp": XMP}
    if kind == "AVIF":
        options["xmp"] = XMP
    picture().save(buffer, kind, **options)
    return buffer.getvalue()


def assert_clean(data: bytes) -> Image.Image:
    for leak in LEAKS:
        assert leak not in data, leak
    opened = Image.open(io.BytesIO(data))
    exif = opened.getexif()
    assert set(exif) <= {metadata.ORIENTATION}, dict(exif)
    assert not exif.get_ifd(GPS_IFD)
    assert not opened.info.get("xmp") and not opened.info.get("comment")
    return opened


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP", "AVIF", "GIF"])
def test_cleaning_keeps_the_picture_its_orientation_and_colours(kind):
    data = dirty(kind)
    assert any(leak in data for leak in LEAKS)  # the test file does carry them
    cleaned = assert_clean(metadata.clean(data))
    original = Image.open(io.BytesIO(data))
    assert cleaned.size == original.size
    if kind == "GIF":
        return  # GIF has neither orientation nor a colour profile
    assert cleaned.getexif()[metadata.ORIENTATION] == 6
    assert cleaned.info["icc_profile"] == ICC
    if kind != "AVIF":
        # Copied, not encoded again: the same pixels, no second loss of quality.
        assert cleaned.tobytes() == original.tobytes()


def test_a_picture_without_metadata_is_left_as_it_is():
    buffer = io.BytesIO()
    picture().save(buffer, "JPEG")
    assert metadata.clean(buffer.getvalue()) == buffer.getvalue()


def test_a_progressive_jpeg_keeps_every_scan():
    buffer = io.BytesIO()
    picture().save(buffer, "JPEG", progressive=True, exif=camera_exif(1))
    cleaned = assert_clean(metadata.clean(buffer.getvalue()))
    assert cleaned.tobytes() == Image.open(buffer).tobytes()


def stored_bytes(field_file) -> bytes:
    with field_file.storage.open(field_file.name, "rb") as handle:
        return handle.read()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(client, media_root):
    factories.wagtail_tree()
    user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    verified_login(client, user)
    return user


def upload_form(data: bytes) -> dict:
    return {
        "title": "Protest on the square",
        "description": "A crowd with banners",
        "credit": "Photo: Kolokol",
        "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile("IMG_2041.jpg", data),
    }


def assert_every_file_clean(image: NewsImage) -> None:
    assert_clean(stored_bytes(image.file))
    prepare(image)
    renditions = list(NewsRendition.objects.filter(image=image))
    assert len(renditions) >= 4
    for rendition in renditions:
        assert_clean(stored_bytes(rendition.file))


@pytest.mark.django_db
def test_an_upload_through_the_admin_is_stored_clean(client, editor):
    response = client.post(reverse("wagtailimages:add"), upload_form(phone_jpeg()))
    assert response.status_code == 302
    image = NewsImage.objects.get()
    stored = stored_bytes(image.file)
    # The size and hash Wagtail keeps are those of the stored file.
    assert image.file_size == len(stored)
    assert image.get_file_hash() == NewsImage.objects.get().file_hash
    assert (image.width, image.height) == (160, 120)
    assert_every_file_clean(image)


@pytest.mark.django_db
def test_a_multiple_upload_is_stored_clean(client, editor):
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("IMG_2042.jpg", phone_jpeg())},
    )
    upload_id = response.json()["uploaded_file_id"]
    prefix = f"uploaded-image-{upload_id}"
    response = client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=(upload_id,)),
        {
            f"{prefix}-title": "Night march",
            f"{prefix}-description": "Torches on a bridge",
            f"{prefix}-collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.json()["success"] is True, response.json()
    assert_every_file_clean(NewsImage.objects.get())


@pytest.mark.django_db
def test_pictures_stored_before_are_cleaned_by_the_migration(media_root):
    image = factories.image()
    # A file written before cleaning existed: straight to storage.
    storage = image.file.storage
    storage.delete(image.file.name)
    storage.save(image.file.name, ContentFile(phone_jpeg()))
    image.renditions.all().delete()
    # Renditions of it are clean even before the migration runs...
    rendition = image.get_rendition("width-120|format-jpeg")
    assert_clean(stored_bytes(rendition.file))
    # ...and one written dirty, like the original, is cleaned in place.
    storage.delete(rendition.file.name)
    storage.save(rendition.file.name, ContentFile(phone_jpeg()))
    names = (image.file.name, rendition.file.name)

    migration = importlib.import_module("kolokol.media.migrations.0002_clean_image_fields")
    from django.apps import apps

    migration.clean_stored_pictures(apps, None)

    image.refresh_from_db()
    rendition.refresh_from_db()
    assert (image.file.name, rendition.file.name) == names  # stored pages keep their links
    assert_clean(stored_bytes(image.file))
    assert_clean(stored_bytes(rendition.file))
    assert image.file_size == len(stored_bytes(image.file))


@pytest.mark.django_db
def test_readers_get_renditions_and_never_the_original(client, media_root, settings):
    settings.KOLOKOL_SERVE_MEDIA = True
    image = factories.image()
    rendition = image.get_rendition("width-320|format-jpeg")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"

    original = settings.MEDIA_URL + image.file.name
    assert client.get(original).status_code == 404
    # Neither by a detour through another folder, nor the other private folders.
    Path(media_root, "documents").mkdir()
    Path(media_root, "documents", "budget.pdf").write_bytes(b"%PDF-1.4 secret")
    Path(media_root, "uploaded_files").mkdir()
    Path(media_root, "uploaded_files", "IMG_1.jpg").write_bytes(phone_jpeg())
    for path in (
        "images/../" + image.file.name,
        "images/..//" + image.file.name,
        "./" + image.file.name,
        "documents/budget.pdf",
        "uploaded_files/IMG_1.jpg",
    ):
        assert client.get(settings.MEDIA_URL + path).status_code == 404, path

    editor = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    verified_login(client, editor)
    response = client.get(original)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_demo_and_factory_images_are_cleaned_too(media_root):
    image = NewsImage(title="Imported", description="A street")
    image.file = ImageFile(io.BytesIO(phone_jpeg()), name="imported.jpg")
    image.save()
    assert_clean(stored_bytes(image.file))
