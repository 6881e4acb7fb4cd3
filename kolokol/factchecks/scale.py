"""The rating scale a new service starts with, in the service's own language.

Every fact-checking newsroom words its verdicts its own way, so the scale is
data each service's editors may change (``Rating``, a snippet). A service
starts with five ratings; their labels are translated in the catalogue with
the context ``fact-check rating`` (a translator needs to know that "True"
is a verdict on a claim, not a yes/no value) and stored once, in the
service's language, when the service is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

# The context of the labels above (written out in each call: xgettext reads literals only).
CONTEXT = "fact-check rating"


@dataclass(frozen=True)
class DefaultRating:
    value: int  # 1 is the worst: a false claim
    label: Promise
    description: Promise


# "Unproven" sits in the middle: the claim is neither shown true nor false.
DEFAULT_SCALE = [
    DefaultRating(
        5,
        pgettext_lazy("fact-check rating", "True"),
        pgettext_lazy(
            "fact-check rating", "The claim is accurate and leaves out nothing that matters."
        ),
    ),
    DefaultRating(
        4,
        pgettext_lazy("fact-check rating", "Mostly true"),
        pgettext_lazy(
            "fact-check rating",
            "The claim is accurate in substance but needs context or a detail corrected.",
        ),
    ),
    DefaultRating(
        3,
        pgettext_lazy("fact-check rating", "Unproven"),
        pgettext_lazy(
            "fact-check rating",
            "The evidence available shows neither that the claim is true nor that it is false.",
        ),
    ),
    DefaultRating(
        2,
        pgettext_lazy("fact-check rating", "Misleading"),
        pgettext_lazy(
            "fact-check rating", "The claim contains some truth but leaves a false impression."
        ),
    ),
    DefaultRating(
        1,
        pgettext_lazy("fact-check rating", "False"),
        pgettext_lazy("fact-check rating", "The claim is wrong."),
    ),
]


def default_ratings(language: str) -> list[dict]:
    """The default scale's values, labels and descriptions in ``language``, best first.

    Plain data, so that a migration can make the same rows with its historical model.
    """
    with translation.override(language):
        return [
            {
                "value": rating.value,
                "label": str(rating.label),
                "description": str(rating.description),
            }
            for rating in DEFAULT_SCALE
        ]


@transaction.atomic
def ensure_default_scale(service) -> list:
    """Give ``service`` (a ServiceHomePage) the default scale if it has no ratings yet.

    Returns the ratings made (none when the service already has a scale of
    its own: editors' changes are never overwritten). Safe to run again.
    """
    from kolokol.factchecks.models import Rating

    if Rating.objects.filter(service=service).exists():
        return []
    rows = default_ratings(service.language)
    return Rating.objects.bulk_create([Rating(service=service, **row) for row in rows])
