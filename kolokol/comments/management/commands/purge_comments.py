"""kolokol purge_comments: forget what the comment system need not keep.

Deletes rejected and spam comments older than KOLOKOL_COMMENT_RETENTION_DAYS
(counted from their moderation), and every like token and daily salt from
before today, after which a day's likes can no longer be tied to anyone.
The worker runs it every hour.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from kolokol.comments.models import Comment, LikeToken, State
from kolokol.core.readers import forget_days_before, today


class Command(BaseCommand):
    help = "Delete old rejected and spam comments and yesterday's like tokens."

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.KOLOKOL_COMMENT_RETENTION_DAYS)
        refused = Comment.objects.filter(state__in=[State.REJECTED, State.SPAM]).filter(
            Q(moderated_at__lt=cutoff) | Q(moderated_at__isnull=True, created_at__lt=cutoff)
        )
        comments, _ = refused.delete()
        tokens, _ = LikeToken.objects.filter(day__lt=today()).delete()
        salts = forget_days_before(today())
        if options["verbosity"] > 1:
            self.stdout.write(f"{comments} comments, {tokens} like tokens, {salts} salts deleted")
