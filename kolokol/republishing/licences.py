"""What each republishing licence a service may choose means for partner sites.

The choice itself is a field of the service (``RepublishingLicence`` in
``kolokol.services.models``); here is each licence's name as Creative
Commons writes it, the address of its deed (a plain link: nothing is
fetched from Creative Commons), and which of its conditions the partners'
page spells out.
"""

from __future__ import annotations

from dataclasses import dataclass

from kolokol.services.models import RepublishingLicence


@dataclass(frozen=True)
class Licence:
    # The licence's own short name, the same in every language (as on its deeds).
    name: str
    deed: str
    no_changes: bool  # ND: no adapted versions may be shared
    not_for_sale: bool  # NC: no commercial use


LICENCES: dict[str, Licence] = {
    RepublishingLicence.CC_BY: Licence(
        "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/", False, False
    ),
    RepublishingLicence.CC_BY_ND: Licence(
        "CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/", True, False
    ),
    RepublishingLicence.CC_BY_NC_ND: Licence(
        "CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/", True, True
    ),
}


def of(service) -> Licence | None:
    """The licence ``service`` offers its articles under (None: none, or one no longer known)."""
    return LICENCES.get(service.republishing_licence)
