"""Making a service's offline edition: its last days' articles as one HTML file and an EPUB.

Both are made from the same ``Contents``: the live, public articles first
published in the window, their lead, inline and gallery images at a small
rendition size, and their bodies made into well-formed XHTML with nothing
to fetch (``kolokol.editions.xhtml``). The HTML file carries its images as
``data:`` addresses and its stylesheet inline; the EPUB carries them as
files. Neither has a script: a reader opens them offline, years later.
"""

from __future__ import annotations

import base64
import io
import uuid
import zipfile
import zoneinfo
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from wagtail.rich_text import expand_db_html

from kolokol.articles.models import ArticlePage
from kolokol.editions import keys, xhtml

STYLESHEET = Path(__file__).parent / "edition.css"
# Small enough that a week of news stays a file one can send by messenger.
RENDITION = "max-480x360|format-jpeg|jpegquality-60"
# Fixed times inside the EPUB's ZIP: the same edition gives the same bytes.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


@dataclass
class Picture:
    name: str  # its path inside the EPUB, beside the chapters
    data: bytes
    alt: str
    credit: str = ""
    mime: str = "image/jpeg"

    @property
    def data_uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode()}"


@dataclass
class Story:
    number: int
    title: str
    standfirst: str
    section: str
    published: datetime
    authors: list[str]
    url: str
    lead: Picture | None
    lead_caption: str
    blocks: list[dict[str, Any]]

    @property
    def chapter(self) -> str:
        return f"story-{self.number}.xhtml"


@dataclass
class Contents:
    service: Any
    made_at: datetime
    days: int
    stories: list[Story] = field(default_factory=list)

    @property
    def made_on(self) -> date:
        return timezone.localtime(self.made_at, timezone=self.zone).date()

    @property
    def since(self) -> datetime:
        return self.made_at - timedelta(days=self.days)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.service.time_zone)

    @property
    def pictures(self) -> list[Picture]:
        seen: dict[str, Picture] = {}
        for story in self.stories:
            for picture in [story.lead, *(b.get("picture") for b in story.blocks)]:
                if picture is not None:
                    seen.setdefault(picture.name, picture)
        return list(seen.values())

    def file_name(self, kind: str) -> str:
        return f"{self.service.slug}-{self.made_on.isoformat()}.{kind}"


def _picture(image) -> Picture | None:
    if image is None:
        return None
    rendition = image.get_rendition(RENDITION)
    with rendition.file.open("rb") as handle:
        data = handle.read()
    return Picture(
        name=f"images/image-{image.pk}.jpg",
        data=data,
        alt=image.description or "",
        credit=getattr(image, "credit", "") or "",
    )


def _image(value) -> dict[str, Any]:
    """An image block's value, or a gallery's photo."""
    return {
        "type": "image",
        "picture": _picture(value["image"]),
        "caption": value.get("caption", ""),
        "credit": value.get("credit", ""),
    }


def _recording(clip, value) -> str:
    heading = format_html("<h3>{}</h3>", value.get("caption") or clip.title)
    paragraphs = format_html_join("", "<p>{}</p>", ((p,) for p in clip.transcript_paragraphs()))
    return heading + paragraphs


def _lead_recording(article: ArticlePage) -> list[dict[str, Any]]:
    clip = article.lead_clip
    if clip is None or not clip.ready:
        return []
    return [{"type": "paragraph", "html": _recording(clip, {})}]


def _blocks(article: ArticlePage, base_url: str) -> list[dict[str, Any]]:
    blocks = []
    for block in article.body:
        value = block.value
        kind = block.block_type
        if kind == "paragraph":
            html = xhtml.clean(expand_db_html(value.source), base_url)
            blocks.append({"type": kind, "html": html})
        elif kind == "image":
            blocks.append(_image(value))
        elif kind == "gallery":
            # A book has no strip to scroll: the title, then the photos one by one.
            if value.get("title"):
                blocks.append(
                    {"type": "paragraph", "html": format_html("<h3>{}</h3>", value["title"])}
                )
            blocks += [_image(photo) for photo in value["photos"]]
        elif kind in {"video", "audio"} and value.get(kind) is not None:
            # A book plays nothing: the recording's title and its transcript.
            blocks.append({"type": "paragraph", "html": _recording(value[kind], value)})
        elif kind in {"quote", "list", "factbox", "embed"}:
            blocks.append({"type": kind, **dict(value)})
    return blocks


