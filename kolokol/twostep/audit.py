"""Two-step changes in the audit log, wherever they are made (the account
page, an administrator's reset, a shell): a method added or removed, and a
change of who must use one. Failed codes and used recovery codes are
recorded where they are checked (views.py)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from kolokol.newsroom.audit import Action, record
from kolokol.twostep.models import TwoStepPolicy

KINDS = {TOTPDevice: "authenticator app", WebAuthnCredential: "passkey"}


def _added(sender, instance, created, **kwargs):
    if created and instance.confirmed:
        record(Action.TWO_STEP_ADDED, instance.user.get_username(), detail=KINDS[sender])


def _removed(sender, instance, **kwargs):
    record(Action.TWO_STEP_REMOVED, instance.user.get_username(), detail=KINDS[sender])


for model in KINDS:
    post_save.connect(_added, sender=model, dispatch_uid=f"twostep-added-{model.__name__}")
    post_delete.connect(_removed, sender=model, dispatch_uid=f"twostep-removed-{model.__name__}")


@receiver(post_save, sender=TwoStepPolicy)
def _policy_changed(sender, instance, **kwargs):
    roles = (["administrators"] if instance.administrators else []) + instance.required_roles()
    record(Action.TWO_STEP_POLICY, "", detail="required: " + (", ".join(roles) or "nobody"))
