"""Writing comments: taking one from a reader, and moderators' decisions.

Every change a reader could see ends in ``publish_article``, whose signal
has the publisher render the article again once the transaction commits; that is
how an approved comment reaches the stored page within seconds.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from kolokol.comments.models import Comment, CommentPolicy, Moderation, State
from kolokol.comments.signals import article_comments_changed


def log_title(comment: Comment) -> str:
    """How the history log names a comment: by number, never by its words.

    The log outlives the comment (a deletion, the retention purge), and
    Wagtail's site history is not scoped by service.
    """
    return _("Comment #%(number)d") % {"number": comment.pk}


def publish_article(article) -> None:
    """Have the article page rendered again (its comments changed)."""
    article_comments_changed.send(sender=Comment, article=article)


def submit(*, article, policy: CommentPolicy, name: str, body: str, parent=None) -> Comment:
    """Keep a comment that passed every check; shown at once under post-moderation."""
    approved = policy.moderation == Moderation.POST
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        name=name,
        body=body,
        state=State.APPROVED if approved else State.PENDING,
    )
    if approved:
        publish_article(article)
    return comment


@transaction.atomic
def decide(comments: Iterable[Comment], action: str, user=None) -> int:
    """Approve, reject, mark as spam or delete ``comments``; returns how many changed.

    Each decision is logged in Wagtail's history with the moderator's name.
    """
    states = {"approve": State.APPROVED, "reject": State.REJECTED, "spam": State.SPAM}
    changed = 0
    articles = {}
    for comment in comments:
        was_visible = comment.state == State.APPROVED
        if action in states and comment.state == states[action]:
            continue
        if action == "delete":
            log(instance=comment, action="comments.delete", user=user, title=log_title(comment))
            comment.delete()
        elif action in states:
            log(instance=comment, action=f"comments.{action}", user=user, title=log_title(comment))
            comment.state = states[action]
            comment.moderated_at = timezone.now()
            comment.save(update_fields=["state", "moderated_at"])
        else:
            raise ValueError(f"unknown moderation action {action!r}")
        changed += 1
        if was_visible or action == "approve":
            articles[comment.article_id] = comment.article
    for article in articles.values():
        publish_article(article)
    return changed
