"""The newsletters' background work: sending issues, confirmation mail, the daily digest.

Sending runs in ``kolokol worker`` (django-tasks), never in a reader's or an
editor's request: 10,000 mails take minutes, and a mail server that is away
for an hour must not lose an issue. An issue whose server is unreachable is
tried again with growing pauses, from where it stopped; after the last try
it shows as failed in Newsletters, where an editor can send the rest.
"""

from __future__ import annotations

import logging
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from kolokol.articles.models import ArticlePage
from kolokol.newsletters import addresses, mail, sending
from kolokol.newsletters.models import Issue, Subscriber
from kolokol.services.models import ServiceHomePage

logger = logging.getLogger(__name__)

RETRY_DELAYS = (30, 120, 600, 1800, 3600)
DIGEST_SIZE = 30


@task(queue_name="default")
def send_issue(issue_id: int) -> None:
    try:
        sending.send(issue_id)
    except sending.MailServerUnavailable:
        issue = Issue.objects.get(pk=issue_id)
        if issue.attempts > len(RETRY_DELAYS) or not send_issue.get_backend().supports_defer:
            Issue.objects.filter(pk=issue_id).update(status=Issue.Status.FAILED)
            raise
        delay = RETRY_DELAYS[issue.attempts - 1]
        send_issue.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(issue_id)


def queue(issue: Issue) -> None:
    """Send ``issue`` once its transaction commits."""
    transaction.on_commit(lambda: send_issue.enqueue(issue.pk))


@task(queue_name="default")
def send_confirmation(subscriber_id: int) -> None:
    """The double opt-in mail: nothing is sent to the address until its owner confirms."""
    subscriber = Subscriber.objects.select_related("service").filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.confirmed:
        return
    service = subscriber.service
    link = (
        f"{mail.service_address(service)}newsletter/confirm/"
        f"{addresses.confirm_token(subscriber.pk)}/"
    )
    with translation.override(service.language):
        subject = _("Confirm your subscription to %(service)s") % {"service": service.title}
        body = render_to_string(
            "newsletters/mail/confirm.txt",
            {"service": service, "link": link, "days": addresses.CONFIRM_DAYS},
        )
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[addresses.unseal(subscriber.sealed_address)],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()


def digest_for(service: ServiceHomePage, now=None) -> Issue | None:
    """Today's digest of ``service``: its articles of the last day; None when there are none."""
    now = now or timezone.now()
    articles = list(
        ArticlePage.objects.in_service(service)
        .filter(first_published_at__gt=now - timedelta(days=1))
        .values_list("pk", flat=True)[:DIGEST_SIZE]
    )
    if not articles:
        return None
    with translation.override(service.language):
        day = timezone.localtime(now, timezone=zoneinfo.ZoneInfo(service.time_zone)).date()
        subject = _("%(service)s: the day's news, %(date)s") % {
            "service": service.title,
            "date": formats.date_format(day, "DATE_FORMAT"),
        }
    return Issue.objects.create(
        service=service, kind=Issue.Kind.DIGEST, subject=subject, articles=articles
    )


@task(queue_name="default")
def send_digests() -> None:
    """Each service's daily digest, to the readers who chose it (once a day, ``kolokol worker``)."""
    for service in (
        ServiceHomePage.objects.live().filter(newsletter_subscribers__confirmed=True).distinct()
    ):
        issue = digest_for(service)
        if issue is not None:
            send_issue.enqueue(issue.pk)
