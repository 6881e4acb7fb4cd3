"""The public addresses of a service's corrections list, for the publisher and mirrors."""

from __future__ import annotations

from kolokol.core.pages import PER_PAGE, archive_page_of


def corrections_urls(service) -> list[str]:
    """The list's front and, once it runs past one page, every archive page."""
    from kolokol.corrections.models import notes_of_service

    front = service.corrections_url()
    if not front:
        return []
    total = notes_of_service(service).count()
    pages = archive_page_of(max(total - 1, 0), PER_PAGE)
    if pages < 2:
        return [front]
    return [front, *(f"{front}page/{number}/" for number in range(1, pages + 1))]