def contents(service, days: int, now: datetime | None = None) -> Contents:
    """What the edition of ``service`` holds: its public articles of the last ``days`` days."""
    made = Contents(service=service, made_at=now or timezone.now(), days=days)
    base_url = service.full_url or ""
    articles = (
        ArticlePage.objects.in_service(service)
        .filter(first_published_at__gte=made.since, first_published_at__lte=made.made_at)
        .select_related("lead_image")
        .specific()
    )
    for number, article in enumerate(articles, start=1):
        section = article.get_parent()
        made.stories.append(
            Story(
                number=number,
                title=article.title,
                standfirst=article.standfirst,
                section=section.title if section else "",
                published=article.first_published_at,
                authors=[author.title for author in article.authors()],
                url=article.full_url or "",
                lead=_picture(article.lead_image),
                lead_caption=article.lead_image_caption,
                blocks=_lead_recording(article) + _blocks(article, base_url),
            )
        )
    return made


def _context(made: Contents, **extra: Any) -> dict[str, Any]:
    service = made.service
    return {
        "service": service,
        "language": service.language,
        "direction": "rtl" if service.is_rtl else "ltr",
        "made": made,
        "stories": made.stories,
        "fingerprint": keys.fingerprint(bytes(keys.key_for(service).public_key)),
        "offline_url": (service.full_url or "") + "offline/",
        **extra,
    }


def _render(made: Contents, template: str, **extra: Any) -> str:
    # In the service's language and time zone, whoever runs the command.
    with translation.override(made.service.language), timezone.override(made.zone):
        return render_to_string(template, _context(made, **extra))


def render_html(made: Contents) -> bytes:
    """The edition as one HTML file: styles inline, images as data: addresses."""
    return _render(made, "editions/edition.html", css=STYLESHEET.read_text(), inline=True).encode()


def render_epub(made: Contents) -> bytes:
    """The edition as an EPUB 3: a title page, one chapter per article, the images as files."""
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"kolokol:{made.file_name('epub')}")
    files: list[tuple[str, str | bytes]] = [
        ("META-INF/container.xml", render_to_string("editions/epub/container.xml")),
        ("OEBPS/edition.css", STYLESHEET.read_text()),
        ("OEBPS/title.xhtml", _render(made, "editions/epub/title.xhtml")),
        ("OEBPS/nav.xhtml", _render(made, "editions/epub/nav.xhtml")),
    ]
    for story in made.stories:
        files.append(
            (f"OEBPS/{story.chapter}", _render(made, "editions/epub/chapter.xhtml", story=story))
        )
    pictures = made.pictures
    for picture in pictures:
        files.append((f"OEBPS/{picture.name}", picture.data))
    modified = made.made_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    files.append(
        (
            "OEBPS/package.opf",
            _render(
                made,
                "editions/epub/package.opf",
                identifier=identifier,
                modified=modified,
                pictures=pictures,
            ),
        )
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The first entry, uncompressed and without extra fields, is how
        # readers know an EPUB (OCF 3, "The mimetype file").
        mimetype = zipfile.ZipInfo("mimetype", date_time=ZIP_TIME)
        archive.writestr(mimetype, "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@dataclass
class EditionFile:
    name: str
    kind: str
    made_on: date
    content: bytes
    signature: str

    @property
    def signature_name(self) -> str:
        return self.name + ".sig"


def make(service, days: int, now: datetime | None = None) -> list[EditionFile]:
    """The service's signed edition files (HTML and EPUB)."""
    made = contents(service, days, now)
    files = []
    for kind, render in (("html", render_html), ("epub", render_epub)):
        name = made.file_name(kind)
        content = render(made)
        signature = keys.signature_file(service, name, content)
        files.append(EditionFile(name, kind, made.made_on, content, signature))
    return files


def write(files: list[EditionFile], directory: Path) -> list[Path]:
    """Each file and its ``.sig`` into ``directory``; the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for edition in files:
        for name, data in (
            (edition.name, edition.content),
            (edition.signature_name, edition.signature.encode()),
        ):
            path = directory / name
            # Whole or not at all: a reader never downloads half an edition.
            partial = path.with_name(f".{name}.partial")
            partial.write_bytes(data)
            partial.replace(path)
            written.append(path)
    return written
