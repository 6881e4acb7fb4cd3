"""What a page tells search engines and social networks about itself, in its <head>.

Canonical address, OpenGraph, Twitter card, hreflang alternates and, on
articles, schema.org NewsArticle as JSON-LD. JSON-LD is data, not script:
the browser never runs it, so the strict CSP (no inline script) still holds.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

from kolokol.core.middleware import is_admin_path
from kolokol.core.pages import description
from kolokol.media import renditions
from kolokol.multimedia import facts
from kolokol.seo.absolute import absolute
from kolokol.seo.alternates import article_alternates, service_alternates

# OpenGraph wants language_TERRITORY; the territory each service mostly writes for.
OG_LOCALES = {"ru": "ru_RU", "en": "en_GB", "ky": "ky_KG", "fa": "fa_IR"}
# Big enough for Google Discover and every social network's large card, and
# the rendition the article page's <picture> already uses (a mirror copies it).
# The same rendition as the article picture's widest JPEG (kolokol.media.renditions).
SHARE_IMAGE = "width-1280|format-jpeg"
# Every other page (and an article without a picture) is shared with the
# site's card: the bell on paper, no words, so it suits every language.
SITE_CARD = ("core/share-card.png", 1200, 630)
# Keeps a reader-supplied string from closing the <script> element it sits in,
# as Django's json_script does.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict[str, Any]) -> SafeString:
    """``data`` as JSON safe to put between <script type="application/ld+json"> tags."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_JSON_ESCAPES))  # noqa: S308 (<, >, & escaped above)


def for_context(context: dict[str, Any]) -> dict[str, Any]:
    """The head's data for the page a template renders (empty for anything else)."""
    from kolokol.articles.models import ArticlePage
    from kolokol.services.models import PortalPage, ServiceHomePage

    request, page = context.get("request"), context.get("page")
    if request is None or page is None or not hasattr(page, "url_path"):
        return {}
    service = context.get("service")
    path = page.url if is_admin_path(request.path) else request.path
    canonical = absolute(path) if path else None
    topic = context.get("topic")
    head: dict[str, Any] = {
        "canonical": canonical,
        "type": "website",
        "title": topic.name if topic is not None else (page.seo_title or page.title),
        "description": description(page),
        "site_name": service.title if service else settings.WAGTAIL_SITE_NAME,
        "locale": _og_locale(service.language if service else settings.LANGUAGE_CODE),
        "alternates": [],
    }
    on_own_address = path == page.url
    if isinstance(page, ServiceHomePage | PortalPage) and on_own_address and canonical:
        head["alternates"] = service_alternates()
    if isinstance(page, ArticlePage) and service is not None:
        head.update(_article(page, service, canonical, context))
    if not head.get("image"):
        head["image"] = _site_card(head["site_name"])
    return head


def _site_card(site_name: str) -> dict[str, Any] | None:
    path, width, height = SITE_CARD
    url = absolute(static(path))
    return {"url": url, "width": width, "height": height, "alt": site_name} if url else None


def _og_locale(language: str) -> str:
    return OG_LOCALES.get(language, language.replace("-", "_"))


def _image(article) -> dict[str, Any] | None:
    image = article.lead_image
    if image is None:
        return None

    def share() -> tuple[tuple[str, int, int], bool]:
        rendition = image.get_rendition(SHARE_IMAGE)
        return (rendition.url, rendition.width, rendition.height), True

    path, width, height = renditions.remembered(image, ("share", SHARE_IMAGE), share)
    url = absolute(path)
    if url is None:
        return None
    return {"url": url, "width": width, "height": height, "alt": image.description}


def _clip(page, published) -> dict[str, Any] | None:
    """The lead video or audio as schema.org's VideoObject or AudioObject."""
    clip = getattr(page, "lead_clip", None)
    if clip is None or not clip.ready or published is None:
        return None
    file = facts.offered(clip)
    data: dict[str, Any] = {
        "@type": "VideoObject" if clip.is_video else "AudioObject",
        "name": clip.title,
        "description": description(page),
        "uploadDate": published.isoformat(),
        "duration": facts.iso_duration(clip.duration),
        "inLanguage": page.service.language,
    }
    if file is not None:
        data["contentUrl"] = absolute(file.url)
        data["encodingFormat"] = file.mime_type
    poster = facts.poster(clip)
    if poster is not None:
        data["thumbnailUrl"] = [absolute(poster.url)]
    if clip.transcript.strip():
        data["transcript"] = clip.transcript.strip()
    return data


def _article(page, service, canonical: str | None, context: dict[str, Any]) -> dict[str, Any]:
    published = page.first_published_at
    modified = page.updated_at or published
    section = page.section
    tags = [tag for tag, _url in context.get("topics", [])]
    image = _image(page)
    head = {
        "type": "article",
        "image": image,
        "published": published,
        "modified": modified,
        "section": section.title,
        "tags": [tag.name for tag in tags],
        "alternates": article_alternates(page),
    }
    if canonical is None or published is None:
        return head  # a mirror without an address, or a preview: no JSON-LD
    authors = page.authors()
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": description(page),
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "author": [
            {"@type": "Person", "name": author.title, "url": absolute(author.url)}
            for author in authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": service.title,
            "url": absolute(service.url),
            "logo": {"@type": "ImageObject", "url": absolute(static("core/favicon.svg"))},
        },
        "inLanguage": service.language,
        "isAccessibleForFree": True,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "articleSection": section.title,
    }
    if image:
        data["image"] = [image["url"]]
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    clip = _clip(page, published)
    if clip:
        data["video" if clip["@type"] == "VideoObject" else "audio"] = clip
    # A kind of article above this app (a live blog, a fact-check) says what
    # it is in its own schema.org terms, from the NewsArticle data.
    linked_data = getattr(page, "linked_data", None)
    if linked_data is not None:
        data = linked_data(data, canonical)
    head["json_ld"] = json_ld(data)
    return head
