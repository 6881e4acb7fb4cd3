"""Choosers open inside the user's own services: no other service's titles or pictures."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Collection

from kolokol.articles.models import ArticlePage
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


def test_tag_autocomplete_offers_only_the_users_services_tags(newsroom, client):
    ru, en = newsroom.services["ru"], newsroom.services["en"]
    factories.article(ru, title="Мост", topics=["summit-мосты"])
    secret = factories.article(en, title="Plans", topics=["summit-secret-deal"])
    secret.unpublish()  # a draft's tag is still a tag
    reporter = newsroom.client(Role.REPORTER, "ru")
    for url in (
        reverse("wagtailadmin_tag_autocomplete"),
        reverse("wagtailadmin_tag_model_autocomplete", args=["taggit", "tag"]),
    ):
        assert reporter.get(url, {"term": "summit"}).json() == ["summit-мосты"]
    everything = newsroom.client("admin").get(
        reverse("wagtailadmin_tag_autocomplete"), {"term": "summit"}
    )
    assert everything.json() == ["summit-secret-deal", "summit-мосты"]
    # Not signed in: the admin's sign-in, as for every admin address.
    assert client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": "s"}).status_code == 302


def test_the_user_editor_offers_kolokols_roles_only(newsroom):
    from django.contrib.auth.models import Group

    Group.objects.get_or_create(name="Moderators")  # Wagtail's starter group, back somehow
    page = newsroom.client("admin").get(reverse("wagtailusers_users:add")).content.decode()
    assert "Moderators" not in page
    assert "Kolokol RU: Корреспонденты" not in page  # named by service and role instead
    ru = newsroom.services["ru"]
    assert f"{ru.title}: Reporter" in page


def test_a_bulk_action_does_not_name_pages_the_user_may_not_see(two_services):
    from kolokol.articles.models import ArticlePage

    embargoed = ArticlePage.objects.get(title="Embargoed summit plan")
    own = ArticlePage.objects.get(title="Мост откроют весной")
    reporter = two_services.client(Role.EDITOR, "ru")
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
    html = reporter.get(f"{url}?id={embargoed.pk}&id={own.pk}").content.decode()
    assert "Embargoed summit plan" not in html
    assert "A page you may not see" in html


def test_the_article_chooser_lists_own_articles_newest_first_with_pictures(two_services):
    ru = two_services.services["ru"]
    picture = factories.image(title="Bridge at dawn")
    older = factories.article(ru, title="Старый мост закрыт", published_hours_ago=30)
    newer = factories.article(ru, title="Новый мост открыт", published_hours_ago=2)
    newer.lead_image = picture
    factories.publish(newer)
    chief = two_services.client(Role.CHIEF_EDITOR, "ru")
    listing = chief.get(reverse("article_chooser:choose")).json()["html"]
    assert listing.index(newer.title) < listing.index(older.title)
    assert "Embargoed summit plan" not in listing  # another service's draft
    # The lead picture beside the headline, a small rendition of it.
    row = listing[listing.index(newer.title) - 1500 : listing.index(newer.title)]
    assert '<img src="/media/images/' in row and 'alt=""' in row
    found = chief.get(reverse("article_chooser:choose_results"), {"q": "Старый"}).content
    assert older.title in found.decode() and newer.title not in found.decode()
    # Another service's article cannot be had by its number either.
    embargoed = two_services.services["en"].get_descendants().type(ArticlePage).get()
    assert chief.get(reverse("article_chooser:chosen", args=(embargoed.pk,))).status_code == 404


def test_the_home_page_picks_stories_with_the_article_chooser(two_services):
    ru = two_services.services["ru"]
    chief = two_services.client(Role.CHIEF_EDITOR, "ru")
    form = chief.get(reverse("wagtailadmin_pages:edit", args=(ru.pk,))).content.decode()
    assert reverse("article_chooser:choose") in form
