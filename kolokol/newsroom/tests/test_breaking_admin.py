"""Breaking news from the admin dashboard: chief editors of the service and administrators only."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import formats, timezone
from wagtail.models import ModelLogEntry

from kolokol.breaking.models import BreakingNews
from kolokol.breaking.wagtail_hooks import breaking_news_viewset
from kolokol.newsroom.models import Role
from kolokol.newsroom.tests.conftest import admin_time
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def link(html: str, text: str) -> str:
    match = re.search(r'href="([^"]+)"[^>]*>\s*' + re.escape(text), html)
    assert match, f"no link “{text}” on the page"
    return match.group(1).replace("&amp;", "&")


def form_action(html: str, button: str) -> str:
    match = re.search(
        r'<form method="post" action="([^"]+)">(?:(?!</form>).)*' + button, html, re.S
    )
    assert match, f"no form with “{button}” on the page"
    return match.group(1)


def fields_of(html: str) -> dict:
    """The prefilled values of the create form, as the browser would send them back."""
    data = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        data[name] = value
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = chosen.group(1) if chosen else ""
    return data


def test_a_chief_editor_sets_and_clears_breaking_news_in_three_requests(newsroom):
    ru = newsroom.services["ru"]
    chief = newsroom.client(Role.CHIEF_EDITOR)
    # 1: the dashboard; 2: "Set breaking news", prefilled with the service; 3: save.
    dashboard = chief.get(reverse("wagtailadmin_home")).content.decode()
    assert "No breaking news." in dashboard
    form = chief.get(link(dashboard, "Set breaking news"))
    data = fields_of(form.content.decode())
    assert data["service"] == str(ru.pk)
    data.update(headline="Airport closed by fog", link_page="", link_url="")
    saved = chief.post(form.wsgi_request.get_full_path(), data)
    assert saved.status_code == 302
    item = BreakingNews.objects.get(headline="Airport closed by fog")
    assert item.service == ru and item.is_active()
    assert "Airport closed by fog" in chief.get(ru.url).content.decode()

    # 1: the dashboard shows it; 2: "Clear now".
    dashboard = chief.get(reverse("wagtailadmin_home")).content.decode()
    assert "Airport closed by fog" in dashboard
    chief.post(form_action(dashboard, "Clear now"))
    item.refresh_from_db()
    assert not item.is_active()
    assert "Airport closed by fog" not in chief.get(ru.url).content.decode()

    logged = list(
        ModelLogEntry.objects.filter(object_id=str(item.pk))
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    assert logged == [
        ("wagtail.create", "chief_editor-ru"),
        ("kolokol.breaking.clear", "chief_editor-ru"),
    ]
    report = newsroom.client("admin").get(reverse("wagtailadmin_reports:site_history"))
    assert "Breaking news cleared" in report.content.decode()


def test_editors_and_other_services_cannot_set_or_clear_breaking_news(newsroom):
    ru, en = newsroom.services["ru"], newsroom.services["en"]
    item = factories.breaking(ru, headline="Floods in the valley")
    add_url = reverse(breaking_news_viewset.get_url_name("add"))
    now = timezone.now()
    attempt = {
        "service": ru.pk,
        "headline": "Not allowed",
        "starts_at": admin_time(now),
        "expires_at": admin_time(now + timedelta(hours=1)),
    }
    clear_url = reverse("breaking_news_clear", args=(item.pk,))
    edit_url = reverse(breaking_news_viewset.get_url_name("edit"), args=(item.pk,))
    for client in (newsroom.client(Role.EDITOR), newsroom.client(Role.CHIEF_EDITOR, "en")):
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Floods in the valley" not in dashboard
        client.post(add_url, attempt)
        client.post(clear_url)  # refused: Wagtail answers a PermissionDenied with a redirect
        assert client.get(edit_url).status_code in (302, 403)
        listing = client.get(reverse(breaking_news_viewset.get_url_name("list")))
        assert "Floods in the valley" not in listing.content.decode()
    assert not BreakingNews.objects.filter(headline="Not allowed").exists()
    item.refresh_from_db()
    assert item.is_active()
    # en's chief editor works on en only: ru is not offered, and posting it is refused.
    en_chief = newsroom.client(Role.CHIEF_EDITOR, "en")
    own = en_chief.get(f"{add_url}?service={en.pk}").content.decode()
    assert f'<option value="{en.pk}" selected>' in own
    other = en_chief.get(f"{add_url}?service={ru.pk}").content.decode()
    assert f'<option value="{ru.pk}"' not in other
    assert not ModelLogEntry.objects.filter(object_id=str(item.pk)).exists()


def test_administrators_act_for_every_service(newsroom):
    admin = newsroom.client("admin")
    dashboard = admin.get(reverse("wagtailadmin_home")).content.decode()
    for home in newsroom.services.values():
        assert home.title in dashboard
    item = factories.breaking(newsroom.services["en"], headline="Storm warning")
    admin.post(reverse("breaking_news_clear", args=(item.pk,)))
    item.refresh_from_db()
    assert not item.is_active()


def test_an_items_history_and_usage_open_for_its_service_only(newsroom):
    item = factories.breaking(newsroom.services["ru"], headline="Power cut downtown")
    own, other = newsroom.client(Role.CHIEF_EDITOR), newsroom.client(Role.CHIEF_EDITOR, "en")
    for view in ("history", "usage", "edit", "delete"):
        url = reverse(breaking_news_viewset.get_url_name(view), args=(item.pk,))
        assert own.get(url).status_code == 200, view
        refused = other.get(url)
        assert refused.status_code in (302, 403), view
        assert "Power cut downtown" not in refused.content.decode()


def test_bulk_delete_with_select_all_takes_only_the_users_own_services_items(newsroom):
    ru_item = factories.breaking(newsroom.services["ru"], headline="Power cut downtown")
    en_item = factories.breaking(newsroom.services["en"], headline="Storm warning")
    chief = newsroom.client(Role.CHIEF_EDITOR, "en")
    url = reverse("wagtail_bulk_action", args=("breaking", "breakingnews", "delete"))
    # The listing's "select all" sends id=all; the confirmation page lists
    # what will go, and the POST deletes it.
    confirm = chief.get(url, {"id": "all"}).content.decode()
    assert "Storm warning" in confirm and "Power cut downtown" not in confirm
    chief.post(url + "?id=all")
    # Naming another service's item does not delete it either.
    chief.post(url + f"?id={ru_item.pk}")
    assert not BreakingNews.objects.filter(pk=en_item.pk).exists()
    assert BreakingNews.objects.filter(pk=ru_item.pk).exists()


def test_times_are_entered_and_shown_in_the_services_zone(newsroom):
    ru = newsroom.services["ru"]
    ru.time_zone = "Asia/Bishkek"  # UTC+6 all year
    ru.save_revision().publish()
    chief = newsroom.client(Role.CHIEF_EDITOR)
    url = reverse(breaking_news_viewset.get_url_name("add")) + f"?service={ru.pk}"
    form = chief.get(url).content.decode()
    assert "Time in Asia/Bishkek." in form
    data = fields_of(form)
    start = timezone.now().replace(microsecond=0) + timedelta(minutes=5)
    data.update(
        headline="Roads closed",
        link_page="",
        link_url="",
        starts_at="2030-03-01 09:00:00",
        expires_at="2030-03-01 18:30:00",
    )
    assert chief.post(url, data).status_code == 302
    item = BreakingNews.objects.get(headline="Roads closed")
    # 09:00 in Bishkek is 03:00 UTC.
    assert item.starts_at.isoformat() == "2030-03-01T03:00:00+00:00"
    edit = chief.get(reverse(breaking_news_viewset.get_url_name("edit"), args=[item.pk]))
    assert "2030-03-01 18:30" in edit.content.decode()
    # The dashboard gives the end in the service's zone too, and says so.
    item.starts_at = start - timedelta(minutes=10)
    item.save()
    dashboard = chief.get(reverse("wagtailadmin_home")).content.decode()
    local_end = timezone.localtime(item.expires_at, timezone.get_fixed_timezone(360))
    shown = formats.date_format(local_end, "SHORT_DATETIME_FORMAT")
    assert f"until {shown}, Asia/Bishkek time" in dashboard


def test_clearing_says_what_shows_next_and_a_chief_editor_can_end_all(newsroom):
    ru = newsroom.services["ru"]
    now = timezone.now()
    older = BreakingNews.objects.create(
        service=ru, headline="Older alert", starts_at=now - timedelta(hours=2)
    )
    newer = BreakingNews.objects.create(
        service=ru, headline="Newer alert", starts_at=now - timedelta(hours=1)
    )
    chief = newsroom.client(Role.CHIEF_EDITOR)
    dashboard = chief.get(reverse("wagtailadmin_home")).content.decode()
    # Clearing the banner readers see would bring back the older one: say so.
    assert "After clearing, readers see “Older alert”." in dashboard
    chief.post(form_action(dashboard, "End all"))
    for item in (older, newer):
        item.refresh_from_db()
        assert not item.is_active()
    assert "No breaking news." in chief.get(reverse("wagtailadmin_home")).content.decode()
    # Another service's chief editor cannot end this one's.
    other = newsroom.client(Role.CHIEF_EDITOR, "en")
    again = BreakingNews.objects.create(service=ru, headline="Third alert")
    url = reverse("breaking_news_clear_all", args=[ru.pk])
    assert other.post(url).status_code == 404
    again.refresh_from_db()
    assert again.is_active()
