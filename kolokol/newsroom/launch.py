"""A new language service, ready for its newsroom, in one call.

``add_service`` is what ``kolokol service add`` and the administrators' form
in the admin (Settings → Language services) both run. It makes the
service's home page under the portal, a small set of sections, the topic
and author indexes, and then the service's roles and review workflow
(``roles.setup_service``). Everything it makes is published through
Wagtail, so the publisher, the search index and the feeds follow as for any
page an editor publishes. Running it again for the same service makes
nothing and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import get_resolver
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, WorkflowPage

from kolokol.core.pages import SERVICE_DEPTH
from kolokol.core.slugs import slug_from_title
from kolokol.newsroom.models import ServiceTeam
from kolokol.newsroom.roles import ROLES, setup_service
from kolokol.people.models import AuthorIndexPage
from kolokol.sections.models import SectionPage, TopicIndexPage
from kolokol.services.models import ServiceHomePage, validate_time_zone
from kolokol.services.portal import portal

# A service's address is its first path segment (/uz/): plain Latin letters,
# digits and hyphens, which every shell, nginx map and mirror folder takes as is.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 50
# The sections a new service starts with (its editors add and rename them),
# named in the service's language where Kolokol has a translation. The
# English name gives the address when the translated one has no letters a
# URL can keep.
DEFAULT_SECTIONS = [
    ("news", gettext_lazy("News")),
    ("society", gettext_lazy("Society")),
    ("culture", gettext_lazy("Culture")),
]
TOPICS = ("topics", gettext_lazy("Topics"))
AUTHORS = ("authors", gettext_lazy("Authors"))


class ServiceError(ValueError):
    """The service cannot be made as asked; the message says why, in one line."""


@dataclass
class ServiceAdded:
    home: ServiceHomePage
    # What this call created, for the command's report (in English, as its other output).
    made: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.made)


def reserved_slugs() -> set[str]:
    """First path segments Kolokol itself answers (admin, api, media …): no service there."""
    reserved = {settings.STATIC_URL.strip("/"), settings.MEDIA_URL.strip("/")}
    for pattern in get_resolver().url_patterns:
        first = str(pattern.pattern).lstrip("^").split("/", 1)[0]
        if SLUG.match(first):
            reserved.add(first)
    return reserved


def check(language: str, name: str, slug: str, time_zone: str) -> ServiceHomePage | None:
    """Refuse a request that cannot be a service; the existing one if it is already there."""
    languages = dict(settings.LANGUAGES)
    if language not in languages:
        raise ServiceError(
            _(
                "Unknown language “%(language)s”: the languages are %(known)s "
                "(more can be added with KOLOKOL_EXTRA_LANGUAGES)."
            )
            % {"language": language, "known": ", ".join(languages)}
        )
    if not name.strip():
        raise ServiceError(_("The service needs a name."))
    if len(slug) > MAX_SLUG or not SLUG.match(slug):
        raise ServiceError(
            _(
                "“%(slug)s” cannot be a service address: use lower-case Latin letters, "
                "digits and hyphens, e.g. uz or news-uz."
            )
            % {"slug": slug}
        )
    if slug in reserved_slugs():
        raise ServiceError(
            _("The address /%(slug)s/ is used by Kolokol itself; choose another.") % {"slug": slug}
        )
    try:
        validate_time_zone(time_zone)
    except ValidationError as error:
        raise ServiceError(error.messages[0]) from None
    existing = Page.objects.filter(depth=SERVICE_DEPTH, slug=slug).specific().first()
    if existing is not None:
        home = existing if isinstance(existing, ServiceHomePage) else None
        if home is None or home.language != language or home.title != name:
            raise ServiceError(
                _("The address /%(slug)s/ is taken by the service “%(name)s”.")
                % {"slug": slug, "name": existing.title}
            )
        return home
    # Its groups, workflow and media collection are named after it.
    namesake = ServiceHomePage.objects.filter(title=name).first()
    if namesake is not None:
        raise ServiceError(
            _("The service at /%(slug)s/ is already called “%(name)s”; choose another name.")
            % {"slug": namesake.slug, "name": name}
        )
    return None


def _publish(page: Page) -> None:
    page.save_revision().publish()
    page.refresh_from_db()


def _child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    _publish(page)
    return page


@transaction.atomic
def add_service(*, language: str, name: str, slug: str, time_zone: str = "UTC") -> ServiceAdded:
    """Make the service ``slug`` in ``language``, or complete it; raises ``ServiceError``."""
    name = name.strip()
    home = check(language, name, slug, time_zone)
    result = ServiceAdded(home=home)
    if home is None:
        portal_page, created = portal()
        if created:
            result.made.append("portal")
        home = ServiceHomePage(title=name, slug=slug, language=language, time_zone=time_zone)
        _child(portal_page, home)
        result.home = home
        result.made.append("home page")
    with translation.override(language):
        # The pages' names in the service's language.
        sections = [(english, str(title)) for english, title in DEFAULT_SECTIONS]
        topics, authors = str(TOPICS[1]), str(AUTHORS[1])
    if not SectionPage.objects.child_of(home).exists():
        for english, title in sections:
            section_slug = slug_from_title(title) or english
            _child(home, SectionPage(title=title, slug=section_slug, show_in_menus=True))
            result.made.append(f"section “{title}”")
    if not TopicIndexPage.objects.child_of(home).exists():
        _child(home, TopicIndexPage(title=topics, slug=TOPICS[0]))
        result.made.append("topic index")
    if not AuthorIndexPage.objects.child_of(home).exists():
        _child(home, AuthorIndexPage(title=authors, slug=AUTHORS[0]))
        result.made.append("author index")
    had_roles = (
        ServiceTeam.objects.filter(service=home).count() == len(ROLES)
        and WorkflowPage.objects.filter(page=home).exists()
    )
    setup_service(home)
    if not had_roles:
        result.made.append("roles and review workflow")
    return result
