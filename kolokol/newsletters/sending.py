"""Sending an issue to its subscribers: one SMTP connection, one mail per reader, resumable.

Subscribers are written to in the order of their ids and the issue keeps
the last one done, saved every few mails: a task retried after the mail
server went away goes on where it stopped, and a reader gets an issue once
(at worst a few readers twice, if the worker itself dies between saves).

A reader's server refusing the address for good (5xx) suppresses it at
once; refusing for a while (4xx) three sends in a row suppresses it too.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable

from django.core.mail import get_connection
from django.db.models import F, Q
from django.utils import timezone

from kolokol.newsletters import addresses, mail
from kolokol.newsletters.models import Issue, Subscriber, Suppression

logger = logging.getLogger(__name__)

SAVE_EVERY = 25
SOFT_BOUNCES_ALLOWED = 3


class MailServerUnavailable(RuntimeError):
    """The mail server could not be reached or stopped answering: try the rest later."""


def recipients(issue: Issue):
    """The confirmed subscribers this issue is for, not suppressed, in order of id."""
    wanted = Q(breaking=True) if issue.kind == Issue.Kind.BREAKING else Q(daily=True)
    return (
        Subscriber.objects.filter(wanted, service_id=issue.service_id, confirmed=True)
        .exclude(digest__in=Suppression.objects.values("digest"))
        .order_by("pk")
    )


def suppress(digest: str, reason: str) -> None:
    Suppression.objects.get_or_create(digest=digest, defaults={"reason": reason})


def refused(subscriber: Subscriber, code: int) -> None:
    if code >= 500:
        suppress(subscriber.digest, Suppression.Reason.BOUNCE)
        return
    Subscriber.objects.filter(pk=subscriber.pk).update(soft_bounces=F("soft_bounces") + 1)
    if subscriber.soft_bounces + 1 >= SOFT_BOUNCES_ALLOWED:
        suppress(subscriber.digest, Suppression.Reason.BOUNCE)


def send(issue_id: int, progress: Callable[[int, int], None] | None = None) -> Issue:
    issue = Issue.objects.select_related("service").get(pk=issue_id)
    if issue.status == Issue.Status.SENT:
        return issue
    todo = recipients(issue)
    issue.status = Issue.Status.SENDING
    issue.attempts += 1
    issue.error = ""
    if not issue.last_subscriber:
        issue.recipients = todo.count()
    issue.save(update_fields=["status", "attempts", "error", "recipients"])
    composed = mail.compose(issue)
    connection = get_connection(fail_silently=False)

    def save_progress(**extra) -> None:
        Issue.objects.filter(pk=issue.pk).update(
            sent=issue.sent, refused=issue.refused, last_subscriber=issue.last_subscriber, **extra
        )

    try:
        connection.open()
        for done, subscriber in enumerate(
            todo.filter(pk__gt=issue.last_subscriber).iterator(chunk_size=500), start=1
        ):
            address = addresses.unseal(subscriber.sealed_address)
            message = composed.message(subscriber.pk, address, connection)
            try:
                connection.send_messages([message])
            except smtplib.SMTPRecipientsRefused as refusal:
                code = next(iter(refusal.recipients.values()))[0]
                refused(subscriber, code)
                issue.refused += 1
            except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as refusal:
                if refusal.smtp_code < 500:
                    raise  # the server is busy: the rest later
                refused(subscriber, refusal.smtp_code)
                issue.refused += 1
            else:
                issue.sent += 1
                if subscriber.soft_bounces:
                    Subscriber.objects.filter(pk=subscriber.pk).update(soft_bounces=0)
            issue.last_subscriber = subscriber.pk
            if done % SAVE_EVERY == 0:
                save_progress()
                if progress:
                    progress(issue.sent + issue.refused, issue.recipients)
    except (OSError, smtplib.SMTPException) as error:
        logger.warning(
            "newsletter %s: mail server: %s; %d sent so far", issue.pk, error, issue.sent
        )
        save_progress(status=Issue.Status.QUEUED, error=str(error)[:500])
        raise MailServerUnavailable(str(error)) from error
    finally:
        connection.close()
    issue.status = Issue.Status.SENT
    issue.finished_at = timezone.now()
    save_progress(status=issue.status, finished_at=issue.finished_at)
    if progress:
        progress(issue.sent + issue.refused, issue.recipients)
    return issue
