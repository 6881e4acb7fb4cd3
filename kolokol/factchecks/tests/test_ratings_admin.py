"""Who keeps a service's rating scale: its editors and chief editors, for their own service only.

Through the admin's real views, as each role's user; the outcome is read
from the database.
"""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import streamfield

from kolokol.factchecks.models import FactCheckPage, Rating
from kolokol.factchecks.tests import factories as fc
from kolokol.factchecks.wagtail_hooks import rating_viewset
from kolokol.newsroom.models import Role
from kolokol.newsroom.tests.conftest import (
    ADMIN,
    ROLE_NAMES,
    article_data,
    make_newsroom,
    section_of,
)
from kolokol.testing import factories

pytestmark = pytest.mark.django_db
_n = itertools.count(1)


@pytest.fixture
def newsroom(db):
    return make_newsroom()


def url(view: str, *args) -> str:
    return reverse(rating_viewset.get_url_name(view), args=args)


def see_the_scale(room, client, home):
    rating = fc.rating(home, 3)
    listing = client.get(url("list"))
    return listing.status_code == 200 and f'{url("edit", rating.pk)}"' in listing.content.decode()


def add_a_rating(room, client, home):
    label = f"Half true {next(_n)}"
    client.post(url("add"), {"service": home.pk, "label": label, "value": 40, "description": ""})
    return Rating.objects.filter(service=home, label=label).exists()


def rename_a_rating(room, client, home):
    rating = fc.rating(home, 3)
    label = f"Not proven {next(_n)}"
    data = {"service": home.pk, "label": label, "value": 3, "description": ""}
    client.post(url("edit", rating.pk), data)
    rating.refresh_from_db()
    return rating.label == label


def take_a_rating_off_the_scale(room, client, home):
    rating = Rating.objects.create(service=home, label=f"Spare {next(_n)}", value=50)
    client.post(url("delete", rating.pk))
    return not Rating.objects.filter(pk=rating.pk).exists()


ACTIONS = [see_the_scale, add_a_rating, rename_a_rating, take_a_rating_off_the_scale]
KEEPING = {see_the_scale, add_a_rating, rename_a_rating}
ALLOWED_IN_OWN_SERVICE = {
    Role.REPORTER: set(),
    Role.EDITOR: KEEPING,
    Role.CHIEF_EDITOR: KEEPING | {take_a_rating_off_the_scale},
    Role.MODERATOR: set(),
    ADMIN: set(ACTIONS),
}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_each_role_keeps_the_scale_of_its_own_service_only(newsroom, role):
    client = newsroom.client(role, "ru")
    wrong = []
    for action, slug in itertools.product(ACTIONS, ("ru", "en")):
        allowed = action in ALLOWED_IN_OWN_SERVICE[role] and (slug == "ru" or role == ADMIN)
        done = action(newsroom, client, newsroom.services[slug])
        if done != allowed:
            wrong.append(f"{action.__name__} in {slug}: {'done' if done else 'refused'}")
    assert not wrong, f"{role}: " + "; ".join(wrong)


def test_an_editor_is_offered_only_their_own_service(newsroom):
    ru, en = newsroom.services["ru"], newsroom.services["en"]
    form = newsroom.client(Role.EDITOR).get(url("add")).content.decode()
    assert f'<option value="{ru.pk}" selected>' in form
    assert f'<option value="{en.pk}"' not in form


def test_bulk_delete_with_select_all_takes_only_the_users_own_services_ratings(newsroom):
    ru, en = newsroom.services["ru"], newsroom.services["en"]
    chief = newsroom.client(Role.CHIEF_EDITOR, "en")
    bulk = reverse("wagtail_bulk_action", args=("factchecks", "rating", "delete"))
    chief.post(bulk + "?id=all")
    assert not Rating.objects.filter(service=en).exists()
    assert Rating.objects.filter(service=ru).count() == 5


def test_a_rating_in_use_is_not_deleted_from_the_admin(newsroom):
    ru = newsroom.services["ru"]
    fc.fact_check(ru, value=1)
    chief = newsroom.client(Role.CHIEF_EDITOR)
    rating = fc.rating(ru, 1)
    chief.post(url("delete", rating.pk))
    assert Rating.objects.filter(pk=rating.pk).exists()


def test_the_fact_check_form_offers_the_services_own_verdicts(newsroom):
    ru, en = newsroom.services["ru"], newsroom.services["en"]
    section = section_of(ru)
    reporter = newsroom.client(Role.REPORTER)
    add = reverse("wagtailadmin_pages:add", args=("factchecks", "factcheckpage", section.pk))
    form = reporter.get(add)
    assert form.status_code == 200
    html = form.content.decode()
    assert "Claim and verdict" in html and "Reasoning" in html
    for rating in Rating.objects.filter(service=ru):
        assert f'name="rating" value="{rating.pk}"' in html
    for rating in Rating.objects.filter(service=en):
        assert f'name="rating" value="{rating.pk}"' not in html
    # The form class itself, as the edit view builds it for an existing page.
    page = fc.fact_check(ru)
    form_class = FactCheckPage.get_edit_handler().get_form_class()
    bound = form_class(instance=page, for_user=newsroom.user(Role.EDITOR), parent_page=section)
    assert [r.value for r in bound.fields["rating"].queryset] == [5, 4, 3, 2, 1]
    assert {r.service_id for r in bound.fields["rating"].queryset} == {ru.pk}


def fact_check_form(title: str, author_pk: int, rating: Rating, **actions) -> dict:
    """The new fact-check form as the admin sends it."""
    return article_data(
        None,
        title,
        author_pk,
        claim="The ferry carried a million people last year.",
        claimant="Councillor Rhys Bannon",
        claimant_kind="person",
        claim_date="2025-03-14",
        claim_url="https://example.org/minutes",
        rating=str(rating.pk),
        sources=streamfield([("source", {"title": "Harbour counts", "url": "", "note": ""})]),
        **actions,
    )


def test_an_editor_publishes_a_fact_check_from_the_admin(newsroom):
    ru, en = newsroom.services["ru"], newsroom.services["en"]
    section = section_of(ru)
    add = reverse("wagtailadmin_pages:add", args=("factchecks", "factcheckpage", section.pk))
    writer = factories.author(ru)
    editor = newsroom.client(Role.EDITOR)
    # Another service's verdict, asked for by its number, is refused.
    editor.post(add, fact_check_form("Foreign verdict", writer.pk, fc.rating(en, 1)))
    assert not FactCheckPage.objects.filter(title="Foreign verdict").exists()
    data = fact_check_form("Ferry claim checked", writer.pk, fc.rating(ru, 2))
    editor.post(add, {**data, "action-publish": "publish"})
    page = FactCheckPage.objects.get(title="Ferry claim checked")
    assert page.live and page.rating == fc.rating(ru, 2)
    assert page.claim_date.isoformat() == "2025-03-14"
    assert [block.value["title"] for block in page.sources] == ["Harbour counts"]
