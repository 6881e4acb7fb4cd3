"""Captions are WebVTT files, checked when an editor uploads them."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kolokol.multimedia.models import Caption
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db

SRT = b"1\n00:00:00,000 --> 00:00:02,000\nFirst light\n"
VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nПервый свет\n".encode()


@pytest.fixture
def editor() -> Client:
    client = Client()
    verified_login(client, User.objects.create_superuser("chief", "chief@example.org"))
    return client


def upload(editor, clip, name: str, data: bytes):
    return editor.post(
        reverse("captions:add"),
        {
            "clip": clip.pk,
            "language": "ru",
            "kind": "subtitles",
            "file": SimpleUploadedFile(name, data, "text/vtt"),
        },
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("captions.srt", SRT, "This is not a WebVTT file"),
        ("captions.vtt", b"WEBVTT\n\nno cues", "holds no captions"),
        ("captions.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nÉ\n".encode("cp1252"), "not in UTF-8"),
        ("captions.vtt", b"WEBVTT\n" + b"x" * (3 * 1024 * 1024), "too large"),
    ],
)
def test_a_file_that_is_not_webvtt_is_refused_with_a_reason(
    editor, media_sources, name, data, message
):
    clip = factories.clip(media_sources["video"])
    answer = upload(editor, clip, name, data)
    assert answer.status_code == 200 and message in answer.content.decode()
    assert not Caption.objects.exists()


def test_webvtt_captions_are_stored_and_listed_for_their_clip(editor, media_sources):
    clip = factories.clip(media_sources["video"])
    assert upload(editor, clip, "my subtitles.vtt", VTT).status_code == 302
    caption = Caption.objects.get()
    assert caption.file.read() == VTT and caption.file.name.endswith(".vtt")
    listing = editor.get(reverse("captions:index"), {"clip": clip.pk}).content.decode()
    assert "Русский" in listing or "Russian" in listing
