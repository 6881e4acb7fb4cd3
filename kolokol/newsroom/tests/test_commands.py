"""kolokol newsroom setup / grant / revoke, and sections added later."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission, WorkflowPage

from kolokol.newsroom.models import Role, ServiceTeam
from kolokol.newsroom.permissions import can_act_for
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("newsroom", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_setup_creates_each_services_roles_once():
    ru, en = factories.service("ru"), factories.service("en")
    run("setup")
    counts = (Group.objects.count(), GroupPagePermission.objects.count())
    run("setup")
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == counts
    for home in (ru, en):
        assert set(ServiceTeam.objects.filter(service=home).values_list("role", flat=True)) == {
            Role.REPORTER,
            Role.EDITOR,
            Role.CHIEF_EDITOR,
            Role.MODERATOR,
        }
    # Named in each service's language, for its own editors and administrators.
    assert WorkflowPage.objects.get(page=en).workflow.name == "Kolokol EN: Review"
    assert WorkflowPage.objects.get(page=ru).workflow.name == "Kolokol RU: Проверка"
    assert Group.objects.filter(name="Kolokol RU: Корреспонденты").exists()
    assert Group.objects.filter(name="Kolokol EN: Reporters").exists()

    # An installation whose names were made in English (before they were
    # translated) gets them in the service's language with the next setup;
    # a workflow an administrator renamed keeps its name.
    Group.objects.filter(name="Kolokol RU: Корреспонденты").update(name="Kolokol RU: Reporters")
    workflow = WorkflowPage.objects.get(page=ru).workflow
    workflow.name = "Kolokol RU: Review"
    workflow.save()
    WorkflowPage.objects.get(page=en).workflow.__class__.objects.filter(
        name="Kolokol EN: Review"
    ).update(name="Desk review")
    run("setup")
    assert Group.objects.filter(name="Kolokol RU: Корреспонденты").exists()
    assert not Group.objects.filter(name="Kolokol RU: Reporters").exists()
    assert WorkflowPage.objects.get(page=ru).workflow.name == "Kolokol RU: Проверка"
    assert WorkflowPage.objects.get(page=en).workflow.name == "Desk review"


def test_grant_and_revoke_a_role_and_the_administrator():
    ru = factories.service("ru")
    olga = User.objects.create_user("olga")
    assert "olga is now Chief editor (ru)" in run("grant", "olga", "chief-editor", "ru")
    assert can_act_for(olga, "breaking.add_breakingnews", ru)
    run("revoke", "olga", "chief_editor", "ru")
    assert not can_act_for(olga, "breaking.add_breakingnews", ru)

    run("grant", "olga", "admin")
    olga.refresh_from_db()
    assert olga.is_superuser
    run("revoke", "olga", "admin")
    olga.refresh_from_db()
    assert not olga.is_superuser


@pytest.mark.parametrize(
    "args, message",
    [
        (("grant", "nobody", "editor", "ru"), "no user 'nobody'"),
        (("grant", "olga", "publisher", "ru"), "unknown role 'publisher': choose one of reporter"),
        (("grant", "olga", "editor", "xx"), "unknown service 'xx': the services are ru"),
        (("grant", "olga", "editor"), "which service? give its slug (ru)"),
    ],
)
def test_grant_says_clearly_what_is_wrong(args, message):
    factories.service("ru")
    User.objects.create_user("olga")
    with pytest.raises(CommandError, match=re.escape(message)):
        run(*args)
    assert not User.objects.get(username="olga").groups.exists()


def test_a_section_added_later_is_open_to_the_services_reporters(client):
    ru = factories.service("ru")
    run("setup")
    reporter = User.objects.create_user("ivan")
    run("grant", "ivan", "reporter", "ru")
    sport = factories.section(ru, "Sport", "sport")
    client.force_login(reporter)
    add = client.get(f"/admin/pages/add/articles/articlepage/{sport.pk}/")
    assert add.status_code == 200


def test_setup_retires_wagtails_starter_groups():
    from wagtail.models import Page, Workflow

    ru = factories.service("ru")
    article = factories.article(ru)
    root = Page.get_first_root_node()
    assert set(
        Group.objects.filter(name__in=["Moderators", "Editors"]).values_list("name", flat=True)
    ) == {
        "Moderators",
        "Editors",
    }
    # Ticked by mistake for a comment moderator: it used to give edit and
    # publish over every service.
    olga = User.objects.create_user("olga")
    olga.groups.add(Group.objects.get(name="Moderators"))
    assert article.permissions_for_user(olga).can_publish()

    err = StringIO()
    call_command("newsroom", "setup", stdout=StringIO(), stderr=err)
    assert not Group.objects.filter(name="Editors").exists()
    moderators = Group.objects.get(name="Moderators")
    assert not moderators.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    assert "olga" in err.getvalue()
    olga = User.objects.get(pk=olga.pk)
    assert not article.permissions_for_user(olga).can_edit()
    assert not WorkflowPage.objects.filter(page=root, workflow__active=True).exists()
    assert Workflow.objects.filter(workflow_pages__page=ru, active=True).exists()


def test_a_writer_granted_a_role_gets_their_byline_and_new_articles_start_with_it(client):
    from django.urls import reverse

    from kolokol.people.models import AuthorPage
    from kolokol.sections.models import SectionPage

    ru = factories.service("ru")
    anna = User.objects.create_user("anna", first_name="Анна", last_name="Ким")
    run("grant", "anna", "reporter", "ru")
    run("grant", "anna", "reporter", "ru")  # again: still one byline
    (byline,) = AuthorPage.objects.descendant_of(ru).filter(user=anna)
    assert byline.title == "Анна Ким" and byline.live

    # An existing author page with the same name is linked, not doubled.
    en = factories.service("en")
    existing = factories.author(en, "Анна Ким")
    run("grant", "anna", "editor", "en")
    existing.refresh_from_db()
    assert existing.user == anna
    assert AuthorPage.objects.descendant_of(en).filter(title="Анна Ким").count() == 1

    client.force_login(anna)
    section = SectionPage.objects.child_of(ru).first()
    form = client.get(
        reverse("wagtailadmin_pages:add", args=("articles", "articlepage", section.pk))
    )
    html = form.content.decode()
    assert 'name="bylines-TOTAL_FORMS" value="1"' in html
    assert f'name="bylines-0-author" value="{byline.pk}"' in html
