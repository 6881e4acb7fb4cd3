import pytest
from django.contrib.auth.models import Group, Permission, User

from kolokol.newsroom.models import Role, ServiceTeam
from kolokol.newsroom.permissions import can_act_for, services_with
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_a_permission_held_through_a_service_team_covers_that_service_only():
    ru = factories.service("ru")
    en = factories.service("en")
    group = Group.objects.create(name="Русская служба: модераторы")
    group.permissions.add(Permission.objects.get(codename="change_group"))
    ServiceTeam.objects.create(group=group, service=ru, role=Role.MODERATOR)
    moderator = User.objects.create_user("olga")
    moderator.groups.add(group)

    assert list(services_with(moderator, "auth.change_group")) == [ru]
    assert can_act_for(moderator, "auth.change_group", ru)
    assert not can_act_for(moderator, "auth.change_group", en)
    assert not services_with(moderator, "auth.delete_group").exists()


def test_superusers_act_for_every_service_and_inactive_users_for_none():
    ru = factories.service("ru")
    admin = User.objects.create_superuser("root")
    assert can_act_for(admin, "auth.change_group", ru)
    admin.is_active = False
    admin.save()
    assert not can_act_for(admin, "auth.change_group", ru)
