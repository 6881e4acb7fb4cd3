"""Pictures on public pages: formats, widths, sizes, alt text, focal point, weight."""

from __future__ import annotations

import io
import re
from pathlib import Path

import html5lib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageDraw, features

from kolokol.demo import pictures
from kolokol.media import renditions
from kolokol.media.models import NewsImage
from kolokol.publishing import mirror
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db

AVIF = features.check("avif")
TYPES = ["image/avif", "image/webp"] if AVIF else ["image/webp"]
ARTICLE_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def picture_image(data: bytes, name: str, **fields) -> NewsImage:
    from django.core.files.images import ImageFile

    image = NewsImage(title=name, **fields)
    image.file = ImageFile(io.BytesIO(data), name=name)
    image.save()
    return image


def parse_pictures(html: str) -> list[dict]:
    """Each <picture>: its sources by type, and its <img> attributes."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    found = []
    for element in tree.iter("picture"):
        sources = {s.get("type"): dict(s.attrib) for s in element.iter("source")}
        (img,) = element.iter("img")
        found.append({"sources": sources, "img": dict(img.attrib)})
    return found


def candidates(srcset: str) -> list[tuple[str, int]]:
    result = []
    for candidate in srcset.split(","):
        url, width = candidate.split()
        assert width.endswith("w"), srcset
        result.append((url, int(width[:-1])))
    return result


def media_file(url: str) -> Path:
    assert url.startswith(settings.MEDIA_URL), url
    return Path(settings.MEDIA_ROOT) / url[len(settings.MEDIA_URL) :]


def assert_responsive(picture: dict, *, alt: str, original_width: int, sizes: str) -> None:
    """The picture offers every modern format and JPEG, in widths the original has."""
    img = picture["img"]
    assert list(picture["sources"]) == TYPES  # AVIF first: the browser takes the first it can
    assert img["alt"] == alt
    assert img["sizes"] == sizes
    assert img["decoding"] == "async"
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    assert img["src"].endswith(".jpg")
    sets = {"image/jpeg": img["srcset"]} | {t: s["srcset"] for t, s in picture["sources"].items()}
    extension = {"image/avif": ".avif", "image/webp": ".webp", "image/jpeg": ".jpg"}
    for mime, srcset in sets.items():
        offered = candidates(srcset)
        widths = [width for _url, width in offered]
        assert len(widths) >= 2 and widths == sorted(set(widths)), srcset
        assert max(widths) <= original_width
        for url, width in offered:
            assert url.endswith(extension[mime])
            with Image.open(media_file(url)) as file:
                assert file.width == width
                assert file.format == {"image/avif": "AVIF", "image/webp": "WEBP"}.get(mime, "JPEG")
    for source in picture["sources"].values():
        assert source["sizes"] == sizes
    # width/height are the smallest JPEG's: the same shape as every candidate.
    assert int(img["width"]) == candidates(img["srcset"])[0][1]


def test_lead_and_inline_images_are_responsive_pictures(client):
    home = factories.service("en")
    lead = factories.image("lead", (1600, 900), description="A ferry at the pier")
    inline = factories.image("inline", (700, 1000), description="The harbour master at her desk")
    article = factories.article(
        home,
        lead_image=lead,
        body=[
            {"type": "paragraph", "value": "<p>The ferry is back.</p>"},
            {"type": "image", "value": {"image": inline.pk, "caption": "On Monday", "credit": ""}},
        ],
    )
    html = client.get(article.url).content.decode()
    lead_picture, inline_picture = parse_pictures(html)

    assert_responsive(
        lead_picture, alt="A ferry at the pier", original_width=1600, sizes=ARTICLE_SIZES
    )
    widths = [w for _u, w in candidates(lead_picture["img"]["srcset"])]
    assert widths == [320, 480, 640, 960, 1280]
    # The lead is what the reader came for: fetched first, never lazily.
    assert lead_picture["img"]["fetchpriority"] == "high"
    assert "loading" not in lead_picture["img"]
    assert (lead_picture["img"]["width"], lead_picture["img"]["height"]) == ("320", "180")

    assert_responsive(
        inline_picture,
        alt="The harbour master at her desk",
        original_width=700,
        sizes=ARTICLE_SIZES,
    )
    assert [w for _u, w in candidates(inline_picture["img"]["srcset"])] == [320, 480, 640]
    assert inline_picture["img"]["loading"] == "lazy"
    assert (inline_picture["img"]["width"], inline_picture["img"]["height"]) == ("320", "457")
    assert "On Monday" in html and "Photo: Test Photographer" in html


def test_an_image_narrower_than_every_width_is_offered_at_its_own(client):
    home = factories.service("en")
    article = factories.article(home, lead_image=factories.image("small", (300, 200)))
    (picture,) = parse_pictures(client.get(article.url).content.decode())
    # One candidate each: no width descriptors, and the <img> needs only its src.
    assert "srcset" not in picture["img"]
    assert list(picture["sources"]) == TYPES
    for source in picture["sources"].values():
        assert " " not in source["srcset"].strip()
        with Image.open(media_file(source["srcset"])) as file:
            assert file.size == (300, 200)
    assert (picture["img"]["width"], picture["img"]["height"]) == ("300", "200")


def test_listing_thumbnails_are_cropped_responsive_pictures(client):
    home = factories.service("en")
    writer = factories.author(home, "Lena Ward")
    article = factories.article(
        home,
        authors=[writer],
        topics=["harbour"],
        lead_image=factories.image("thumb", (1200, 800), description="Boats in the harbour"),
    )
    teaser_sizes = "(max-width: 40rem) calc(100vw - 2rem), 19rem"
    for url in [home.url, article.get_parent().url, f"{home.url}topics/harbour/", writer.url]:
        html = client.get(url).content.decode()
        (picture,) = [p for p in parse_pictures(html) if p["img"]["alt"] == "Boats in the harbour"]
        sizes = picture["img"]["sizes"]
        if url != home.url:  # the home page shows its newest story as the large lead teaser
            assert sizes == teaser_sizes, url
        assert_responsive(picture, alt="Boats in the harbour", original_width=1200, sizes=sizes)
        for _url, width in candidates(picture["img"]["srcset"]):
            with Image.open(media_file(_url)) as file:
                assert file.size == (width, width * 9 // 16), url  # one shape for every list


def test_author_photo_is_a_responsive_picture(client):
    home = factories.service("en")
    writer = factories.author(home, "Lena Ward")
    writer.photo = factories.image("portrait", (600, 800), description="Lena Ward, smiling")
    factories.publish(writer)
    (picture,) = parse_pictures(client.get(writer.url).content.decode())
    assert_responsive(picture, alt="Lena Ward, smiling", original_width=600, sizes="160px")
    assert picture["img"]["class"] == "author-photo"
    assert (picture["img"]["width"], picture["img"]["height"]) == ("160", "160")


def red_at_right_edge(client, listing_url: str) -> list[bool]:
    """For each thumbnail width on the listing: is the right edge of the crop red?"""
    (picture,) = parse_pictures(client.get(listing_url).content.decode())
    found = []
    for url, width in candidates(picture["img"]["srcset"]):
        with Image.open(media_file(url)) as crop:
            red, _green, blue = crop.convert("RGB").getpixel(
                (width - width // 20, crop.height // 2)
            )
            found.append(red > 180 and blue < 80)
    return found


def test_thumbnail_crop_keeps_the_focal_point_set_in_the_admin(client, django_user_model):
    """A red sign at the right edge of a wide picture, outside a centred 16:9 crop."""
    canvas = Image.new("RGB", (2400, 900), (30, 60, 200))
    ImageDraw.Draw(canvas).rectangle([2200, 350, 2399, 550], fill=(230, 20, 20))
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    subject = picture_image(buffer.getvalue(), "sign.png", description="A red sign on a wall")
    home = factories.service("en")
    listing = factories.article(home, lead_image=subject).get_parent().url
    assert not any(red_at_right_edge(client, listing))  # centred: the sign is cut off

    # The editor marks the sign as the subject in Wagtail's focal point editor.
    admin_client = verified_login(Client(), django_user_model.objects.create_superuser("chief"))
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[subject.pk]),
        {
            "title": subject.title,
            "description": subject.description,
            "credit": "",
            "collection": subject.collection_id,
            "tags": "",
            "focal_point_x": 2300,
            "focal_point_y": 450,
            "focal_point_width": 200,
            "focal_point_height": 200,
        },
    )
    assert response["Location"] == reverse("wagtailimages:index"), response.context["form"].errors
    kept = red_at_right_edge(client, listing)
    assert len(kept) >= 2 and all(kept)


def test_lead_image_at_640_is_within_the_page_weight_budget(client):
    """What a 640 px phone downloads for a demo article's lead: at most 60 KB in each format."""
    home = factories.service("en")
    heavy = picture_image(pictures.draw("market", "budget"), "market.jpg", description="A market")
    article = factories.article(home, lead_image=heavy)
    (picture,) = parse_pictures(client.get(article.url).content.decode())
    sets = [picture["img"]["srcset"]] + [s["srcset"] for s in picture["sources"].values()]
    assert len(sets) == len(TYPES) + 1
    for srcset in sets:
        (url,) = [u for u, width in candidates(srcset) if width == 640]
        assert media_file(url).stat().st_size <= 60 * 1024, url


def test_mirror_export_carries_every_source(tmp_path, client):
    home = factories.service("en")
    article = factories.article(home, lead_image=factories.image("mirror", (1000, 600)))
    html = client.get(article.url).content
    report = mirror.export(tmp_path / "out", [article.url], [])
    assert not report.failed
    urls = set()
    for value in re.findall(rb'srcset="([^"]+)"', html):
        urls |= {url for url, _w in candidates(value.decode())}
    assert any(url.endswith(".avif" if AVIF else ".webp") for url in urls)
    for url in urls:
        assert (tmp_path / "out" / url.lstrip("/")).read_bytes() == media_file(url).read_bytes()


def test_prepared_renditions_are_the_ones_pages_use(client):
    """A bulk load makes renditions up front, so no page has to encode them."""
    image = factories.image("prepared", (1600, 900))
    renditions.prepare(image)
    made = image.renditions.count()
    assert made == len(TYPES + ["image/jpeg"]) * (5 + 4)
    home = factories.service("en")
    article = factories.article(home, lead_image=image)
    for url in [article.url, article.get_parent().url, home.url]:
        assert client.get(url).status_code == 200
    assert image.renditions.count() == made
