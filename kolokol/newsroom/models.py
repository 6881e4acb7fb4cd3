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
