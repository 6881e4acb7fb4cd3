"""Who works for which language service.

Editorial roles are Django groups, one per role and service, so everything
Wagtail already knows about groups (page permissions, the group editor, the
user editor) keeps working. A ``ServiceTeam`` row says which service and
role a group stands for; that is what scopes powers that are not about
editing pages (moderating a service's comments, setting its breaking news)
to the service the group works for.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    EDITOR = "editor", _("Editor")
    CHIEF_EDITOR = "chief_editor", _("Chief editor")
    MODERATOR = "moderator", _("Moderator")


class ServiceTeam(models.Model):
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="service_team", verbose_name=_("group")
    )
    service = models.ForeignKey(
        "services.ServiceHomePage",
        on_delete=models.CASCADE,
        related_name="teams",
        verbose_name=_("service"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("service team")
        constraints = [
            models.UniqueConstraint(fields=["service", "role"], name="one_group_per_service_role")
        ]

    def __str__(self) -> str:
        return f"{self.service.title}: {self.get_role_display()}"


class AuditEvent(models.Model):
    """A sign-in, a failed one, a lock-out or a change of someone's powers, for administrators.

    No address is kept: ``client`` is the start of the same keyed, daily
    hash that limits readers and sign-in attempts (``core.readers``), so
    attempts from one client on one day can be told apart and no one can
    turn it back into an address.
    """

    class Action(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        LOCKED_OUT = "locked_out", _("Locked out after failed sign-ins")
        SIGNED_OUT = "signed_out", _("Signed out")
        ROLE_GIVEN = "role_given", _("Role given")
        ROLE_TAKEN = "role_taken", _("Role taken away")
        ADMIN_GIVEN = "admin_given", _("Administrator rights given")
        ADMIN_TAKEN = "admin_taken", _("Administrator rights taken away")
        TWO_STEP_ADDED = "two_step_added", _("Two-step method added")
        TWO_STEP_REMOVED = "two_step_removed", _("Two-step method removed")
        TWO_STEP_FAILED = "two_step_failed", _("Two-step code refused")
        RECOVERY_USED = "recovery_used", _("Recovery code used")
        RECOVERY_RENEWED = "recovery_renewed", _("Recovery codes made")
        TWO_STEP_RESET = "two_step_reset", _("Two-step verification reset")
        TWO_STEP_POLICY = "two_step_policy", _("Two-step requirement changed")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    username = models.CharField(_("account"), max_length=150)
    actor = models.CharField(_("by"), max_length=150, blank=True)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    client = models.CharField(_("client"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("audit event")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.username}"
