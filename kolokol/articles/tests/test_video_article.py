"""Video and audio stories: the player, lightest first, captions, transcript, no script."""

import html
import re

import pytest
from django.core.files.base import ContentFile

from kolokol.multimedia.models import Caption, Clip
from kolokol.testing import factories, vnu

pytestmark = pytest.mark.django_db

HOSTILE = '"><script>alert(1)</script>'


def video_article(media_sources, **clip_fields):
    clip = factories.clip(
        media_sources["video"],
        title="Flood on the river",
        credit="Video: Newsroom",
        transcript="First light over the river.\n\nThe water rose overnight.",
        **clip_fields,
    )
    Caption.objects.create(
        clip=clip,
        language="ru",
        kind=Caption.Kind.SUBTITLES,
        file=ContentFile(b"WEBVTT\n\n00:00.000 --> 00:02.000\nFirst light\n", name="c.vtt"),
    )
    interview = factories.clip(media_sources["audio"], kind="audio", title="Interview")
    body = [
        {"type": "paragraph", "value": "<p>The river rose overnight.</p>"},
        {"type": "audio", "value": {"audio": interview.pk, "caption": "The mayor, by phone"}},
    ]
    return factories.article(lead_clip=clip, body=body), clip, interview


def test_a_video_story_plays_the_lightest_file_first_with_captions_and_transcript(
    client, media_sources
):
    article, clip, interview = video_article(media_sources)
    page = client.get(article.url).content.decode()
    [video] = re.findall(r"<video .*?</video>", page, re.S)
    # Nothing but the poster before play, and the poster a small WebP.
    assert 'preload="none"' in video and "controls" in video
    assert re.search(r'poster="/media/images/[^"]+\.webp"', video)
    sources = re.findall(r'<source src="([^"]+)" type=', video)
    assert sources[0].endswith("/hls.m3u8")
    assert sources[1].endswith("/240p.mp4") and sources[2].endswith("/360p.mp4")
    assert '<track kind="subtitles" srclang="ru" label="Русский"' in video and " default>" in video
    assert (
        '<time datetime="PT3S">0:03</time>' in page or '<time datetime="PT2S">0:02</time>' in page
    )
    assert "Video: Newsroom" in page
    assert re.search(r'<a href="[^"]+/240p\.mp4" download>240p, [\d.,\xa0]+', page)
    assert "<summary>" in page and "<p>The water rose overnight.</p>" in page
    [audio] = re.findall(r"<audio .*?</audio>", page, re.S)
    audio_sources = re.findall(r'<source src="([^"]+)" type="([^"]+)"', audio)
    assert [html.unescape(kind) for _src, kind in audio_sources] == [
        'audio/ogg; codecs="opus"',
        'audio/mp4; codecs="mp4a.40.2"',
        'audio/mp4; codecs="mp4a.40.2"',
    ]
    assert "The mayor, by phone" in page
    # The source itself (with the phone's metadata) is linked nowhere.
    assert clip.file.name not in page and "IMG_0042" not in page
    assert not vnu.errors({"video article": page.encode()})


def test_a_clip_still_being_transcoded_shows_no_broken_player(client, media_sources):
    article, clip, _interview = video_article(media_sources)
    Clip.objects.filter(pk=clip.pk).update(status=Clip.Status.TRANSCODING)
    page = client.get(article.url).content.decode()
    assert "<video" not in page


def test_what_editors_write_about_a_clip_is_escaped(client, media_sources):
    article, clip, _interview = video_article(media_sources)
    Clip.objects.filter(pk=clip.pk).update(credit=HOSTILE, transcript=HOSTILE)
    page = client.get(article.url).content.decode()
    assert "<script>alert(1)" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2


def test_search_engines_read_the_video_as_a_videoobject(client, media_sources, settings):
    import json

    article, clip, _interview = video_article(media_sources)
    page = client.get(article.url).content.decode()
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    video = json.loads(data)["video"]
    assert video["@type"] == "VideoObject" and video["name"] == "Flood on the river"
    assert video["duration"] in ("PT2S", "PT3S")
    assert video["contentUrl"].startswith(settings.KOLOKOL_BASE_URL)
    assert video["contentUrl"].endswith("/360p.mp4")
    assert video["thumbnailUrl"][0].endswith(".webp")
    assert "The water rose overnight." in video["transcript"]
    assert 'id="transcript"' in page


def test_a_recording_without_a_transcript_cannot_lead_or_sit_in_a_story(media_sources):
    from django.core.exceptions import ValidationError

    from kolokol.core.blocks import AudioBlock

    clip = factories.clip(media_sources["audio"], kind="audio", transcript="")
    with pytest.raises(ValidationError) as refused:
        factories.article(lead_clip=clip)
    assert "has no transcript" in str(refused.value.message_dict["lead_clip"])
    block = AudioBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"audio": clip.pk, "caption": ""}))
    clip.transcript = "Now written out."
    clip.save()
    assert block.clean(block.to_python({"audio": clip.pk, "caption": ""}))["audio"] == clip
