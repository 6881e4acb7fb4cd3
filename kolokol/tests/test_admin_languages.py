"""A Kyrgyz or Persian editor's admin speaks their language, Wagtail's own strings included.

Wagtail has no Kyrgyz catalogue and half a Persian one; kolokol/admin_locale
fills in what editors meet every day. This visits those pages as an editor
and as an administrator and names every string of Wagtail's still shown in
English (matched against Wagtail's own message ids, so articles' titles,
people's names and time-zone names do not count).
"""

from __future__ import annotations

import glob
import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import wagtail
from django.contrib.auth.models import User
from django.test import Client
from wagtail.models import Workflow
from wagtail.users.models import UserProfile

from kolokol.newsroom.models import Role
from kolokol.newsroom.roles import setup_service
from kolokol.sections.models import SectionPage
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db

# What Wagtail turns into text once per process, in the language active when
# the module is imported (filter labels and column headings of its reports,
# redirects, users and workflows screens; the image chooser's search form;
# the snippet chooser's button; the explorer's empty cell), or writes in
# English in its own templates ("the list of the pages"). No catalogue can
# reach these; they are translated in Wagtail's or in kolokol/admin_locale,
# and follow once Wagtail makes them per request.
MADE_AT_IMPORT = {
    "Actions", "All", "Choose", "Documents", "Home", "None", "Page", "Permanent",
    "Requested by", "Search", "Site", "Status", "Tags", "Task", "Temporary", "Type",
    "Workflow", "Workflows", "the list of the pages", "1-3 of 3 pages", "3 pages", "6 pages",
    "Add user: Колдонуучу",
}  # fmt: skip

HIDDEN = {"script", "style", "svg", "template"}
SPOKEN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}


class VisibleText(HTMLParser):
    """The text a reader of the page sees or hears: content and spoken attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in HIDDEN
        self.texts += [value for name, value in attrs if name in SPOKEN_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        self.hidden -= tag in HIDDEN

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(" ".join(data.split()))


@cache
def wagtail_messages() -> list[tuple[str, re.Pattern]]:
    """Wagtail's English message ids, each as a pattern its rendered text matches."""
    root = Path(wagtail.__file__).parent
    ids = set()
    for po in glob.glob(f"{root}/**/locale/ru/LC_MESSAGES/django.po", recursive=True):
        for entry in polib.pofile(po):
            ids.update(filter(None, (entry.msgid, entry.msgid_plural)))
    patterns = []
    for msgid in ids:
        words = re.sub(r"%\(\w+\)[sd]|%[sd]", "", msgid)
        if not re.search(r"[A-Za-z]{3}", words):
            continue  # only placeholders: nothing in it to translate
        text = re.escape(" ".join(msgid.split()))
        text = re.sub(r"%\\\(\w+\\\)d|%d", r"\\d+", text)  # a number
        text = re.sub(r"%\\\(\w+\\\)s|%s", ".+?", text)
        patterns.append((msgid, re.compile(f"^{text}$", re.S)))
    return patterns


def english_left(client: Client, urls: list[str]) -> dict[str, str]:
    found = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        body = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            body = json.loads(body).get("html", "")
        parser = VisibleText()
        parser.feed(body)
        for text in parser.texts:
            text = text.removesuffix(" - Wagtail")  # a page's <title>
            if not re.search(r"[A-Za-z]{3}", text) or text in found or text in MADE_AT_IMPORT:
                continue
            # The most specific of Wagtail's messages that the text can be.
            matches = [msgid for msgid, pattern in wagtail_messages() if pattern.match(text)]
            if matches:
                msgid = max(matches, key=lambda m: len(re.sub(r"%\(\w+\)[sd]|%[sd]", "", m)))
                found[text] = f"{url} (Wagtail's {msgid!r})"
    return found


@pytest.mark.parametrize("language", ["ky", "fa"])
def test_the_editors_admin_pages_have_no_wagtail_string_left_in_english(language):
    factories.wagtail_tree()
    home = factories.service(language)
    section = SectionPage.objects.child_of(home).first()
    article = factories.article(home, title="Макала")
    factories.breaking(home)
    chief = User.objects.create_user("chief", "chief@example.org")
    chief.groups.add(setup_service(home)[Role.CHIEF_EDITOR])
    boss = User.objects.create_superuser("boss", "boss@example.org")
    for user in (chief, boss):
        UserProfile.get_for_user(user)
        UserProfile.objects.filter(user=user).update(preferred_language=language)
    article.save_revision(user=chief)
    editor, administrator = Client(), Client()
    verified_login(editor, chief)
    verified_login(administrator, boss)

    left = english_left(
        editor,
        [
            "/admin/",
            f"/admin/pages/{home.pk}/",
            f"/admin/pages/{home.pk}/edit/",
            f"/admin/pages/{article.pk}/edit/",
            f"/admin/pages/add/articles/articlepage/{section.pk}/",
            f"/admin/pages/{article.pk}/history/",
            f"/admin/pages/{article.pk}/revisions/",
            f"/admin/pages/{article.pk}/workflow_history/",
            f"/admin/pages/{article.pk}/unpublish/",
            f"/admin/pages/{article.pk}/delete/",
            f"/admin/pages/{article.pk}/move/",
            f"/admin/pages/{article.pk}/copy/",
            f"/admin/pages/{article.pk}/usage/",
            "/admin/pages/search/?q=x",
            "/admin/images/",
            "/admin/images/multiple/add/",
            "/admin/images/chooser/",
            "/admin/documents/",
            "/admin/documents/multiple/add/",
            "/admin/documents/chooser/",
            "/admin/choose-page/",
            "/admin/articles/chooser/",
            "/admin/snippets/breaking/breakingnews/",
            "/admin/snippets/breaking/breakingnews/add/",
            "/admin/snippets/choose/breaking/breakingnews/",
            "/admin/reports/locked/",
            "/admin/reports/site-history/",
            "/admin/reports/workflow/",
            "/admin/reports/workflow_tasks/",
            "/admin/reports/aging-pages/",
            "/admin/account/",
        ],
    )
    left |= english_left(
        administrator,
        [
            "/admin/users/",
            "/admin/users/new/",
            "/admin/groups/",
            "/admin/collections/",
            "/admin/sites/",
            "/admin/workflows/list/",
            f"/admin/workflows/edit/{Workflow.objects.first().pk}/",
            "/admin/workflows/tasks/index/",
            "/admin/redirects/",
        ],
    )
    assert left == {}, "\n".join(f"{text!r} on {where}" for text, where in left.items())
