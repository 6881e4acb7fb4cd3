"""Who must sign in with a second step: administrators choose, per role.

The methods themselves are django-otp's devices (an authenticator app's
TOTP, one-use recovery codes) and django-otp-webauthn's passkeys; this app
only says who must have one, and offers the pages to add, use and remove them.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from kolokol.newsroom.models import Role, ServiceTeam


@register_setting(icon="key", order=920)
class TwoStepPolicy(BaseGenericSetting):
    """Roles whose members cannot use the admin before adding a second step.

    Administrators must, unless an administrator turns it off: an
    administrator's password alone would otherwise hand over every service.
    """

    administrators = models.BooleanField(_("administrators"), default=True)
    chief_editors = models.BooleanField(_("chief editors"), default=False)
    editors = models.BooleanField(_("editors"), default=False)
    reporters = models.BooleanField(_("reporters"), default=False)
    moderators = models.BooleanField(_("moderators"), default=False)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("administrators"),
                FieldPanel("chief_editors"),
                FieldPanel("editors"),
                FieldPanel("reporters"),
                FieldPanel("moderators"),
            ],
            heading=_("Who must use two-step verification"),
            help_text=_(
                "Members of a ticked role (in any service) must add an authenticator "
                "app or a passkey before they can work in the admin. Anyone may add one."
            ),
        )
    ]

    class Meta:
        verbose_name = _("two-step verification")

    def required_roles(self) -> list[str]:
        ticked = {
            Role.CHIEF_EDITOR: self.chief_editors,
            Role.EDITOR: self.editors,
            Role.REPORTER: self.reporters,
            Role.MODERATOR: self.moderators,
        }
        return [role for role, required in ticked.items() if required]

    def requires(self, user: AbstractBaseUser) -> bool:
        if user.is_superuser and self.administrators:
            return True
        roles = self.required_roles()
        return bool(roles) and ServiceTeam.objects.filter(group__user=user, role__in=roles).exists()
