"""Issuing the day's editions: made, signed, kept for the offline page, written to a folder."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction

from kolokol.editions import build
from kolokol.editions.models import Edition
from kolokol.editions.views import SHOWN
from kolokol.services.models import ServiceHomePage


def issue(
    service: ServiceHomePage,
    *,
    days: int | None = None,
    now: datetime | None = None,
    directory: Path | None = None,
) -> list[build.EditionFile]:
    """Make the service's edition, keep it for ``/<service>/offline/`` and write it out."""
    files = build.make(service, days or settings.KOLOKOL_EDITION_DAYS, now)
    with transaction.atomic():
        for edition in files:
            Edition.objects.update_or_create(
                service=service,
                kind=edition.kind,
                made_on=edition.made_on,
                defaults={
                    "name": edition.name,
                    "content": edition.content,
                    "signature": edition.signature,
                },
            )
        # Older ones leave the page and the database; the folder keeps what it has.
        Edition.objects.filter(
            service=service, made_on__lte=files[0].made_on - timedelta(days=SHOWN)
        ).delete()
    build.write(files, directory or settings.KOLOKOL_EDITIONS_DIR)
    return files


def issue_all(now: datetime | None = None) -> int:
    """Every live service's edition; how many services."""
    services = ServiceHomePage.objects.live().public()
    for service in services:
        issue(service, now=now)
    return len(services)
