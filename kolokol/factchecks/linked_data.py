"""A fact-check as schema.org ``ClaimReview`` JSON-LD.

``kolokol.seo.head`` builds an article's NewsArticle data and hands it to
the page (``FactCheckPage.linked_data``); this turns it into a ClaimReview,
keeping what both types share. Every property used here is defined by
schema.org on the type it sits in (ClaimReview < Review < CreativeWork;
Claim < CreativeWork; Rating), and Google's fact-check rich result finds
what it requires: ``claimReviewed``, ``reviewRating.alternateName``, ``url``
and the fact-checker as ``author``.
"""

from __future__ import annotations

from typing import Any

# Taken over from the NewsArticle as they are: all are CreativeWork's (or Thing's).
SHARED = (
    "@context",
    "headline",
    "description",
    "datePublished",
    "dateModified",
    "inLanguage",
    "publisher",
    "mainEntityOfPage",
    "image",
)


def claim_review(page, article: dict[str, Any], canonical: str | None) -> dict[str, Any]:
    """The ClaimReview of ``page`` (a FactCheckPage with a rating) from its NewsArticle data."""
    rating = page.rating
    review: dict[str, Any] = {"@context": article["@context"], "@type": "ClaimReview"}
    review.update({key: article[key] for key in SHARED if article.get(key)})
    review["url"] = canonical
    # The fact-checker is the newsroom: Google shows its name with the verdict.
    review["author"] = article["publisher"]
    review["claimReviewed"] = page.claim
    review["itemReviewed"] = claim(page)
    review["reviewRating"] = {
        "@type": "Rating",
        "ratingValue": rating.value,
        "bestRating": rating.best_value,
        "worstRating": rating.worst_value,
        "alternateName": rating.label,
    }
    return review


def claim(page) -> dict[str, Any]:
    """The claim checked: who made it, when, and where it appeared."""
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": {"@type": page.claimant_type, "name": page.claimant},
    }
    if page.claim_date:
        item["datePublished"] = page.claim_date.isoformat()
    if page.claim_url:
        item["appearance"] = [{"@type": "CreativeWork", "url": page.claim_url}]
    return item
