"""Per-service powers: which services a user may act for with a given permission."""

from __future__ import annotations

from django.db.models import QuerySet


def services_with(user, permission: str) -> QuerySet:
    """The service home pages where ``user`` holds ``permission`` ("app_label.codename").

    A user holds it for a service when one of their groups both carries the
    permission and is a ``ServiceTeam`` of that service. Superusers hold
    every permission for every service; inactive or anonymous users none.
    """
    from kolokol.services.models import ServiceHomePage

    services = ServiceHomePage.objects.all()
    if not getattr(user, "is_active", False) or not user.is_authenticated:
        return services.none()
    if user.is_superuser:
        return services
    app_label, codename = permission.split(".", 1)
    return services.filter(
        teams__group__user=user,
        teams__group__permissions__codename=codename,
        teams__group__permissions__content_type__app_label=app_label,
    ).distinct()


def can_act_for(user, permission: str, service) -> bool:
    """Whether ``user`` holds ``permission`` for ``service`` (a ServiceHomePage)."""
    return services_with(user, permission).filter(pk=service.pk).exists()
