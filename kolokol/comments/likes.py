"""Likes without accounts: one per reader, item and day, counted for good."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from kolokol.comments.models import ArticleLikes, Comment, LikeToken
from kolokol.core.readers import today


def like(*, item: str, reader: str, article, comment: Comment | None = None) -> bool:
    """Count a like unless this reader already liked ``item`` today; True if counted."""
    try:
        with transaction.atomic():
            LikeToken.objects.create(day=today(), item=item, reader=reader)
            if comment is not None:
                Comment.objects.filter(pk=comment.pk).update(likes=F("likes") + 1)
            else:
                ArticleLikes.objects.get_or_create(article_id=article.pk)
                ArticleLikes.objects.filter(article_id=article.pk).update(count=F("count") + 1)
    except IntegrityError:
        return False
    return True


def article_likes(article) -> int:
    row = ArticleLikes.objects.filter(article_id=article.pk).first()
    return row.count if row else 0
