"""Where an article's page for partner sites lives, for the publisher.

The article at ``/en/town/bridge/`` offers its copy at
``/en/town/bridge/republish/``: inside the article's own folder, so
whatever takes the article's address away (unpublishing, a move, a new
slug) takes the copy with it.
"""

from __future__ import annotations

REPUBLISH = "republish"


def republish_url(article_url: str | None) -> str:
    """The partners' page of the article at ``article_url`` ("" without an address)."""
    return f"{article_url}{REPUBLISH}/" if article_url else ""


def article_urls(article) -> list[str]:
    """The partners' page to render when an article is published: only where it may be copied."""
    url = republish_url(article.url)
    return [url] if url and article.republishable else []


def withdrawn_urls(article) -> list[str]:
    """The partners' page to drop without rendering: republishing is off (article or service)."""
    url = republish_url(article.url)
    return [url] if url and not article.republishable else []
