"""The three feed formats, as Django feed generators.

Django's RSS and Atom writers cover the channel and the usual item
elements; ours add what a news feed needs on top: the full text
(``content:encoded`` in RSS, ``content`` in Atom), every author of a
shared byline, and the lead image as ``media:content``. JSON Feed 1.1
(https://www.jsonfeed.org/version/1.1/) is written from the same items, so
the three formats can never disagree.

Items carry these keys beyond Django's own (see ``ListingFeed.item_extra_kwargs``):
``content_html`` (None when the service publishes summaries only),
``summary_text`` (the standfirst as plain text), ``authors`` (pairs of name
and absolute URL, None for an author without a live page), ``image`` (a ``LeadImage`` or None).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.utils import feedgenerator
from django.utils.feedgenerator import rfc3339_date

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class LeadImage:
    url: str
    length: int
    mime_type: str
    width: int
    height: int
    alt: str
    credit: str


def _media_content(handler, image: LeadImage | None) -> None:
    if image is None:
        return
    attrs = {
        "url": image.url,
        "type": image.mime_type,
        "medium": "image",
        "fileSize": str(image.length),
        "width": str(image.width),
        "height": str(image.height),
    }
    handler.startElement("media:content", attrs)
    if image.alt:
        handler.addQuickElement("media:description", image.alt, {"type": "plain"})
    if image.credit:
        handler.addQuickElement("media:credit", image.credit)
    handler.endElement("media:content")


class RssFeed(feedgenerator.Rss201rev2Feed):
    def rss_attributes(self) -> dict[str, str]:
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        # RSS's own <author> must be an e-mail address, which we never
        # publish; Dublin Core's creator takes a name, one per author.
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item["content_html"] is not None:
            handler.addQuickElement("content:encoded", item["content_html"])
        _media_content(handler, item["image"])


class AtomFeed(feedgenerator.Atom1Feed):
    def root_attributes(self) -> dict[str, str]:
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if url:
                handler.addQuickElement("uri", url)
            handler.endElement("author")
        if item["content_html"] is not None:
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        _media_content(handler, item["image"])


class JsonFeed(feedgenerator.SyndicationFeed):
    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding) -> None:
        feed = self.feed
        document = {
            "version": JSON_FEED_VERSION,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
            "items": [self.item(item) for item in self.items],
        }
        outfile.write(json.dumps(document, ensure_ascii=False, indent=1))

    def item(self, item) -> dict:
        entry = {
            "id": item["unique_id"],
            "url": item["link"],
            "title": item["title"],
            "summary": item["summary_text"],
            "date_published": rfc3339_date(item["pubdate"]),
            "date_modified": rfc3339_date(item["updateddate"] or item["pubdate"]),
            "authors": [
                {"name": name, **({"url": url} if url else {})} for name, url in item["authors"]
            ],
            "tags": list(item["categories"]),
        }
        # One of the two is required; summaries-only services send the standfirst.
        if item["content_html"] is not None:
            entry["content_html"] = item["content_html"]
        else:
            entry["content_text"] = item["summary_text"]
        if item["image"] is not None:
            entry["image"] = item["image"].url
        return entry
