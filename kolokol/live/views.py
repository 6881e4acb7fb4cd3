"""A live blog's files: the small one open pages poll, and the feeds of its posts.

Both are stored like pages (``mark_storable``) and re-rendered with the
page on every post, so polling readers cost nothing but a static file,
here, on a mirror and on the onion address alike.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import feedgenerator, timezone
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from wagtail.models import Site

from kolokol.core.links import prefix_links
from kolokol.core.pages import mark_storable
from kolokol.feeds.feeds import clean, tag_uri
from kolokol.live.models import LiveBlogPage

FEED_ITEMS = 50
GENERATORS = {"posts.atom": feedgenerator.Atom1Feed, "posts.rss": feedgenerator.Rss201rev2Feed}


def _live_blog(request: HttpRequest, page_path: str) -> LiveBlogPage:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    url_path = site.root_page.url_path + page_path
    page = LiveBlogPage.objects.live().public().filter(url_path=url_path).first()
    if page is None or page.service is None:
        raise Http404
    page.service.activate(request)
    return page


def updates(request: HttpRequest, page_path: str) -> HttpResponse:
    """How many posts the live blog has and the newest one's number and time."""
    page = _live_blog(request, page_path)
    newest = page.published_posts().order_by("-posted_at", "-pk").first()
    body = {
        "count": page.published_posts().count(),
        "latest": newest.pk if newest else None,
        "latest_at": newest.posted_at.isoformat() if newest else None,
        "live": page.is_live(),
    }
    response = HttpResponse(json.dumps(body), content_type="application/json")
    mark_storable(request, response)
    return response


def feed(request: HttpRequest, page_path: str, name: str) -> HttpResponse:
    """The newest posts of the live blog as Atom or RSS, full text."""
    page = _live_blog(request, page_path)
    origin = settings.KOLOKOL_BASE_URL

    def absolute(url: str) -> str:
        return iri_to_uri(origin + url)

    service = page.service
    generator = GENERATORS[name](
        title=clean(f"{page.title} — {service.title}"),
        link=absolute(page.url),
        description=clean(page.standfirst),
        language=service.language,
        feed_url=absolute(request.path),
        feed_guid=tag_uri(page.first_published_at, f"live/{page.pk}"),
    )
    posts = page.published_posts().select_related("author").order_by("-posted_at", "-pk")
    for post in posts[:FEED_ITEMS]:
        body = render_to_string("live/post_body.html", {"post": post, "feed": True})
        generator.add_item(
            title=clean(post.headline or post.summary()),
            link=absolute(f"{page.url}#{post.anchor}"),
            description=prefix_links(body, origin),
            unique_id=tag_uri(post.posted_at, f"live/{page.pk}/post-{post.pk}"),
            unique_id_is_permalink=False,
            pubdate=timezone.localtime(post.posted_at),
            updateddate=timezone.localtime(max(post.posted_at, post.updated_at)),
            author_name=clean(post.author.title) if post.author else None,
            categories=[_("Key update")] if post.key_update else None,
        )
    response = HttpResponse(content_type=f"{generator.content_type}")
    generator.write(response, "utf-8")
    mark_storable(request, response)
    return response
