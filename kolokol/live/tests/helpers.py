"""Live blogs and posts for the tests."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from django.utils import timezone

from kolokol.articles.models import ArticleAuthor
from kolokol.live.models import LiveBlogPage, LivePost
from kolokol.sections.models import SectionPage
from kolokol.testing import factories

_numbers = count(1)


def live_blog(home, *, title: str = "Storm over the coast", **fields) -> LiveBlogPage:
    n = next(_numbers)
    fields.setdefault("slug", f"live-{n}")
    fields.setdefault("standfirst", "Rain, wind and closed roads, as it happens.")
    fields.setdefault("live_from", timezone.now() - timedelta(hours=1))
    page = LiveBlogPage(
        title=title,
        body=[{"type": "paragraph", "value": "<p>We follow the storm through the night.</p>"}],
        **fields,
    )
    page.bylines = [ArticleAuthor(author=factories.author(home))]
    SectionPage.objects.child_of(home).first().add_child(instance=page)
    return factories.publish(page)


def post(page, text: str = "The harbour road is closed.", **fields) -> LivePost:
    fields.setdefault("status", LivePost.Status.PUBLISHED)
    if fields["status"] == LivePost.Status.PUBLISHED:
        fields.setdefault("posted_at", timezone.now())
    return LivePost.objects.create(
        page=page, body=[{"type": "paragraph", "value": f"<p>{text}</p>"}], **fields
    )


def many_posts(page, number: int, start=None) -> list[LivePost]:
    """``number`` published posts a minute apart, oldest first, without the publisher."""
    start = start or timezone.now() - timedelta(minutes=number + 1)
    posts = [
        LivePost(
            page=page,
            headline=f"Update {n}",
            body=[{"type": "paragraph", "value": f"<p>Update number {n}.</p>"}],
            status=LivePost.Status.PUBLISHED,
            posted_at=start + timedelta(minutes=n),
        )
        for n in range(1, number + 1)
    ]
    return LivePost.objects.bulk_create(posts)
