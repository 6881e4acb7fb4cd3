"""Articles in IPTC's ninjs 2.0 (https://iptc.org/std/ninjs/) for syndication partners.

The same articles, filters and cursors as ``/api/v1/articles/``, each shaped
as a complete ninjs news item: headline, standfirst, HTML body, byline,
topics as subjects and the lead picture as an association with renditions.
"""

# No ``from __future__ import annotations`` here: Ninja and Pydantic read these
# annotations at import time to build the validators and the OpenAPI schema.

from typing import Any

from django.http import HttpRequest
from django.utils.html import strip_tags
from ninja import Path, Query, Router
from ninja.pagination import paginate

from kolokol.api import representation, schemas, selectors
from kolokol.api.filters import ArticleFilters
from kolokol.api.pagination import ArticleCursor
from kolokol.articles.models import ArticlePage
from kolokol.multimedia import facts

NINJS_VERSION = "2.0"
NINJS_SCHEMA = "https://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"

router = Router(tags=["ninjs"])
ARTICLE_ID = Path(..., ge=1, le=schemas.MAX_ID)


# Items are described by IPTC's own schema (NINJS_SCHEMA), not restated here.
NinjsItem = dict[str, Any]


def item(request: HttpRequest, article: ArticlePage) -> dict[str, Any]:
    """``article`` (with its places attached) as a ninjs 2.0 object."""
    home = article.service
    url = representation.page_url(request, article)
    names = [byline.author.title for byline in article.bylines.all()]
    html = representation.body_html(request, article)
    text = strip_tags(html)
    data: dict[str, Any] = {
        "uri": url,
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        # The live revision's id grows with every publication of the article.
        "version": str(article.live_revision_id or 1),
        "firstcreated": article.first_published_at.isoformat(),
        "versioncreated": (article.last_published_at or article.first_published_at).isoformat(),
        "contentcreated": article.first_published_at.isoformat(),
        "pubstatus": "usable",
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": article.title}],
        "descriptions": [
            {"role": "summary", "contenttype": "text/plain", "value": article.standfirst}
        ],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": html,
                "charcount": len(text),
                "wordcount": len(text.split()),
            }
        ],
        "people": [
            {
                "name": byline.author.title,
                "rel": "author",
                **(
                    {"uri": representation.page_url(request, byline.author)}
                    if byline.author.live
                    else {}
                ),
            }
            for byline in article.bylines.all()
        ],
        "subjects": [
            {"name": tag.name, "rel": "about", "literal": tag.slug}
            for tag in representation.topics_of(article)
        ],
    }
    if article.kicker:
        data["headlines"].append(
            {"role": "kicker", "contenttype": "text/plain", "value": article.kicker}
        )
    if home is not None:
        data["language"] = home.language
    if names:
        data["by"] = ", ".join(names)
    if article.dateline:
        data["located"] = article.dateline
    associations = []
    picture = representation.lead_image(request, article)
    if picture is not None:
        associations.append(lead_picture(picture))
    clip = article.lead_clip
    if clip is not None and clip.ready:
        associations.append(lead_clip(request, clip))
    if associations:
        data["associations"] = associations
    return data


def lead_clip(request: HttpRequest, clip) -> dict[str, Any]:
    """A video or audio story's recording, every rendition listed, lightest first."""
    kind = "video" if clip.is_video else "audio"
    standard = facts.offered(clip)
    association: dict[str, Any] = {
        "name": f"lead{kind}",
        "uri": representation.absolute(request, standard.url if standard else clip.lightest().url),
        "type": kind,
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": clip.title}],
        "renditions": [
            {
                "name": rendition.name,
                "href": representation.absolute(request, rendition.url),
                "contenttype": rendition.mime_type,
                "sizeinbytes": rendition.size,
                **(
                    {"width": rendition.width, "height": rendition.height}
                    if rendition.height
                    else {}
                ),
            }
            for rendition in [*clip.playable(), *filter(None, [clip.hls()])]
        ],
    }
    if clip.transcript.strip():
        association["descriptions"] = [
            {"role": "transcript", "contenttype": "text/plain", "value": clip.transcript.strip()}
        ]
    if clip.credit:
        association["by"] = clip.credit
    return association


def lead_picture(picture: dict[str, Any]) -> dict[str, Any]:
    descriptions = [{"role": "alttext", "contenttype": "text/plain", "value": picture["alt"]}]
    if picture.get("caption"):
        descriptions.append(
            {"role": "caption", "contenttype": "text/plain", "value": picture["caption"]}
        )
    association = {
        "name": "leadpicture",
        "uri": picture["url"],
        "type": "picture",
        "descriptions": descriptions,
        "renditions": [
            {
                "name": f"w{rendition['width']}",
                "href": rendition["url"],
                "contenttype": "image/jpeg",
                "width": rendition["width"],
                "height": rendition["height"],
            }
            for rendition in picture["renditions"]
        ],
    }
    if picture["credit"]:
        association["by"] = picture["credit"]
    return association


class NinjsCursor(ArticleCursor):
    def represent(self, request: HttpRequest, article: ArticlePage) -> dict[str, Any]:
        return item(request, article)


@router.get("/articles/", response={200: list[NinjsItem], **schemas.ERRORS})
@paginate(NinjsCursor)
def list_items(request: HttpRequest, filters: Query[ArticleFilters]):
    """Published articles as ninjs items, newest first; same filters and cursors as /articles/."""
    return filters.apply(selectors.articles())


@router.get("/articles/{article_id}/", response={200: NinjsItem, **schemas.ERRORS})
def get_item(request: HttpRequest, article_id: int = ARTICLE_ID):
    """One published article as a ninjs item."""
    return item(request, selectors.article(article_id))
