"""Keys derived from SECRET_KEY, one per purpose: encryption at rest and keyed digests.

Whoever holds only the database (a leaked dump, a replica) can neither read
what is sealed nor tell which address a digest stands for. Changing
SECRET_KEY keeps working while the old value is in SECRET_KEY_FALLBACKS.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _derive(secret: str, label: bytes) -> bytes:
    # HKDF with the purpose as its label: a key good for nothing else.
    return HKDF(algorithm=SHA256(), length=32, salt=None, info=label).derive(secret.encode())


def _secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def fernet(label: bytes) -> MultiFernet:
    """Fernet under the key for ``label``: encrypts with the current key, opens with any."""
    return MultiFernet(
        [Fernet(base64.urlsafe_b64encode(_derive(secret, label))) for secret in _secrets()]
    )


def digest(label: bytes, value: str) -> str:
    """A keyed HMAC-SHA256 of ``value`` (hex): the same value always gives the same digest."""
    return hmac.new(_derive(settings.SECRET_KEY, label), value.encode(), hashlib.sha256).hexdigest()
