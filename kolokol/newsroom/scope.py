"""Choosers open inside the user's own services.

Wagtail's permissions let a reporter choose from the whole page tree and
the whole image and document library (images at the library's root are
shared: the demo's and those uploaded before services had collections).
A reporter of one service must not even see the titles of another's
drafts, embargoed stories or pictures, so the choosers offer the user's
services only; administrators see everything.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.models import Collection, GroupCollectionPermission


def own_services(user) -> QuerySet:
    from kolokol.services.models import ServiceHomePage

    return ServiceHomePage.objects.filter(teams__group__user=user).distinct()


def pages_in_own_services(pages: QuerySet, user) -> QuerySet:
    if user.is_superuser:
        return pages
    paths = list(own_services(user).values_list("path", flat=True))
    if not paths:
        return pages.none()
    inside = Q()
    for path in paths:
        inside |= Q(path__startswith=path)
    return pages.filter(inside)


def media_in_own_services(items: QuerySet, user) -> QuerySet:
    if user.is_superuser:
        return items
    collections = GroupCollectionPermission.objects.filter(
        group__service_team__service__in=own_services(user)
    ).exclude(collection__depth=1)
    shared = Collection.get_first_root_node()
    return items.filter(Q(collection__in=collections.values("collection")) | Q(collection=shared))
