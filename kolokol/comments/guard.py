"""The checks a comment must pass before it is kept.

Each refusal is a ``Refused`` with a message for the reader in the
service's language; the view shows it above the form with the reader's
text still in it. Counters live in the "limits" cache, which every worker
and server shares (the database, or Redis when configured), and are keyed by the day's keyed hash of the
reader's address (``kolokol.core.readers.address_key``), never by the address itself.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kolokol.comments import text
from kolokol.core import numerals
from kolokol.core.limits import over_limit

SIGNER_SALT = "kolokol.comments.form"
FORM_MAX_AGE = 6 * 3600  # a form older than this was left open too long (or replayed)
READER_WINDOW = 600
ARTICLE_WINDOW = 60


class Refused(Exception):
    """A comment that is not kept, with the reason to show the reader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        # Its only digits are limits we wrote, never reader text.
        self.message = numerals.native(message)


def form_token(article_id: int) -> str:
    """The signed "form shown at" stamp the form carries, one of a kind.

    The random part tells apart two forms shown in the same second (the
    time is signed to the second), so each can be spent once.
    """
    nonce = secrets.token_urlsafe(8)
    return signing.TimestampSigner(salt=SIGNER_SALT).sign(f"{article_id}.{nonce}")


def check_timing(token: str, article_id: int) -> None:
    signer = signing.TimestampSigner(salt=SIGNER_SALT)
    try:
        value = signer.unsign(token, max_age=FORM_MAX_AGE)
        stamp = signing.b62_decode(token.split(signer.sep)[-2])
    except (signing.BadSignature, IndexError, ValueError):
        raise Refused(
            _("The form has expired. Please send your comment again; your text is kept below.")
        ) from None
    if value.split(".", 1)[0] != str(article_id):
        raise Refused(_("The form belongs to another article. Please send it again."))
    if timezone.now().timestamp() - stamp < settings.KOLOKOL_COMMENT_MIN_SECONDS:
        raise Refused(
            _("That was too quick for a person. Please wait a few seconds and send it again.")
        )


def spend_stamp(token: str) -> None:
    """Accept each form stamp for one comment only (a kept comment spends it)."""
    key = "comments:stamp:" + hashlib.sha256(token.encode()).hexdigest()
    if not caches["limits"].add(key, 1, FORM_MAX_AGE):
        raise Refused(_("This form has already been sent. Please send your comment again."))


def check_rate(address: str, article_id: int) -> None:
    """Limits per address and article, per address, and per article.

    Per article first: many readers share one address (a Tor exit, a VPN, a
    mobile carrier's NAT), and one busy discussion must not lock the others
    out of the rest of the site.
    """
    busy = _("You have sent several comments in a short time. Please wait ten minutes.")
    if over_limit(
        f"comments:reader:{address}:{article_id}",
        settings.KOLOKOL_COMMENT_READER_LIMIT,
        READER_WINDOW,
    ):
        raise Refused(busy)
    if over_limit(
        f"comments:address:{address}", settings.KOLOKOL_COMMENT_ADDRESS_LIMIT, READER_WINDOW
    ):
        raise Refused(busy)
    if over_limit(
        f"comments:article:{article_id}", settings.KOLOKOL_COMMENT_ARTICLE_LIMIT, ARTICLE_WINDOW
    ):
        raise Refused(
            _("This article is receiving many comments right now. Please try again in a minute.")
        )


def check_content(body: str, name: str, policy) -> None:
    if not body:
        raise Refused(_("Please write a comment."))
    if len(body) > policy.max_length:
        raise Refused(
            ngettext(
                "The comment is too long: at most %(limit)d character, please.",
                "The comment is too long: at most %(limit)d characters, please.",
                policy.max_length,
            )
            % {"limit": policy.max_length}
        )
    links = len(text.links_in(body)) + len(text.links_in(name))
    if links > policy.max_links:
        raise Refused(
            ngettext(
                "Too many links: at most %(limit)d link in a comment, please.",
                "Too many links: at most %(limit)d links in a comment, please.",
                policy.max_links,
            )
            % {"limit": policy.max_links}
        )
    folded = f"{name}\n{body}".casefold()
    for word in policy.blocked:
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
            raise Refused(
                _("The comment contains words this service does not publish. Please rephrase it.")
            )


def _digest(body: str) -> str:
    return hashlib.sha256(" ".join(body.casefold().split()).encode()).hexdigest()


def check_duplicate(body: str, reader: str, article) -> None:
    from kolokol.comments.models import Comment

    same = " ".join(body.casefold().split())
    recent = Comment.objects.filter(
        article=article, created_at__gte=timezone.now() - timedelta(days=1)
    ).values_list("body", flat=True)
    repeated = any(" ".join(b.casefold().split()) == same for b in recent.iterator())
    if repeated or not caches["limits"].add(f"comments:dup:{reader}:{_digest(body)}", 1, 3600):
        raise Refused(_("This comment has already been sent."))
