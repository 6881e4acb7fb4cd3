"""Which demo services let partner sites republish their articles, and the one that opts out.

Data for ``loader.py``, applied when it creates a service or an article
(running the loader again changes nothing an editor has set since).
"""

from __future__ import annotations

from kolokol.services.models import RepublishingLicence

SERVICES = {
    "en": RepublishingLicence.CC_BY_ND,
    "ru": RepublishingLicence.CC_BY_ND,
}
TERMS = {
    "en": "Tell us at partners@example.org when you republish one of our articles.",
    "ru": "Напишите нам на partners@example.org, когда перепечатаете нашу статью.",
}
# The residents quoted asked for their words to stay on our site only.
NOT_ALLOWED = {("en", "hollin-sands-residents-committee")}


def service_fields(slug: str) -> dict:
    """The republishing fields of the demo service with ``slug``."""
    if slug not in SERVICES:
        return {}
    return {
        "republishing_allowed": True,
        "republishing_licence": SERVICES[slug],
        "republishing_terms": TERMS.get(slug, ""),
    }


def article_choice(service_slug: str, article_slug: str) -> bool | None:
    """The article's own republishing choice: no for the one that opts out, else its service's."""
    return False if (service_slug, article_slug) in NOT_ALLOWED else None
