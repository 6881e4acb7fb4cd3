"""Scheduled publishing and expiry, set in the admin and carried out by the real worker.

The clock is moved with time-machine rather than waited for: the worker
(Wagtail's publish_scheduled) compares with the time it reads, so moving the
clock past the embargo is what the passing of time would do, on a machine of
any speed.
"""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from kolokol.newsroom.models import Role
from kolokol.newsroom.tests.conftest import add_article, admin_time, edit_article, make_newsroom

# The worker closes its database connection between rounds, as it must in
# production: that needs real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    call_command("worker", once=True, stdout=StringIO())


def test_an_article_scheduled_in_the_admin_goes_live_then_expires_by_the_worker(client):
    room = make_newsroom()
    editor = room.client(Role.EDITOR)
    page = add_article(editor, room.services["ru"], "Budget vote results")
    go_live = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    edit_article(editor, page, go_live_at=admin_time(go_live), **{"action-publish": "publish"})

    page = Page.objects.get(pk=page.pk)
    assert not page.live and page.scheduled_revision is not None
    assert client.get(page.url).status_code == 404  # embargoed: readers see nothing yet
    # The admin says so on the page's edit screen.
    edit_screen = editor.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content
    assert b"has been scheduled to go live at" in edit_screen
    assert ("wagtail.publish.schedule", "editor-ru") in set(
        PageLogEntry.objects.filter(page=page).values_list("action", "user__username")
    )
    run_worker()  # before its time the worker leaves it alone
    assert not Page.objects.get(pk=page.pk).live

    with time_machine.travel(go_live + timedelta(seconds=2), tick=True):
        run_worker()
        page = Page.objects.get(pk=page.pk)
        assert page.live
        assert client.get(page.url).status_code == 200

        expiry = timezone.now().replace(microsecond=0) + timedelta(hours=1)
        edit_article(editor, page, expire_at=admin_time(expiry), **{"action-publish": "publish"})
        run_worker()
        assert Page.objects.get(pk=page.pk).live

    with time_machine.travel(expiry + timedelta(seconds=2), tick=True):
        run_worker()
        page = Page.objects.get(pk=page.pk)
        assert not page.live and page.expired
        assert client.get(page.url).status_code == 404
