"""kolokol service add / list and the administrators' form: a new service without code."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Site, WorkflowPage

from kolokol.newsroom.models import Role, ServiceTeam
from kolokol.people.models import AuthorIndexPage
from kolokol.sections.models import SectionPage, TopicIndexPage
from kolokol.services.models import PortalPage, ServiceHomePage
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db


def service(*args: str) -> str:
    out = StringIO()
    call_command("service", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def add(language: str, name: str, slug: str, *extra: str) -> str:
    return service("add", "--language", language, "--name", name, "--slug", slug, *extra)


def counts() -> tuple[int, ...]:
    return (
        Page.objects.count(),
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
    )


def test_add_makes_the_portal_and_a_service_its_newsroom_can_use_at_once():
    # A fresh installation: Wagtail's welcome page, no portal yet.
    assert not PortalPage.objects.exists()
    out = add("en", "Kolokol English", "english", "--time-zone", "Europe/London")
    assert "Kolokol English at /english/: made portal, home page" in out

    portal = PortalPage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == portal.pk
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    home = ServiceHomePage.objects.get(slug="english")
    assert (home.language, home.time_zone, home.live) == ("en", "Europe/London", True)
    assert home.get_parent().pk == portal.pk
    sections = SectionPage.objects.child_of(home).live()
    assert [s.slug for s in sections] == ["news", "society", "culture"]
    assert all(s.show_in_menus for s in sections)
    assert TopicIndexPage.objects.child_of(home).live().get().slug == "topics"
    assert AuthorIndexPage.objects.child_of(home).live().get().slug == "authors"
    assert set(ServiceTeam.objects.filter(service=home).values_list("role", flat=True)) == {
        Role.REPORTER,
        Role.EDITOR,
        Role.CHIEF_EDITOR,
        Role.MODERATOR,
    }
    assert WorkflowPage.objects.get(page=home).workflow.name == "Kolokol English: Review"
    # The roles reach the default sections: a reporter may write in them.
    reporter = User.objects.create_user("rita")
    call_command("newsroom", "grant", "rita", "reporter", "english", stdout=StringIO())
    assert sections[0].permissions_for_user(reporter).can_add_subpage()

    out = service("list")
    assert "english\ten\t/english/\tKolokol English" in out


def test_running_it_again_changes_nothing_and_says_so():
    add("en", "Kolokol English", "english")
    before = counts()
    out = add("en", "Kolokol English", "english")
    assert out.strip() == "Kolokol English at /english/ is already there; nothing changed"
    assert counts() == before


def test_a_service_missing_parts_is_completed():
    home = factories.service("en", slug="english", title="Kolokol English")
    # The factory's service has one section and both indexes, no roles yet.
    out = add("en", "Kolokol English", "english")
    assert out.strip().endswith("made roles and review workflow")
    assert SectionPage.objects.child_of(home).count() == 1
    assert ServiceTeam.objects.filter(service=home).count() == 4


@pytest.mark.parametrize(
    "args, message",
    [
        (("xx", "X", "xx"), "Unknown language “xx”: the languages are ru, en, ky, fa"),
        (("en", "X", "Bad_Slug"), "“Bad_Slug” cannot be a service address"),
        (("en", "X", "en-"), "“en-” cannot be a service address"),
        (("en", "X", "en/news"), "cannot be a service address"),
        (("en", "X", "admin"), "The address /admin/ is used by Kolokol itself"),
        (("en", "X", "api"), "The address /api/ is used by Kolokol itself"),
        (("en", "X", "media"), "The address /media/ is used by Kolokol itself"),
        (("en", "Other name", "english"), "The address /english/ is taken by the service"),
        (("ru", "Kolokol English", "english"), "The address /english/ is taken by the service"),
        (("ru", "Kolokol English", "russian"), "already called “Kolokol English”"),
        (("en", " ", "x"), "The service needs a name."),
        (("en", "X", "x", "--time-zone", "Mars/Olympus"), "Unknown time zone: Mars/Olympus"),
    ],
)
def test_bad_input_is_refused_with_one_line(args, message):
    add("en", "Kolokol English", "english")
    before = counts()
    with pytest.raises(CommandError) as refused:
        add(*args)
    text = str(refused.value)
    assert message in text
    assert "\n" not in text
    assert counts() == before


def test_administrators_add_a_service_from_the_admin():
    boss = User.objects.create_superuser("boss", "boss@example.org")
    client = Client()
    verified_login(client, boss)
    url = reverse("language_services")
    page = client.get(url)
    assert page.status_code == 200
    assert b"csrfmiddlewaretoken" in page.content

    data = {"language": "fa", "name": "Kolokol Farsi", "slug": "farsi", "time_zone": "Asia/Tehran"}
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(url, 302)]
    home = ServiceHomePage.objects.get(slug="farsi")
    assert (home.language, home.is_rtl) == ("fa", True)
    assert SectionPage.objects.child_of(home).count() == 3
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1
    assert shown[0].startswith(
        "The service “Kolokol Farsi” is ready at /farsi/: its sections, indexes, "
        "roles and review workflow."
    )
    assert f'href="/admin/pages/{home.pk}/"' in shown[0]  # its button opens the service
    assert "/farsi/" in response.content.decode()  # now in the list of services

    # The same again: nothing changes, and the admin says so.
    before = counts()
    response = client.post(url, data, follow=True)
    assert [str(m).strip() for m in response.context["messages"]] == [
        "The service “Kolokol Farsi” is already there; nothing changed."
    ]
    assert counts() == before

    # Refused input stays on the form with the reason.
    response = client.post(url, {**data, "slug": "admin", "name": "Other"})
    assert response.status_code == 200
    assert "The address /admin/ is used by Kolokol itself" in response.content.decode()


def test_the_service_form_is_for_administrators_only(newsroom):
    url = reverse("language_services")
    chief = newsroom.client(Role.CHIEF_EDITOR, "ru")
    before = counts()
    # Wagtail turns the refusal into its "no permission" message on the dashboard.
    refused = chief.get(url, follow=True)
    assert refused.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "permission" in str(list(refused.context["messages"])[0])
    data = {"language": "en", "name": "Sneaky", "slug": "sneaky", "time_zone": "UTC"}
    assert chief.post(url, data).status_code == 302
    assert not ServiceHomePage.objects.filter(slug="sneaky").exists()
    assert counts() == before
    # Nor do they see it in the Settings menu.
    assert url not in chief.get(reverse("wagtailadmin_home")).content.decode()
    assert url in newsroom.client("admin").get(reverse("wagtailadmin_home")).content.decode()


def test_the_form_needs_its_csrf_token(newsroom):
    client = Client(enforce_csrf_checks=True)
    verified_login(client, User.objects.get(username="boss"))
    data = {"language": "en", "name": "Forged", "slug": "forged", "time_zone": "UTC"}
    assert client.post(reverse("language_services"), data).status_code == 403
    assert not ServiceHomePage.objects.filter(slug="forged").exists()
