"""Signing offline editions: one Ed25519 key pair per service, and the ``.sig`` files.

The signature is Ed25519 over the edition file's bytes exactly as served,
so anyone can check it with OpenSSL 3 or a few lines of Python against the
public key shown on the service's offline page; nothing of Kolokol is needed.

The private key is stored encrypted with Fernet under a key derived from
SECRET_KEY: a copy of the database alone does not let anyone sign. Changing
SECRET_KEY keeps working while the old value is in SECRET_KEY_FALLBACKS;
``kolokol edition rotate-key`` is not built: to replace a key, delete the
service's ``EditionKey`` row (a new pair is made on the next edition) and
say on the offline page from which date the new fingerprint signs.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.fernet import InvalidToken, MultiFernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.db import IntegrityError, transaction

from kolokol.core import sealing
from kolokol.editions.models import EditionKey

SIGNATURE_TITLE = "Kolokol edition signature"


def _fernet() -> MultiFernet:
    return sealing.fernet(b"kolokol edition signing key")


def fingerprint(public_raw: bytes) -> str:
    """SHA-256 of the raw 32-byte public key, as readers compare it: ``AB12 CD34 …``."""
    digest = hashlib.sha256(public_raw).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def public_pem(public_raw: bytes) -> str:
    """The public key as the PEM file OpenSSL reads."""
    key = Ed25519PublicKey.from_public_bytes(public_raw)
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def key_for(service) -> EditionKey:
    """The service's key pair, made on first use."""
    existing = EditionKey.objects.filter(service=service).first()
    if existing is not None:
        return existing
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    try:
        with transaction.atomic():
            return EditionKey.objects.create(
                service=service,
                public_key=public,
                private_key=_fernet().encrypt(raw).decode(),
            )
    except IntegrityError:  # another worker made it at the same moment: theirs counts
        return EditionKey.objects.get(service=service)


def _private(key: EditionKey) -> Ed25519PrivateKey:
    try:
        raw = _fernet().decrypt(key.private_key.encode())
    except InvalidToken:
        raise RuntimeError(
            "The edition signing key cannot be decrypted: SECRET_KEY changed and the old "
            "value is not in SECRET_KEY_FALLBACKS."
        ) from None
    return Ed25519PrivateKey.from_private_bytes(raw)


def signature_file(service, name: str, content: bytes) -> str:
    """The ``.sig`` text for the edition file ``name``: a header and the base64 signature."""
    key = key_for(service)
    signature = _private(key).sign(content)
    return (
        f"{SIGNATURE_TITLE}\n"
        f"service: {service.slug}\n"
        f"file: {name}\n"
        f"sha256: {hashlib.sha256(content).hexdigest()}\n"
        f"key-fingerprint: {fingerprint(bytes(key.public_key))}\n"
        f"signature: {base64.b64encode(signature).decode()}\n"
    )


@dataclass
class SignatureFile:
    service: str
    file: str
    fingerprint: str
    signature: bytes


def parse_signature(text: str) -> SignatureFile:
    """The fields of a ``.sig`` file; ValueError when it is not one."""
    lines = text.strip().splitlines()
    if not lines or lines[0].strip() != SIGNATURE_TITLE:
        raise ValueError("not a Kolokol edition signature")
    fields = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    try:
        signature = base64.b64decode(fields["signature"], validate=True)
        return SignatureFile(
            service=fields["service"],
            file=fields.get("file", ""),
            fingerprint=fields.get("key-fingerprint", ""),
            signature=signature,
        )
    except (KeyError, ValueError):
        raise ValueError("the signature file lacks its service or signature") from None


def verify(public_raw: bytes, content: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is the key's Ed25519 signature over ``content``."""
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, content)
    except (InvalidSignature, ValueError):
        return False
    return True
