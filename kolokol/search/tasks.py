"""Indexing as background work: an editor's publish does not wait for it.

What readers may no longer find leaves the index at once, in the editor's
own request (``index.withdraw``); adding and re-analysing articles, which for
a moved section or a service whose language changed means all its
articles, is a task any worker runs once the publish has committed.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task
from wagtail.models import Page

from kolokol.search import index


@task()
def index_page(page_id: int) -> int:
    """Bring the index up to date for ``page`` (an article, or every article below it)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:  # deleted since: its entries went with it
        return 0
    return index.update(page)


def follow(page: Page) -> None:
    """The index follows an event on ``page``: withdrawals now, the rest after the commit."""
    index.withdraw(page)
    page_id = page.pk

    def enqueue() -> None:
        from kolokol.publishing import runner

        index_page.enqueue(page_id=page_id)
        runner.ring()

    transaction.on_commit(enqueue)
