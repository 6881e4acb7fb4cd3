"""Two services with their newsroom roles, one user per role and service, and admin helpers.

Everything goes through the admin's real views with Django's test client
logged in as the user; the helpers only build the form data an editor's
browser would send.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kolokol.articles.models import ArticlePage
from kolokol.newsroom.models import Role
from kolokol.newsroom.roles import setup_service
from kolokol.sections.models import SectionPage
from kolokol.services.models import ServiceHomePage
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

ADMIN = "admin"
ROLE_NAMES = [Role.REPORTER, Role.EDITOR, Role.CHIEF_EDITOR, Role.MODERATOR, ADMIN]


@dataclass
class Newsroom:
    services: dict[str, ServiceHomePage]
    users: dict[tuple[str, str], User] = field(default_factory=dict)

    def user(self, role: str, slug: str = "ru") -> User:
        return self.users[(role, ADMIN if role == ADMIN else slug)]

    def client(self, role: str, slug: str = "ru") -> Client:
        client = Client()
        verified_login(client, self.user(role, slug))
        return client


def make_newsroom() -> Newsroom:
    factories.wagtail_tree()
    room = Newsroom(services={slug: factories.service(slug) for slug in ("ru", "en")})
    for slug, home in room.services.items():
        groups = setup_service(home)
        for role, group in groups.items():
            # No password: the tests log in with force_login, and hashing is slow.
            user = User.objects.create_user(f"{role}-{slug}", f"{role}-{slug}@example.org")
            user.groups.add(group)
            room.users[(role, slug)] = user
    room.users[(ADMIN, ADMIN)] = User.objects.create_superuser("boss", "boss@example.org")
    return room


@pytest.fixture
def newsroom(db) -> Newsroom:
    return make_newsroom()


def admin_time(when) -> str:
    """A date and time as the admin's date-time widget sends it (in the admin's zone)."""
    from django.utils import timezone

    return timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S")


def section_of(home: ServiceHomePage) -> SectionPage:
    return SectionPage.objects.child_of(home).first()


def article_data(page: ArticlePage | None, title: str, author_pk: int, **extra) -> dict:
    """The article form as the admin sends it, for a new page or an edit."""
    bylines = (
        inline_formset(
            [{"id": b.pk, "author": b.author_id} for b in page.bylines.all()],
            initial=page.bylines.count(),
        )
        if page
        else inline_formset([{"author": author_pk}])
    )
    return nested_form_data(
        {
            "title": title,
            "slug": page.slug if page else slugify(title),
            "kicker": "",
            "standfirst": "What happened, in one sentence.",
            "dateline": "",
            "lead_image": "",
            "lead_image_caption": "",
            "bylines": bylines,
            "article_notes": inline_formset([]),
            "body": streamfield([("paragraph", rich_text(f"<p>{title}: the body.</p>"))]),
            "tags": "",
            "go_live_at": "",
            "expire_at": "",
            **extra,
        }
    )


def add_article(client: Client, home: ServiceHomePage, title: str, **actions):
    """Create an article in the service's first section; the page, or None if refused."""
    section = section_of(home)
    writer = factories.author(home)
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", section.pk))
    client.post(url, article_data(None, title, writer.pk, **actions))
    return ArticlePage.objects.filter(title=title).first()


def edit_article(client: Client, page: ArticlePage, title: str | None = None, **actions):
    page = Page.objects.get(pk=page.pk).get_latest_revision_as_object()
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    return client.post(url, article_data(page, title or page.title, 0, **actions))


def draft(home: ServiceHomePage, owner: User, title: str) -> ArticlePage:
    """An unpublished article owned by ``owner``, as if they had written it."""
    page = factories.article(home, title=title)
    page.unpublish()
    page.refresh_from_db()
    page.owner = owner
    page.save_revision(user=owner)
    Page.objects.filter(pk=page.pk).update(owner=owner)
    return ArticlePage.objects.get(pk=page.pk)


def edit_form_data(page: Page, user: User, **changes) -> dict:
    """The edit form of any page, filled with its current values, as a browser posts it."""
    from django.forms import CheckboxInput

    page = page.get_latest_revision_as_object()
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=user, parent_page=page.get_parent())

    def fill(form, data):
        for name, bound in form.fields.items():
            key = form.add_prefix(name)
            value = form[name].value()
            widget = bound.widget
            if isinstance(widget, CheckboxInput):
                if value:
                    data[key] = "on"
                continue
            shown = widget.format_value(value)
            if isinstance(shown, list):
                shown = shown[0] if shown else ""
            data[key] = "" if shown is None else shown
        for formset in getattr(form, "formsets", {}).values():
            for name, value in formset.management_form.initial.items():
                data[f"{formset.prefix}-{name}"] = value
            for subform in formset.forms:
                fill(subform, data)

    data: dict = {}
    fill(form, data)
    data.update(changes)
    return data
