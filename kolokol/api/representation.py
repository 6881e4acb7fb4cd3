"""Pages and pictures as plain data: what the JSON and ninjs views put out.

Every address is absolute (a client may be anywhere), and the body comes
twice: as the editors' blocks (type and value) and as the HTML the site shows.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from wagtail.fields import StreamValue
from wagtail.rich_text import expand_db_html

from kolokol.api.selectors import RENDITIONS
from kolokol.articles.models import ArticlePage
from kolokol.core.links import prefix_links
from kolokol.media.models import NewsImage


def absolute(request: HttpRequest, url: str) -> str:
    return request.build_absolute_uri(url)


def image(request: HttpRequest, picture: NewsImage | None, **extra: Any) -> dict | None:
    """A picture in the sizes of :data:`RENDITIONS`, the largest first as ``url``."""
    if picture is None:
        return None
    renditions = [
        {"url": absolute(request, r.url), "width": r.width, "height": r.height}
        for r in picture.get_renditions(*RENDITIONS).values()
    ]
    renditions.sort(key=lambda r: r["width"], reverse=True)
    return {
        "id": picture.pk,
        **renditions[0],
        # Never empty: the site requires alt text on every image.
        "alt": picture.description,
        "credit": picture.credit,
        **extra,
        "renditions": renditions,
    }


def lead_image(request: HttpRequest, article: ArticlePage) -> dict | None:
    return image(request, article.lead_image, caption=article.lead_image_caption)


def body_blocks(request: HttpRequest, body: StreamValue) -> list[dict[str, Any]]:
    """The StreamField as ``{"id", "type", "value"}`` blocks, pictures resolved."""
    blocks = []
    for block in body:
        if block.block_type == "image":
            value: Any = photo(request, block.value)
        elif block.block_type == "gallery":
            value = {
                "title": block.value["title"],
                "photos": [photo(request, each) for each in block.value["photos"]],
            }
        elif block.block_type == "paragraph":
            # Internal links expanded to their pages' addresses, as on the site.
            value = absolute_html(request, block.value.__html__())
        else:
            value = block.block.get_api_representation(block.value)
        blocks.append({"id": block.id, "type": block.block_type, "value": value})
    return blocks


def photo(request: HttpRequest, value) -> dict[str, Any]:
    """An image block's value, or a gallery's photo: picture, caption and credit."""
    picture = value["image"]
    return {
        "image": image(request, picture),
        "caption": value["caption"],
        "credit": value["credit"] or (picture.credit if picture else ""),
    }


def body_html(request: HttpRequest, article: ArticlePage) -> str:
    """The body as the article page renders it, in the service's language."""
    language = article.service.language if article.service else None
    with translation.override(language):
        html = article.body.render_as_block()
    return absolute_html(request, str(html))


def absolute_html(request: HttpRequest, html: str) -> str:
    """Make the site-relative addresses in ``html`` absolute."""
    return prefix_links(html, absolute(request, "/"))


def page_url(request: HttpRequest, page) -> str | None:
    return page.get_full_url(request) if page is not None else None


def service(request: HttpRequest, home) -> dict[str, Any]:
    return {
        "id": home.pk,
        "slug": home.slug,
        "title": home.title,
        "tagline": home.tagline,
        "language": home.language,
        "time_zone": home.time_zone,
        "url": page_url(request, home),
    }


def section(request: HttpRequest, page) -> dict[str, Any]:
    return {
        "id": page.pk,
        "slug": page.slug,
        "title": page.title,
        "intro": page.intro,
        "service": page.service.slug if page.service else None,
        "url": page_url(request, page),
    }


def author(request: HttpRequest, page) -> dict[str, Any]:
    return {
        "id": page.pk,
        "name": page.title,
        "role": page.role,
        "bio": absolute_html(request, expand_db_html(page.bio)),
        "service": page.service.slug if page.service else None,
        "photo": image(request, page.photo),
        "url": page_url(request, page),
    }


def topic(tag) -> dict[str, Any]:
    return {"name": tag.name, "slug": tag.slug}


def summary(request: HttpRequest, article: ArticlePage) -> dict[str, Any]:
    """An article as lists show it (see :func:`kolokol.api.selectors.attach_places`)."""
    home = article.service
    place = getattr(article, "api_section", None)
    return {
        "id": article.pk,
        "url": page_url(request, article),
        "service": home.slug if home else None,
        "language": home.language if home else None,
        "section": (
            {"id": place.pk, "title": place.title, "url": page_url(request, place)}
            if place
            else None
        ),
        "headline": article.title,
        "kicker": article.kicker,
        "standfirst": article.standfirst,
        "dateline": article.dateline,
        "authors": [
            {
                "id": byline.author.pk,
                "name": byline.author.title,
                "url": page_url(request, byline.author) if byline.author.live else None,
            }
            for byline in article.bylines.all()
        ],
        "topics": [topic(tag) for tag in topics_of(article)],
        "lead_image": lead_image(request, article),
        "first_published_at": article.first_published_at,
        "updated_at": article.updated_at,
    }


def detail(request: HttpRequest, article: ArticlePage) -> dict[str, Any]:
    return {
        **summary(request, article),
        "body": body_blocks(request, article.body),
        "body_html": body_html(request, article),
    }


def topics_of(article: ArticlePage) -> list:
    """The article's topics by name, from the prefetched tags (taggit cannot order a prefetch)."""
    return sorted(article.tags.all(), key=lambda tag: tag.name.casefold())
