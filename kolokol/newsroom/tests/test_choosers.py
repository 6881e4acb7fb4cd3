"""Choosers open inside the user's own services: no other service's titles or pictures."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Collection

from kolokol.newsroom.models import Role
from kolokol.newsroom.roles import service_collection
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_services(newsroom):
    ru, en = newsroom.services["ru"], newsroom.services["en"]
    factories.article(ru, title="Мост откроют весной")
    embargoed = factories.article(en, title="Embargoed summit plan")
    embargoed.unpublish()
    images = {}
    for slug, home in (("ru", ru), ("en", en)):
        image = factories.image(title=f"Picture of {slug}")
        image.collection = service_collection(home)
        image.save()
        images[slug] = image
    factories.image(title="Shared library picture")  # at the library's root
    return newsroom


def test_the_page_chooser_shows_only_the_users_services(two_services):
    reporter = two_services.client(Role.REPORTER, "ru")
    for query in ("Embargoed", "summit", "Мост"):
        found = reporter.get(
            reverse("wagtailadmin_choose_page_search"), {"q": query}
        ).content.decode()
        assert "Embargoed summit plan" not in found
    assert (
        "Мост откроют весной"
        in reporter.get(reverse("wagtailadmin_choose_page_search"), {"q": "Мост"}).content.decode()
    )
    # An administrator still chooses from everything.
    boss = two_services.client("admin")
    found = boss.get(
        reverse("wagtailadmin_choose_page_search"), {"q": "Embargoed"}
    ).content.decode()
    assert "Embargoed summit plan" in found


def test_the_image_chooser_shows_the_services_and_the_shared_pictures(two_services):
    reporter = two_services.client(Role.REPORTER, "ru")
    listing = reporter.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert "Picture of ru" in listing and "Shared library picture" in listing
    assert "Picture of en" not in listing
    assert Collection.objects.count() >= 3
