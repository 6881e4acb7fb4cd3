"""Ratings, their default scale in each service's language, and the fact-check's own rules."""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.utils import translation

from kolokol.articles.models import ArticlePage
from kolokol.factchecks.models import FactCheckIndexPage, FactCheckPage, Rating
from kolokol.factchecks.scale import DEFAULT_SCALE, ensure_default_scale
from kolokol.factchecks.tests import factories as fc
from kolokol.newsroom.launch import add_service
from kolokol.sections.models import SectionPage
from kolokol.testing import factories

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"^[А-Яа-яЁё ,.\-—–«»]+$")
# The Russian catalogue's words for the default scale.
RUSSIAN = {
    "True": "Правда",
    "Mostly true": "В основном правда",
    "Unproven": "Не доказано",
    "Misleading": "Вводит в заблуждение",
    "False": "Неправда",
}


def scale(home) -> list[tuple[int, str]]:
    return list(
        Rating.objects.filter(service=home).order_by("-value").values_list("value", "label")
    )


def test_a_new_service_starts_with_the_default_scale():
    home = factories.service("en")
    assert scale(home) == [
        (5, "True"),
        (4, "Mostly true"),
        (3, "Unproven"),
        (2, "Misleading"),
        (1, "False"),
    ]
    assert all(rating.description for rating in Rating.objects.filter(service=home))


def test_the_default_scale_is_in_the_services_language():
    with translation.override("en"):  # whatever the editor's own language
        ru = add_service(language="ru", name="Колокол", slug="ru").home
    labels = [label for _value, label in scale(ru)]
    assert all(CYRILLIC.match(label) for label in labels), labels
    assert labels == list(RUSSIAN.values())
    with translation.override("ru"):
        assert labels == [str(rating.label) for rating in DEFAULT_SCALE]
    # Another service's scale is in its own language, and their own rows.
    en = factories.service("en")
    assert [label for _value, label in scale(en)][0] == "True"


def test_the_scale_is_made_once_and_editors_changes_stay():
    home = factories.service("en")
    false = fc.rating(home, 1)
    false.label = "Pants on fire"
    false.save()
    Rating.objects.filter(service=home, value=3).delete()
    assert ensure_default_scale(home) == []
    assert len(scale(home)) == 4 and (1, "Pants on fire") in scale(home)


def test_the_migration_gives_existing_services_the_default_scale():
    migration = importlib.import_module("kolokol.factchecks.migrations.0002_default_scales")
    kept = factories.service("en")
    bare = factories.service("ru")
    fc.rating(kept, 2).delete()
    Rating.objects.filter(service=bare).delete()
    migration.default_scales(django_apps, None)
    assert [value for value, _label in scale(bare)] == [5, 4, 3, 2, 1]
    assert [value for value, _label in scale(kept)] == [5, 4, 3, 1]


def test_a_scale_has_one_rating_per_position_and_label():
    home = factories.service("en")
    with pytest.raises(ValidationError) as error:
        Rating(service=home, label="Half true", value=3).full_clean()
    assert "already has a rating at this position" in str(error.value)
    with pytest.raises(ValidationError) as error:
        Rating(service=home, label="False", value=9).full_clean()
    assert "already has a rating with this label" in str(error.value)
    with pytest.raises(ValidationError):
        Rating(service=home, label="Worse than false", value=0).full_clean()
    # Another service may use the same words and places.
    Rating.objects.create(service=home, label="Half true", value=9)
    Rating(service=factories.service("ru"), label="Half true", value=9).full_clean()


def test_a_verdict_in_use_stays_with_its_service():
    en = factories.service("en")
    ru = factories.service("ru")
    unused, used = fc.rating(en, 3), fc.rating(en, 2)
    fc.fact_check(en, value=2)
    used.service = ru
    used.value = 20
    with pytest.raises(ValidationError) as error:
        used.full_clean()
    assert "service" in error.value.message_dict
    unused.service, unused.value, unused.label = ru, 30, "Moved"
    unused.full_clean()


def test_the_tone_follows_the_place_on_the_scale_not_the_words():
    home = factories.service("en")
    tones = {value: fc.rating(home, value).tone for value in range(1, 6)}
    assert tones == {1: "low", 2: "low", 3: "middle", 4: "high", 5: "high"}


def test_a_verdict_must_come_from_the_services_own_scale():
    en = factories.service("en")
    ru = factories.service("ru")
    page = fc.fact_check(en)
    page.rating = fc.rating(ru, 1)
    with pytest.raises(ValidationError) as error:
        page.save_revision()
    assert "rating" in error.value.message_dict


def test_a_fact_check_is_published_with_a_verdict_only():
    home = factories.service("en")
    page = fc.fact_check(home)
    page.rating = None
    with pytest.raises(ValidationError) as error:
        page.save_revision().publish()
    assert "rating" in error.value.message_dict


def test_a_rating_in_use_cannot_be_deleted():
    from django.db.models import ProtectedError

    home = factories.service("en")
    fc.fact_check(home, value=2)
    with pytest.raises(ProtectedError):
        fc.rating(home, 2).delete()


def test_a_fact_check_is_an_article_of_its_section_and_service():
    home = factories.service("en")
    section = SectionPage.objects.child_of(home).first()
    older = fc.fact_check(home, title="Older check", published_hours_ago=2)
    article = factories.article(home, title="A plain story", published_hours_ago=1)
    newer = fc.fact_check(home, title="Newer check")
    listed = list(section.articles().values_list("pk", flat=True))
    assert listed == [newer.pk, article.pk, older.pk]
    assert list(FactCheckPage.objects.in_service(home)) == [newer, older]
    assert list(FactCheckPage.objects.in_section(section).values_list("pk", flat=True)) == [
        newer.pk,
        older.pk,
    ]
    assert isinstance(ArticlePage.objects.get(pk=newer.pk).specific, FactCheckPage)


def test_one_fact_check_index_per_service():
    home = factories.service("en")
    assert FactCheckIndexPage.can_create_at(home)
    assert not FactCheckIndexPage.can_create_at(SectionPage.objects.child_of(home).first())
    fc.index(home)
    assert not FactCheckIndexPage.can_create_at(home)
    assert FactCheckIndexPage.can_create_at(factories.service("ru"))
    section = SectionPage.objects.child_of(home).first()
    assert FactCheckPage.can_create_at(section)
    assert not FactCheckPage.can_create_at(home)
