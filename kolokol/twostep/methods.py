"""A user's second-step methods: one authenticator app, any number of passkeys,
and ten one-use recovery codes for the day both are out of reach.

Recovery codes are a way back in, not a method of their own: they are made
with the first method and removed with the last, so a user who has removed
every method signs in with a password alone again (if their role allows).
"""

from __future__ import annotations

import base64
import re
import secrets
from base64 import b32encode
from binascii import unhexlify
from urllib.parse import quote

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from django_otp_webauthn.models import WebAuthnCredential

RECOVERY_CODES = 10
RECOVERY_NAME = "recovery"


def authenticators(user: AbstractBaseUser):
    return TOTPDevice.objects.filter(user=user, confirmed=True)


def passkeys(user: AbstractBaseUser):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True)


def recovery(user: AbstractBaseUser) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, name=RECOVERY_NAME).first()


def recovery_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_NAME).count()


def has_method(user: AbstractBaseUser) -> bool:
    """An authenticator app or a passkey: what makes a second step possible."""
    return authenticators(user).exists() or passkeys(user).exists()


def new_secret() -> str:
    """A fresh TOTP secret, hex as django-otp stores it."""
    return random_hex(20)


def secret_for_people(secret: str) -> str:
    """The secret as authenticator apps take it typed in: base32, in groups of four."""
    text = base64.b32encode(unhexlify(secret)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def otpauth_uri(secret: str, account: str, issuer: str) -> str:
    key = base64.b32encode(unhexlify(secret)).decode().rstrip("=")
    label = quote(f"{issuer}:{account}")
    return f"otpauth://totp/{label}?secret={key}&issuer={quote(issuer)}&digits=6&period=30"


def code_matches(secret: str, code: str) -> bool:
    """Whether ``code`` is the current (or the previous or next) code for ``secret``."""
    code = normalise(code)
    return code.isdigit() and TOTP(unhexlify(secret)).verify(int(code), tolerance=1)


def add_authenticator(user: AbstractBaseUser, secret: str) -> TOTPDevice:
    return TOTPDevice.objects.create(
        user=user, name="authenticator", key=secret, confirmed=True, tolerance=1
    )


@transaction.atomic
def new_recovery_codes(user: AbstractBaseUser) -> list[str]:
    """Replace the user's recovery codes with fresh ones, returned once, to be shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    # 80 random bits each (django-otp's own make 40): a code is a password.
    codes = [b32encode(secrets.token_bytes(10)).decode().lower() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:4]}-{code[4:8]}-{code[8:12]}-{code[12:]}" for code in codes]


def drop_recovery_if_alone(user: AbstractBaseUser) -> None:
    if not has_method(user):
        StaticDevice.objects.filter(user=user, name=RECOVERY_NAME).delete()


def remove_all(user: AbstractBaseUser) -> int:
    """Every method and code of ``user`` (an administrator's reset after a lost phone)."""
    with transaction.atomic():
        removed = 0
        for model in (TOTPDevice, WebAuthnCredential, StaticDevice):
            for device in model.objects.filter(user=user):
                device.delete()
                removed += 1
    return removed


def normalise(code: str) -> str:
    """What a person types, as the devices compare it: no spaces or dashes, lower case."""
    return re.sub(r"[\s-]+", "", code or "").lower()
