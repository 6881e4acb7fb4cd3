"""Signing test users in to the admin the way the admin requires."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def verified_login(client: Client, user: AbstractBaseUser) -> Client:
    """Sign ``user`` in past the second step: they have an authenticator app,
    and this session has used it (as the code page does)."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
