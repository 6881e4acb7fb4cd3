"""Uploads through Wagtail's real admin views: what is refused stores nothing."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Collection, UploadedFile
from wagtail.users.models import UserProfile

from kolokol.core.blocks import InlineImageBlock
from kolokol.media.models import NewsImage
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(client):
    factories.wagtail_tree()
    user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    verified_login(client, user)
    return user


@pytest.fixture
def russian_editor(editor):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ru"
    profile.save()
    return editor


def jpeg(size=(800, 600), noise=False) -> bytes:
    picture = Image.effect_noise(size, 60).convert("RGB") if noise else Image.new("RGB", size)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A few hundred bytes of PNG that claim ``width`` × ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    rows = zlib.compress(b"\x00" * (width // 8 + 1) * 16, 9)  # the first rows only
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    b"<script>alert(document.cookie)</script><rect width='100' height='100'/></svg>"
)

BAD_FILES = {
    "text renamed .jpg": ("notes.jpg", b"Minutes of the editorial meeting.\n" * 40),
    "truncated JPEG": ("cut.jpg", jpeg(noise=True)[:30_000]),
    "decompression bomb": ("bomb.png", png_declaring(30_000, 30_000)),
    "over the pixel limit": ("huge.png", png_declaring(8_000, 8_000)),
    "SVG with script": ("drawing.svg", SVG),
    "SVG named .jpg": ("drawing.jpg", SVG),
}


def stored_files(root: Path) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()] if root.exists() else []


def assert_nothing_stored(media_root) -> None:
    assert NewsImage.objects.count() == 0
    assert UploadedFile.objects.count() == 0
    assert stored_files(media_root) == []


def add_form(name: str, data: bytes, **fields) -> dict:
    return {
        "title": "Upload",
        "description": "A bridge at dusk",
        "credit": "Photo: Test",
        "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, data),
        **fields,
    }


def test_a_good_upload_is_stored_with_its_alt_text(client, editor, media_root):
    response = client.post(reverse("wagtailimages:add"), add_form("bridge.jpg", jpeg()))
    assert response.status_code == 302
    image = NewsImage.objects.get()
    assert (image.description, image.width, image.height) == ("A bridge at dusk", 800, 600)
    assert len(stored_files(media_root)) == 1


def test_alt_text_is_required_in_the_upload_form(client, editor, media_root):
    response = client.post(
        reverse("wagtailimages:add"), add_form("bridge.jpg", jpeg(), description="")
    )
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert_nothing_stored(media_root)


def test_alt_text_cannot_be_removed_in_the_edit_form(client, editor):
    image = factories.image(description="Two boats at the quay")
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": image.title,
            "description": "  ",
            "credit": image.credit,
            "collection": image.collection_id,
        },
    )
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    image.refresh_from_db()
    assert image.description == "Two boats at the quay"


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_add_view_refuses_what_is_not_a_safe_image(client, editor, media_root, case):
    name, data = BAD_FILES[case]
    response = client.post(reverse("wagtailimages:add"), add_form(name, data))
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors and all(error.strip() for error in errors)
    assert errors[0] in response.content.decode()
    assert_nothing_stored(media_root)


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_multiple_upload_refuses_what_is_not_a_safe_image(client, editor, media_root, case):
    name, data = BAD_FILES[case]
    response = client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": SimpleUploadedFile(name, data)}
    )
    payload = response.json()
    assert payload["success"] is False
    assert payload["error_message"].strip()
    assert_nothing_stored(media_root)


def test_oversized_upload_is_refused_with_the_limit(client, editor, media_root, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100 * 1024
    data = jpeg((1200, 900), noise=True)
    assert len(data) > 100 * 1024
    response = client.post(reverse("wagtailimages:add"), add_form("big.jpg", data))
    (error,) = response.context["form"].errors["file"]
    assert "100.0" in error and "KB" in error
    response = client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": SimpleUploadedFile("big.jpg", data)}
    )
    assert "100.0" in response.json()["error_message"]
    assert_nothing_stored(media_root)


def test_refusals_are_in_the_editors_language(client, russian_editor, media_root):
    name, data = BAD_FILES["truncated JPEG"]
    response = client.post(reverse("wagtailimages:add"), add_form(name, data))
    assert "Файл повреждён" in response.content.decode()
    name, data = BAD_FILES["text renamed .jpg"]
    response = client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": SimpleUploadedFile(name, data)}
    )
    message = response.json()["error_message"]
    assert "изображение" in message, message
    assert_nothing_stored(media_root)


def test_multiple_upload_asks_for_alt_text_before_creating_the_image(client, editor, media_root):
    response = client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": SimpleUploadedFile("pier.jpg", jpeg())}
    )
    payload = response.json()
    assert payload["success"] is True
    assert NewsImage.objects.count() == 0  # held aside until the form is complete
    upload = UploadedFile.objects.get()
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=(upload.pk,))
    prefix = f"uploaded-image-{upload.pk}"
    fields = {
        f"{prefix}-title": "Pier",
        f"{prefix}-collection": Collection.get_first_root_node().pk,
        f"{prefix}-credit": "",
    }
    refused = client.post(url, {**fields, f"{prefix}-description": ""}).json()
    assert refused["success"] is False and NewsImage.objects.count() == 0
    accepted = client.post(url, {**fields, f"{prefix}-description": "An empty pier"}).json()
    assert accepted["success"] is True
    assert NewsImage.objects.get().description == "An empty pier"


def test_pages_refuse_an_image_without_alt_text():
    home = factories.service("en")
    bare = factories.image(description="")
    block = InlineImageBlock()
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python({"image": bare.pk, "caption": "", "credit": ""}))
    assert "no alt text" in str(refused.value.block_errors["image"])
    described = factories.image()
    block.clean(block.to_python({"image": described.pk, "caption": "", "credit": ""}))

    article = factories.article(home)
    article.lead_image = bare
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "lead_image" in refused.value.message_dict
    article.lead_image = described
    article.full_clean()
