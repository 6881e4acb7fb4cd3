"""Loading the demo live blogs (``content_live``) into a service."""

from __future__ import annotations

from datetime import timedelta

from kolokol.articles.models import ArticleAuthor
from kolokol.demo.content_live import LIVE_BLOGS
from kolokol.live.models import LiveBlogPage, LivePost


def load(home, sections: dict, authors: dict, started, make_image, publish) -> None:
    """The service's demo live blog, live since a few hours before ``started``."""
    spec = LIVE_BLOGS.get(home.language)
    if spec is None:
        return
    section = sections[spec["section"]]
    if LiveBlogPage.objects.child_of(section).filter(slug=spec["slug"]).exists():
        return
    live_from = started - timedelta(hours=spec["started_hours_ago"])
    page = LiveBlogPage(
        title=spec["title"],
        slug=spec["slug"],
        kicker=spec["kicker"],
        standfirst=spec["standfirst"],
        lead_image=make_image(spec["slug"], spec["image"], spec["slug"]),
        lead_image_caption=spec["image"]["caption"],
        body=[{"type": "paragraph", "value": spec["intro"]}],
        live_from=live_from,
        highlights=[{"type": "point", "value": point} for point in spec["highlights"]],
    )
    page.bylines = [ArticleAuthor(author=authors[slug]) for slug in spec["authors"]]
    section.add_child(instance=page)
    publish(page)
    LiveBlogPage.objects.filter(pk=page.pk).update(
        first_published_at=live_from, last_published_at=live_from
    )
    writers = [authors[slug] for slug in spec["authors"]]
    LivePost.objects.bulk_create(
        LivePost(
            page=page,
            headline=headline,
            body=[{"type": "paragraph", "value": f"<p>{text}</p>"}],
            key_update="key" in flags,
            pinned="pin" in flags,
            author=writers[index % len(writers)],
            status=LivePost.Status.PUBLISHED,
            posted_at=live_from + timedelta(minutes=minutes),
        )
        for index, (minutes, headline, text, flags) in enumerate(spec["posts"])
    )
