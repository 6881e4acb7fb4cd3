"""Loading the demo's programs, episodes and video story (``content_programs``) into a service.

The recordings are made by ffmpeg while the demo loads and transcoded at
once, so the demo plays from its first page; without ffmpeg on the machine
the service simply has no programs (the rest of the demo does not need it).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from wagtail.models import Collection

from kolokol.articles.models import ArticleAuthor, ArticlePage
from kolokol.demo.content_programs import PROGRAMS
from kolokol.multimedia import generated, renditions
from kolokol.multimedia.models import Caption, Clip
from kolokol.programs.models import ProgramPage

logger = logging.getLogger(__name__)


def load(home, sections: dict, authors: dict, started, make_image, publish) -> None:
    spec = PROGRAMS.get(home.language)
    if spec is None:
        return
    if shutil.which(settings.KOLOKOL_FFMPEG) is None:
        logger.warning("ffmpeg is not installed: the demo has no programs or video")
        return
    if ProgramPage.objects.child_of(home).filter(slug=spec["program"]["slug"]).exists():
        return
    writers = [ArticleAuthor(author=author) for author in list(authors.values())[:1]]
    with tempfile.TemporaryDirectory(prefix="kolokol-demo-media-") as work:
        folder = Path(work)
        about = spec["program"]
        program = ProgramPage(
            title=about["title"],
            slug=about["slug"],
            intro=about["intro"],
            about=about["about"],
            category=about["category"],
            artwork=make_image(about["slug"], about["artwork"], about["slug"]),
            show_in_menus=True,
        )
        home.add_child(instance=program)
        publish(program)
        for episode in spec["episodes"]:
            source = generated.audio(
                folder / f"{episode['slug']}.wav", episode["seconds"], episode["tone"]
            )
            clip = _clip(source, "audio", episode["title"], episode["transcript"], home)
            _story(program, episode, clip, program.artwork, writers, started, publish)
        video = spec["video"]
        source = generated.video(
            folder / f"{video['slug']}.mp4", video["seconds"], "640x360", video["pattern"]
        )
        clip = _clip(source, "video", video["title"], video["transcript"], home, video["credit"])
        cues = "\n\n".join(f"{start} --> {end}\n{text}" for start, end, text in video["captions"])
        Caption.objects.create(
            clip=clip,
            language=home.language,
            file=ContentFile(f"WEBVTT\n\n{cues}\n".encode(), name="captions.vtt"),
        )
        picture = make_image(video["slug"], video["image"], video["slug"])
        _story(sections[video["section"]], video, clip, picture, writers, started, publish)


def _clip(source: Path, kind: str, title: str, transcript: str, home, credit: str = "") -> Clip:
    collection = Collection.objects.filter(name=home.title).first()
    clip = Clip(
        title=title,
        type=kind,
        transcript=transcript,
        credit=credit,
        collection=collection or Collection.get_first_root_node(),
    )
    with source.open("rb") as handle:
        clip.file.save(source.name, File(handle), save=False)
        clip.save()
    renditions.make(clip.pk, clip.file.name)
    clip.refresh_from_db()
    return clip


def _story(parent, spec: dict, clip: Clip, image, writers, started, publish) -> ArticlePage:
    page = ArticlePage(
        title=spec["title"],
        slug=spec["slug"],
        kicker=spec.get("kicker", ""),
        standfirst=spec["standfirst"],
        lead_clip=clip,
        lead_image=image,
        body=[{"type": "paragraph", "value": f"<p>{spec['standfirst']}</p>"}],
    )
    page.bylines = [ArticleAuthor(author=w.author) for w in writers]
    parent.add_child(instance=page)
    publish(page)
    when = started - timedelta(hours=spec["hours_ago"])
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    return page
