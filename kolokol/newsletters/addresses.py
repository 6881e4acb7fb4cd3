"""Readers' addresses: sealed at rest, found by digest, and the tokens in our mails' links.

Confirm and unsubscribe links carry a token signed with SECRET_KEY, not a
value stored beside the address: nothing in the database lets anyone
unsubscribe a reader, and a confirmation link stops working after a week.
"""

from __future__ import annotations

from django.core import signing

from kolokol.core import sealing

SEAL = b"kolokol newsletter addresses"
DIGEST = b"kolokol newsletter address digest"
CONFIRM_DAYS = 7


def normalise(address: str) -> str:
    """One form per mailbox: trimmed, the domain in lower case (the local part may be case-sensitive)."""
    local, _, domain = address.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def digest(address: str) -> str:
    # Case folded as almost every mail server does: "Ana@" and "ana@" are one reader.
    return sealing.digest(DIGEST, normalise(address).lower())


def seal(address: str) -> str:
    return sealing.fernet(SEAL).encrypt(normalise(address).encode()).decode()


def unseal(sealed: str) -> str:
    return sealing.fernet(SEAL).decrypt(sealed.encode()).decode()


def confirm_token(subscriber_id: int) -> str:
    return signing.dumps(subscriber_id, salt="newsletter-confirm", compress=True)


def confirmed_subscriber(token: str) -> int | None:
    try:
        return signing.loads(token, salt="newsletter-confirm", max_age=CONFIRM_DAYS * 86400)
    except signing.BadSignature:
        return None


def unsubscribe_token(subscriber_id: int) -> str:
    return signing.dumps(subscriber_id, salt="newsletter-unsubscribe", compress=True)


def unsubscribing(token: str) -> int | None:
    try:
        return signing.loads(token, salt="newsletter-unsubscribe")
    except signing.BadSignature:
        return None
