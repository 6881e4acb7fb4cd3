"""The audit log: who signed in, who failed to, and whose powers changed, and by whom.

Recorded from Django's and django-axes' signals and from changes to a
user's groups (the roles) and administrator flag, wherever they are made:
the admin's user editor, `kolokol newsroom grant`, a shell. The person who
made a change is Wagtail's acting admin user when there is one. Kept for
:data:`KEEP_DAYS` days.
"""

from __future__ import annotations

from datetime import timedelta

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from wagtail.log_actions import get_active_log_context

from kolokol.newsroom.models import AuditEvent

KEEP_DAYS = 365
Action = AuditEvent.Action
User = get_user_model()


def _client(request: HttpRequest | None) -> str:
    if request is None or not hasattr(request, "META"):
        return ""
    from kolokol.core.readers import address_key

    return address_key(request)[:12]


def _actor() -> str:
    context = get_active_log_context()
    user = getattr(context, "user", None) if context else None
    return user.get_username() if user is not None else ""


def record(action: str, username: str, request=None, *, detail: str = "", actor=None) -> None:
    AuditEvent.objects.create(
        action=action,
        username=(username or "")[:150],
        actor=(_actor() if actor is None else actor)[:150],
        detail=detail[:255],
        client=_client(request),
    )


@receiver(user_logged_in)
def on_signed_in(sender, request, user, **kwargs):
    record(Action.SIGNED_IN, user.get_username(), request, actor="")


@receiver(user_logged_out)
def on_signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.SIGNED_OUT, user.get_username(), request, actor="")


@receiver(user_login_failed)
def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    # The name as typed (perhaps no account's): guesses at names show too.
    record(Action.SIGN_IN_FAILED, credentials.get("username", ""), request, actor="")


@receiver(user_locked_out)
def on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    record(Action.LOCKED_OUT, username or "", request, actor="")


@receiver(m2m_changed, sender=User.groups.through)
def on_roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove"} or not pk_set:
        return
    what = Action.ROLE_GIVEN if action == "post_add" else Action.ROLE_TAKEN
    if reverse:  # a group's members changed
        for user in User.objects.filter(pk__in=pk_set):
            record(what, user.get_username(), detail=instance.name)
    else:
        for group in Group.objects.filter(pk__in=pk_set):
            record(what, instance.get_username(), detail=group.name)


@receiver(m2m_changed, sender=User.groups.through)
def on_roles_cleared(sender, instance, action, reverse, **kwargs):
    # ``clear()`` names nothing after the fact: what goes is read before.
    if action != "pre_clear":
        return
    if reverse:
        for user in instance.user_set.all():
            record(Action.ROLE_TAKEN, user.get_username(), detail=instance.name)
    else:
        for group in instance.groups.all():
            record(Action.ROLE_TAKEN, instance.get_username(), detail=group.name)


@receiver(pre_save, sender=User)
def on_admin_flag(sender, instance, raw=False, update_fields=None, **kwargs):
    if update_fields is not None and "is_superuser" not in update_fields:
        return  # a sign-in's last_login, a password: no need to ask the database
    if raw or instance.pk is None:
        if instance.is_superuser and not raw:
            record(Action.ADMIN_GIVEN, instance.get_username())
        return
    before = User.objects.filter(pk=instance.pk).values_list("is_superuser", flat=True).first()
    if before is not None and before != instance.is_superuser:
        what = Action.ADMIN_GIVEN if instance.is_superuser else Action.ADMIN_TAKEN
        record(what, instance.get_username())


def prune(now=None) -> int:
    """Forget events older than KEEP_DAYS."""
    now = now or timezone.now()
    deleted, _ = AuditEvent.objects.filter(at__lt=now - timedelta(days=KEEP_DAYS)).delete()
    return deleted
