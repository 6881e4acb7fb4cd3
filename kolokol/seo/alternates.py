"""hreflang alternates: the same content in the other languages.

Service homes are each other's alternates, with the portal as ``x-default``.
Articles have no translation link yet (Wagtail's locales are not used: each
service is its own tree). When one exists, register a Wagtail hook::

    @hooks.register(ARTICLE_TRANSLATIONS_HOOK)
    def translations(article):
        return [("en", "/en/world/ferry-returns/")]  # (language, site-relative path)

and every article page will list its translations (and itself) as alternates.
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail import hooks

from kolokol.core import mirroring, sitefacts
from kolokol.seo.absolute import absolute

ARTICLE_TRANSLATIONS_HOOK = "kolokol_article_translations"


@dataclass(frozen=True)
class Alternate:
    language: str
    url: str


def service_alternates() -> list[Alternate]:
    """Every live service home in its language, and the portal for everyone else."""
    from kolokol.services.models import ServiceHomePage

    known = sitefacts.facts()
    homes = sorted(
        (
            page
            for page in known.upper_pages().values()
            if isinstance(page, ServiceHomePage)
            and not known.is_private(page)
            and mirroring.holds(page.url)  # a mirror names only the languages it holds
        ),
        key=lambda page: page.path,
    )
    found = [Alternate(home.language, absolute(home.url)) for home in homes]
    return [*found, Alternate("x-default", absolute("/"))] if found else []


def article_alternates(article) -> list[Alternate]:
    """The article's translations from the hook, plus the article itself, or nothing."""
    found = [
        Alternate(language, absolute(path))
        for hook in hooks.get_hooks(ARTICLE_TRANSLATIONS_HOOK)
        for language, path in hook(article)
    ]
    if not found or article.service is None:
        return []
    return [Alternate(article.service.language, absolute(article.url)), *found]
