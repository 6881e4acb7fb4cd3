"""The portal at ``/``, made once for an installation.

Wagtail's first migration leaves a "Welcome to your new Wagtail site!" page
as the site's root. Kolokol's services hang below a portal page instead; the
demo and ``kolokol setup --no-demo`` both make it here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from kolokol.services.models import PortalPage


@transaction.atomic
def portal(title: str = "", intro: str = "") -> tuple[PortalPage, bool]:
    """The portal, and whether it was made just now.

    A new portal becomes the root of the default site (every host name) and
    Wagtail's welcome page, no longer reachable, goes.
    """
    existing = PortalPage.objects.first()
    if existing:
        return existing, False
    title = title or settings.WAGTAIL_SITE_NAME
    page = PortalPage(title=title, slug="kolokol", intro=intro)
    Page.get_first_root_node().add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        is_default_site=True, hostname="localhost", port=80
    )
    old_root = site.root_page if site.pk else None
    site.root_page, site.site_name = page, title
    site.save()
    if old_root and old_root.specific_class is Page and old_root.pk != page.pk:
        old_root.delete()
    return page, True
