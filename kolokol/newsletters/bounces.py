"""Reading bounce and complaint reports that arrive in the bounces mailbox.

A mail server that accepted a newsletter may fail to deliver it later and
say so in a delivery status notification (RFC 3464) sent to the envelope
sender (``KOLOKOL_NEWSLETTER_BOUNCES``); a mailbox provider reports a
reader's "this is spam" as an abuse report (RFC 5965). Either way the
address is suppressed: no newsletter of this installation writes to it again.
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message

from kolokol.newsletters import addresses
from kolokol.newsletters.models import Subscriber, Suppression


def _recipients(report: Message) -> list[tuple[str, str]]:
    """(address, reason) pairs the report says should not be written to again."""
    found = []
    for part in report.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            # Each per-recipient block is a sub-part with its own fields.
            for block in part.get_payload():
                action = str(block.get("Action", "")).strip().lower()
                status = str(block.get("Status", "")).strip()
                recipient = str(
                    block.get("Final-Recipient") or block.get("Original-Recipient") or ""
                )
                if action == "failed" and status.startswith("5") and ";" in recipient:
                    found.append((recipient.split(";", 1)[1].strip(), Suppression.Reason.BOUNCE))
        elif kind == "message/feedback-report":
            payload = part.get_payload()
            fields = payload[0] if isinstance(payload, list) else email.message_from_string(payload)
            recipient = fields.get("Original-Rcpt-To", "")
            if recipient:
                found.append((recipient.strip().strip("<>"), Suppression.Reason.COMPLAINT))
    return found


def process(raw: bytes) -> list[str]:
    """Suppress what the report ``raw`` names; the reasons recorded, one per address."""
    report = email.message_from_bytes(raw, policy=email.policy.compat32)
    done = []
    for address, reason in _recipients(report):
        if "@" not in address:
            continue
        digest = addresses.digest(address)
        Suppression.objects.get_or_create(digest=digest, defaults={"reason": reason})
        # A complaint also ends the subscription itself: the reader asked to stop.
        if reason == Suppression.Reason.COMPLAINT:
            Subscriber.objects.filter(digest=digest).delete()
        done.append(reason)
    return done
