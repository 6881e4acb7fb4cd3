"""A live blog as schema.org ``LiveBlogPosting``, for search engines' live labels."""

from __future__ import annotations

from typing import Any

from django.utils.html import strip_tags

# The updates listed in the page's data: the ones on the front.
UPDATES_IN_DATA = 20


def post_text(post) -> str:
    """The post's words without markup, for machines."""
    parts = []
    for block in post.body:
        if block.block_type == "paragraph":
            parts.append(strip_tags(block.value.source))
        elif block.block_type == "quote":
            parts.append(block.value["text"])
    return " ".join(" ".join(parts).split())


def live_blog_posting(page, data: dict[str, Any], canonical: str) -> dict[str, Any]:
    """``data`` (the article's NewsArticle) turned into a LiveBlogPosting with its updates."""
    data = {**data, "@type": "LiveBlogPosting", "coverageStartTime": page.live_from.isoformat()}
    if page.live_until is not None:
        data["coverageEndTime"] = page.live_until.isoformat()
    if not canonical.endswith(page.url):
        # An archive page of posts: it must not change with every new post.
        return data
    posts = page.posts_page().object_list[:UPDATES_IN_DATA]
    if posts:
        data["dateModified"] = max(data["dateModified"], posts[0].posted_at.isoformat())
    data["liveBlogUpdate"] = [
        {
            "@type": "BlogPosting",
            "headline": (post.headline or post.summary(100))[:110],
            "datePublished": post.posted_at.isoformat(),
            "url": f"{canonical}#{post.anchor}",
            "articleBody": post_text(post),
            **({"author": {"@type": "Person", "name": post.author.title}} if post.author else {}),
        }
        for post in posts
    ]
    return data
