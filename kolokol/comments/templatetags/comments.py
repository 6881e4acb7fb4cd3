"""The comments, likes and share links under an article."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse

from kolokol.comments import likes, text
from kolokol.comments.models import SHARE_NETWORKS, Comment, CommentPolicy
from kolokol.comments.views import share_url
from kolokol.core import mirroring

register = template.Library()

STATUS_MESSAGES = {"pending", "published"}


@register.filter
def comment_text(value: str):
    """A comment's text as escaped HTML with links (``rel="nofollow ugc noopener"``)."""
    return text.render(value or "")


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context, article):
    request = context.get("request")
    service = article.service
    policy = CommentPolicy.for_service(service)
    approved = list(Comment.objects.approved().filter(article=article).order_by("created_at", "pk"))
    threads = [c for c in approved if c.parent_id is None]
    replies: dict[int, list[Comment]] = {}
    for comment in approved:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    for comment in threads:
        comment.shown_replies = replies.get(comment.pk, [])
    count = sum(1 + len(c.shown_replies) for c in threads)
    url = settings.KOLOKOL_BASE_URL + article.url
    # Sharing to a network sends the page's full address: on a mirror its
    # own; a mirror exported without an address gets none (only "copy link",
    # which copies whatever address the reader has open).
    shared = mirroring.public_address(article.url)
    names = dict(SHARE_NETWORKS)
    query = request.GET if request is not None else {}
    status = query.get("comment")
    return {
        "article": article,
        "service": service,
        "policy": policy,
        "open": policy.is_open(article),
        "threads": threads,
        "count": count,
        "article_likes": likes.article_likes(article),
        "form_url": reverse("comment_form", args=[service.slug, article.pk]) if service else "",
        "like_url": reverse("like", args=[service.slug, article.pk]) if service else "",
        # "Copy link" is the page's own address, relative so that on a static
        # mirror it copies the mirror's address (the origin may be blocked).
        "shares": [
            (n, names[n], article.url if n == "copy" else share_url(n, shared, article.title))
            for n in policy.networks
            if n == "copy" or shared
        ],
        "status": status if status in STATUS_MESSAGES else None,
        "liked": query.get("liked") if query.get("liked") in {"0", "1"} else None,
        "main_site": url,
        "mirrors": service.mirrors if service else [],
    }
