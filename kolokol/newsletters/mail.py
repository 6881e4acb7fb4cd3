"""A newsletter issue as mail: one text and one HTML part per issue, one unsubscribe link per reader.

Mail is read in clients that block images and strip style sheets: the HTML
part has no image and no remote resource, its few styles inline, and the
plain-text part says everything the HTML does. Links are plain addresses
of the service (no redirector, no tracking parameter, no pixel), with the
service's mirrors and onion address below, for readers whose network
blocks the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import formataddr, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from kolokol.articles.models import ArticlePage
from kolokol.newsletters import addresses
from kolokol.newsletters.models import Issue

# Replaced by each reader's own unsubscribe address after rendering once.
UNSUBSCRIBE = "https://unsubscribe.invalid/KOLOKOL-UNSUBSCRIBE"


def sender_domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">") or "localhost"


def service_address(service) -> str:
    """The service's own absolute address, from configuration (never from a request)."""
    return (service.full_url or settings.KOLOKOL_BASE_URL + service.url).rstrip("/") + "/"


def unsubscribe_url(service, subscriber_id: int) -> str:
    token = addresses.unsubscribe_token(subscriber_id)
    return f"{service_address(service)}newsletter/unsubscribe/{token}/"


@dataclass
class Composed:
    issue: Issue
    subject: str
    text: str
    html: str
    from_header: str
    list_id: str

    def message(self, subscriber_id: int, address: str, connection=None) -> EmailMultiAlternatives:
        service = self.issue.service
        unsubscribe = unsubscribe_url(service, subscriber_id)
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text.replace(UNSUBSCRIBE, unsubscribe),
            # The envelope sender receives bounces; the reader sees From.
            from_email=settings.KOLOKOL_NEWSLETTER_BOUNCES or settings.DEFAULT_FROM_EMAIL,
            to=[address],
            connection=connection,
            headers={
                "From": self.from_header,
                "Message-ID": make_msgid("nl", domain=sender_domain()),
                "List-Id": self.list_id,
                # RFC 8058: mail clients offer "Unsubscribe", which POSTs here.
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
                "Precedence": "bulk",
            },
        )
        message.attach_alternative(self.html.replace(UNSUBSCRIBE, unsubscribe), "text/html")
        return message


def stories(issue: Issue) -> list[ArticlePage]:
    """The issue's articles that are still public, in the issue's order."""
    found = ArticlePage.objects.public().filter(pk__in=issue.articles).specific().in_bulk()
    return [found[pk] for pk in issue.articles if pk in found]


def compose(issue: Issue) -> Composed:
    service = issue.service
    base = service_address(service)
    with translation.override(service.language):
        items = [
            {
                "title": article.title,
                "standfirst": article.standfirst,
                "url": article.full_url,
                "published": article.first_published_at,
            }
            for article in stories(issue)
        ]
        context = {
            "issue": issue,
            "service": service,
            "service_url": base,
            "items": items,
            "mirrors": service.mirrors,
            "onion": service.onion_url,
            "unsubscribe": UNSUBSCRIBE,
            "language": service.language,
            "rtl": service.is_rtl,
        }
        text = render_to_string("newsletters/mail/issue.txt", context)
        html = render_to_string("newsletters/mail/issue.html", context)
    domain = sender_domain()
    return Composed(
        issue=issue,
        subject=issue.subject,
        text=text,
        html=html,
        from_header=formataddr((service.title, settings.DEFAULT_FROM_EMAIL)),
        list_id=f"{service.title} <{service.slug}.newsletter.{domain}>",
    )
