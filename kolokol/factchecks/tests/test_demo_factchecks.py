"""The demo's fact-checks load into their services, once, and every one of them is complete."""

import pytest
from django.utils import timezone

from kolokol.demo import content_en, content_ru
from kolokol.demo import factchecks as demo_factchecks
from kolokol.demo.content_factchecks import FACT_CHECKS
from kolokol.factchecks.models import FactCheckIndexPage, FactCheckPage
from kolokol.factchecks.tests.test_linked_data import json_ld, violations
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def load(language, content):
    """The service with the sections and authors its fact-checks name, then the fact-checks."""
    home = factories.service(language)
    wanted = FACT_CHECKS[language]["fact_checks"]
    sections = {
        spec["slug"]: factories.section(home, spec["title"], spec["slug"])
        for spec in content.SECTIONS
        if spec["slug"] in {item["section"] for item in wanted}
    }
    names = {spec["slug"]: spec["name"] for spec in content.AUTHORS}
    authors = {
        slug: factories.author(home, names[slug]) for item in wanted for slug in item["authors"]
    }
    demo_factchecks.load(home, sections, authors, timezone.now())
    return home, sections, authors


@pytest.mark.parametrize(("language", "content"), [("ru", content_ru), ("en", content_en)])
def test_demo_fact_checks_are_complete_and_load_once(client, language, content):
    home, sections, authors = load(language, content)
    index = FactCheckIndexPage.objects.child_of(home).get()
    checks = list(FactCheckPage.objects.in_service(home))
    assert len(checks) == 2
    demo_factchecks.load(home, sections, authors, timezone.now())
    assert FactCheckPage.objects.descendant_of(home).count() == 2
    assert FactCheckIndexPage.objects.child_of(home).count() == 1
    listing = client.get(index.url).content.decode()
    for page, item in zip(
        sorted(checks, key=lambda page: page.slug),
        sorted(FACT_CHECKS[language]["fact_checks"], key=lambda item: item["slug"]),
        strict=True,
    ):
        assert page.rating.value == item["rating"]
        assert page.lead_image and page.lead_image.description
        assert page.sources and page.claim_date
        assert page.title in listing
        data = json_ld(client, page.url)
        assert data["@type"] == "ClaimReview" and violations(data) == []
