"""The addresses of a live blog a post changes, for the publisher and mirrors."""

from __future__ import annotations

from kolokol.core.pages import archive_page_of

# The small file an open page polls for news, and the posts' own feeds.
UPDATES_FILE = "updates.json"
FEED_FILES = ("posts.atom", "posts.rss")


def page_files(page) -> list[str]:
    """The live blog's files beside its page: the poll file and its feeds."""
    url = page.url
    if not url:
        return []
    return [url + UPDATES_FILE, *(url + name for name in FEED_FILES)]


def archive_urls(page) -> list[str]:
    """Every archive page of the posts (a full re-render, a mirror)."""
    from kolokol.live.models import POSTS_PER_PAGE

    total = page.published_posts().count()
    if total <= POSTS_PER_PAGE:
        return []
    pages = archive_page_of(total - 1, POSTS_PER_PAGE)
    return [f"{page.url}page/{number}/" for number in range(1, pages + 1)]


def post_urls(post, *, shifted: bool) -> tuple[list[str], list[str]]:
    """What a post's publish, edit or withdrawal changes: (urls to render, trees to drop).

    The front, the newest archive page and the one before it, the page
    holding the post, and the page's files. ``shifted``: the post left the
    published ones (withdrawn, deleted), so every archive page after it
    moved by one and they all go, to render again when asked for.
    """
    from kolokol.live.models import POSTS_PER_PAGE
    from kolokol.live.paging import position_of

    page = post.page
    url = page.url
    if not url or not page.live:
        return [], []
    total = page.published_posts().count()
    newest = archive_page_of(max(total - 1, 0), POSTS_PER_PAGE)
    numbers = {newest, max(newest - 1, 1)}
    if post.posted_at is not None and not shifted:
        numbers.add(archive_page_of(position_of(post), POSTS_PER_PAGE))
    urls = [url]
    if total > POSTS_PER_PAGE:
        urls += [f"{url}page/{number}/" for number in sorted(numbers)]
    purge = [f"{url}page/"] if shifted else []
    return [*urls, *page_files(page)], purge
