"""A fact-check tells search engines what it is: a schema.org ClaimReview, valid to the letter."""

import json
from datetime import date

import html5lib
import pytest
from django.conf import settings

from kolokol.factchecks.tests import factories as fc
from kolokol.testing import factories

pytestmark = pytest.mark.django_db
BASE = settings.KOLOKOL_BASE_URL

# Properties schema.org defines on each type used, with those it inherits
# (https://schema.org/ClaimReview, /Claim, /Rating, /Organization …), as
# far as a fact-check could use them. A property not listed for its type is
# a mistake: search engines ignore it, or the validator flags it.
THING = {"name", "url", "image", "description", "alternateName", "sameAs", "identifier"}
THING |= {"mainEntityOfPage"}
CREATIVE_WORK = THING | {
    "author",
    "datePublished",
    "dateModified",
    "headline",
    "inLanguage",
    "publisher",
    "text",
    "about",
    "keywords",
    "isAccessibleForFree",
}
REVIEW = CREATIVE_WORK | {"itemReviewed", "reviewRating", "reviewBody", "reviewAspect"}
SCHEMA = {
    "ClaimReview": REVIEW | {"claimReviewed"},
    "Claim": CREATIVE_WORK | {"appearance", "firstAppearance", "claimInterpreter"},
    "Rating": THING
    | {"ratingValue", "bestRating", "worstRating", "ratingExplanation", "author", "reviewAspect"},
    "Organization": THING | {"logo", "email", "address"},
    "Person": THING | {"jobTitle", "affiliation"},
    "ImageObject": CREATIVE_WORK | {"contentUrl", "width", "height", "caption"},
    "WebPage": CREATIVE_WORK,
    "CreativeWork": CREATIVE_WORK,
}
# What each property's value must be (the types schema.org expects).
EXPECTED = {
    "author": {"Organization", "Person"},
    "publisher": {"Organization", "Person"},
    "itemReviewed": {"Claim"},
    "reviewRating": {"Rating"},
    "appearance": {"CreativeWork"},
    "logo": {"ImageObject"},
    "mainEntityOfPage": {"WebPage"},
}


def json_ld(client, url: str) -> dict:
    html = client.get(url).content.decode()
    head = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html).find("head")
    [script] = [s for s in head.iter("script") if s.get("type") == "application/ld+json"]
    return json.loads(script.text)


def violations(node, where: str = "") -> list[str]:
    """Every property not defined on its type, and every value of the wrong type."""
    found = []
    if isinstance(node, list):
        for item in node:
            found += violations(item, where)
        return found
    if not isinstance(node, dict):
        return found
    kind = node.get("@type")
    allowed = SCHEMA.get(kind)
    if allowed is None:
        return [f"{where or 'root'}: unknown type {kind!r}"]
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in allowed:
            found.append(f"{where}{kind}.{key} is not a schema.org property of {kind}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if key in EXPECTED and item.get("@type") not in EXPECTED[key]:
                    found.append(f"{where}{kind}.{key} holds a {item.get('@type')}")
                found += violations(item, f"{where}{kind}.{key} > ")
    return found


@pytest.fixture
def home():
    return factories.service("en", title="Kolokol · Wrenmouth")


def test_a_fact_check_is_a_claim_review_with_what_google_requires(client, home):
    page = fc.fact_check(
        home,
        title="Has the ferry halved its winter sailings?",
        value=2,
        claim="The new timetable cuts winter sailings by half.",
        claimant="Councillor Rhys Bannon",
        claim_date=date(2025, 10, 13),
        claim_url="https://example.org/minutes",
        lead_image=factories.image(description="A ferry leaving the harbour"),
    )
    data = json_ld(client, page.url)
    assert violations(data) == []
    assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
    # Google's required properties: the claim, the verdict's words, the page.
    assert data["claimReviewed"] == "The new timetable cuts winter sailings by half."
    assert data["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Misleading",
    }
    assert data["url"] == BASE + page.url
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": BASE + page.url}
    # The fact-checker is the service; the claim is the councillor's.
    assert data["author"]["@type"] == "Organization"
    assert data["author"]["name"] == "Kolokol · Wrenmouth"
    assert data["author"] == data["publisher"]
    assert data["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Councillor Rhys Bannon"},
        "datePublished": "2025-10-13",
        "appearance": [{"@type": "CreativeWork", "url": "https://example.org/minutes"}],
    }
    assert data["headline"] == "Has the ferry halved its winter sailings?"
    assert data["datePublished"] == page.first_published_at.isoformat()
    assert data["inLanguage"] == "en"
    assert data["image"][0].startswith(BASE + "/media/")


def test_an_organisations_claim_without_date_or_address(client, home):
    page = fc.fact_check(
        home,
        value=5,
        claimant="Wrenmouth Community Noticeboard",
        claimant_kind="organization",
    )
    data = json_ld(client, page.url)
    assert violations(data) == []
    assert data["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "Wrenmouth Community Noticeboard"},
    }
    assert data["reviewRating"]["alternateName"] == "True"
    assert data["reviewRating"]["ratingValue"] == data["reviewRating"]["bestRating"] == 5
    assert "image" not in data


def test_the_table_catches_a_property_schema_org_does_not_define():
    # The check above is only as good as its table: a NewsArticle's
    # "articleSection" on a ClaimReview, or a Person as the verdict, fail it.
    assert violations({"@type": "ClaimReview", "articleSection": "Town"}) == [
        "ClaimReview.articleSection is not a schema.org property of ClaimReview"
    ]
    assert violations({"@type": "ClaimReview", "reviewRating": {"@type": "Person"}}) == [
        "ClaimReview.reviewRating holds a Person"
    ]


def test_a_plain_article_stays_a_news_article(client, home):
    article = factories.article(home)
    assert json_ld(client, article.url)["@type"] == "NewsArticle"
