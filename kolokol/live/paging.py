"""The posts of a live blog in pages that stay put.

As with section archives (``kolokol.core.pages.Listing``), archive pages are
numbered from the oldest post: ``page/1/`` holds the first twenty posts for
good. A new post changes the front and the newest archive page (and the one
before, whose "newer" link may now lead to a new page), never the others, so
two thousand posts cost a new post three stored pages, not a hundred.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from kolokol.core.pages import Listing, archive_page_of


def posts_page(page, number: int | None = None, per_page: int | None = None) -> Listing:
    """The front (``number`` None) or archive page ``number`` of ``page``'s posts."""
    from kolokol.live.models import POSTS_PER_PAGE

    per_page = per_page or POSTS_PER_PAGE
    posts = page.published_posts().select_related("author")
    total = posts.count()
    pages = archive_page_of(max(total - 1, 0), per_page)
    if number is None:
        return Listing(list(posts.order_by("-posted_at", "-pk")[:per_page]), total, pages, None)
    if not 1 <= number <= pages or total == 0:
        raise Http404
    oldest_first = posts.order_by("posted_at", "pk")[(number - 1) * per_page : number * per_page]
    return Listing(list(reversed(oldest_first)), total, pages, number)


def position_of(post) -> int:
    """The post's 0-based place among its page's published posts, counted from the oldest."""
    before = Q(posted_at__lt=post.posted_at) | Q(posted_at=post.posted_at, pk__lt=post.pk)
    return post.page.published_posts().filter(before).count()
