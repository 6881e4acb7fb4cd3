"""A program's podcast feed: RSS 2.0 with enclosures, iTunes tags and Podcasting 2.0.

Built on the service's own feeds (``kolokol.feeds``): the same absolute
addresses from KOLOKOL_BASE_URL, the same item identities, plus what
podcast apps read: the episode's file (AAC, the standard quality) with its
size and duration, the artwork, the category, and where the transcript is
(``podcast:transcript``: the episode's page, and its captions when there
are any).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.feedgenerator import Enclosure
from wagtail.models import Site

from kolokol.core.pages import mark_storable
from kolokol.feeds.feeds import ListingFeed, Source, clean
from kolokol.feeds.generators import RssFeed
from kolokol.multimedia import facts
from kolokol.multimedia.models import Caption, ClipRendition
from kolokol.programs.models import ProgramPage

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
# Podcasting 2.0's namespace for a feed's GUID (uuid v5 of its address without scheme).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
ARTWORK_SPEC = "fill-1400x1400|format-jpeg|jpegquality-85"
# Every episode: podcast apps show a program's back catalogue from its feed.
MAX_EPISODES = 1000


class PodcastRss(RssFeed):
    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES_NS, "xmlns:podcast": PODCAST_NS}

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("itunes:author", feed["hosts"])
        if feed["owner_email"]:
            # Whom podcast directories write to about the feed.
            handler.startElement("itunes:owner", {})
            handler.addQuickElement("itunes:name", feed["owner_name"])
            handler.addQuickElement("itunes:email", feed["owner_email"])
            handler.endElement("itunes:owner")
        handler.addQuickElement("itunes:summary", feed["about"])
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:explicit", "true" if feed["explicit"] else "false")
        top, _sep, sub = feed["category"].partition("|")
        handler.startElement("itunes:category", {"text": top})
        if sub:
            handler.addQuickElement("itunes:category", attrs={"text": sub})
        handler.endElement("itunes:category")
        if feed["artwork"]:
            handler.addQuickElement("itunes:image", attrs={"href": feed["artwork"]})
            handler.startElement("image", {})
            handler.addQuickElement("url", feed["artwork"])
            handler.addQuickElement("title", feed["title"])
            handler.addQuickElement("link", feed["link"])
            handler.endElement("image")
        handler.addQuickElement("podcast:guid", feed["podcast_guid"])
        handler.addQuickElement("podcast:medium", feed["podcast_medium"])

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", str(item["duration"]))
        handler.addQuickElement("itunes:episodeType", "full")
        handler.addQuickElement("itunes:explicit", "true" if self.feed["explicit"] else "false")
        for url, mime_type, language, rel in item["transcripts"]:
            attrs = {"url": url, "type": mime_type, "language": language}
            if rel:
                attrs["rel"] = rel
            handler.addQuickElement("podcast:transcript", attrs=attrs)


class PodcastFeed(ListingFeed):
    def __init__(self) -> None:
        super().__init__(PodcastRss)

    def feed_extra_kwargs(self, source: Source) -> dict[str, Any]:
        program: ProgramPage = source.page
        self.language = source.service.language
        artwork = ""
        if program.artwork is not None:
            artwork = self.absolute(program.artwork.get_rendition(ARTWORK_SPEC).url)
        address = self.feed_url(source)
        return {
            "hosts": clean(program.hosts or source.service.title),
            "owner_name": clean(source.service.title),
            "owner_email": source.service.contact_email,
            "about": clean(program.about or program.intro or source.description),
            "category": program.category,
            "explicit": program.explicit,
            "artwork": artwork,
            "podcast_guid": str(uuid.uuid5(PODCAST_GUID_NAMESPACE, address.split("://", 1)[-1])),
            "podcast_medium": "podcast",
        }

    def items(self, source: Source):
        return list(
            source.articles.select_related("lead_clip", "lead_image")
            .prefetch_related(
                "tags",
                Prefetch("lead_clip__renditions", queryset=ClipRendition.objects.all()),
                Prefetch("lead_clip__captions", queryset=Caption.objects.all()),
                "bylines__author",
            )
            .order_by("-first_published_at")[:MAX_EPISODES]
        )

    def item_enclosures(self, article) -> list:
        file = facts.offered(article.lead_clip)
        return [Enclosure(self.absolute(file.url), str(file.size), file.mime_type)] if file else []

    def item_extra_kwargs(self, article) -> dict[str, Any]:
        clip = article.lead_clip
        language = self.language
        transcripts = [
            (self.absolute(article.url) + "#transcript", "text/html", language, "")
        ] if clip.transcript.strip() else []  # fmt: skip
        transcripts += [
            (self.absolute(c.file.url), "text/vtt", c.language, "captions")
            for c in clip.captions.all()
        ]
        return {
            # Summaries only: an episode's text is its page's, and clients show notes short.
            "summary_text": clean(article.standfirst),
            "content_html": None,
            "authors": [(clean(b.author.title), None) for b in article.bylines.all()],
            "image": None,
            "duration": round(clip.duration),
            "transcripts": transcripts,
        }


def feed(request: HttpRequest, page_path: str) -> HttpResponse:
    """The podcast feed of the live, public program at ``page_path``."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    root = site.root_page.url_path
    program = ProgramPage.objects.live().public().filter(url_path=root + page_path).first()
    if program is None or program.service is None:
        raise Http404
    service = program.service
    service.activate(request)
    source = Source(
        program,
        service,
        clean(f"{program.title} — {service.title}"),
        program.intro or program.title,
        program.episodes(),
    )
    response = PodcastFeed()(request, source=source)
    mark_storable(request, response)
    return response
