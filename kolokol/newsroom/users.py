"""The admin's user editor offers Kolokol's roles only, service by service.

Wagtail's form lists every group in the database; a group that is not a
service's role (a starter group left from before `newsroom setup`, one made
by hand) has powers nobody reviewed, and ticking it once gave a comment
moderator edit and publish rights on every service. The roles are offered
by their service and role names; administrator rights are the form's own
"Administrator" box.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet


def _kolokol_roles_only(form) -> None:
    field = form.fields.get("groups")
    if field is None:
        return
    field.queryset = Group.objects.filter(service_team__isnull=False).order_by(
        "service_team__service__title", "service_team__role"
    )
    field.label_from_instance = lambda group: str(group.service_team)


class RoleEditForm(UserEditForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _kolokol_roles_only(self)


class RoleCreationForm(UserCreationForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _kolokol_roles_only(self)


class KolokolUserViewSet(UserViewSet):
    def get_form_class(self, for_update: bool = False):
        return RoleEditForm if for_update else RoleCreationForm
