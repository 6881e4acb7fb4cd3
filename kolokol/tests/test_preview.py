"""Wagtail's preview of every page type in every language: framed by the admin, never stored.

The preview is made by running a made-up request for the page's public
address through the middleware; these tests go through the admin's real
edit and preview views, as the editor's browser does (the browser itself is
in ``articles/tests/test_article_admin_browser.py``).
"""

import shutil

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from kolokol.articles.models import ArticlePage
from kolokol.people.models import AuthorIndexPage, AuthorPage
from kolokol.programs.models import ProgramPage
from kolokol.sections.models import SectionPage, TopicIndexPage
from kolokol.services.models import PortalPage, ServiceHomePage
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db

SERVICE_TYPES = [
    ServiceHomePage,
    SectionPage,
    TopicIndexPage,
    ArticlePage,
    AuthorIndexPage,
    AuthorPage,
]
# Only the Russian and Persian demo services have programs (made with ffmpeg).
PROGRAM_LANGUAGES = {"ru", "fa"} if shutil.which("ffmpeg") else set()


def edit_form_data(html: str) -> list[tuple[str, str]]:
    """What the editor's browser would submit from the page's edit form, unchanged."""
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    data = []
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            data.append((name, field.string or ""))
        elif field.name == "select":
            chosen = field.find_all("option", selected=True) or field.find_all("option")[:1]
            data.extend((name, option.get("value", option.text)) for option in chosen)
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data.append((name, field.get("value", "on")))
        elif field.get("type") not in {"submit", "button", "file"}:
            data.append((name, field.get("value", "")))
    return data


@pytest.fixture
def chief(loaded_demo) -> Client:
    client = Client()
    verified_login(client, User.objects.create_superuser("chief", "chief@example.org"))
    return client


def preview(client: Client, page: Page) -> tuple:
    """Send the edit form to the preview and fetch it as the preview panel does."""
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    url = f"/admin/pages/{page.pk}/edit/preview/"
    data = dict_of_lists(edit_form_data(edit.content.decode()))
    if isinstance(page.specific, ArticlePage):
        # The body's fields are built by the editor's script from JSON; send
        # what it would send for a one-paragraph body.
        body = nested_form_data({"body": streamfield([("paragraph", rich_text("<p>Текст.</p>"))])})
        data.update({name: [value] for name, value in body.items()})
    state = client.post(url, data)
    assert state.json() == {"is_valid": True, "is_available": True}, page
    return client.get(url, {"in_preview_panel": "true"}), client.get(url)


def dict_of_lists(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def test_every_page_type_previews_in_the_admin_frame_in_every_language(chief, settings):
    settings.KOLOKOL_STORE_ENABLED = True
    pages = [PortalPage.objects.get()]
    for home in ServiceHomePage.objects.all():
        assert home.language in {"ru", "ky", "en", "fa"}
        for page_type in SERVICE_TYPES:
            found = page_type.objects.descendant_of(home, inclusive=True).first()
            assert found is not None, (home.language, page_type)
            pages.append(found)
        if home.language in PROGRAM_LANGUAGES:
            pages.append(ProgramPage.objects.descendant_of(home).first())
    assert len(pages) == 1 + 4 * len(SERVICE_TYPES) + len(PROGRAM_LANGUAGES)
    for page in pages:
        for response in preview(chief, page):
            assert response.status_code == 200, page
            # The admin frames the preview; nothing else may.
            assert response["X-Frame-Options"] == "SAMEORIGIN"
            csp = response["Content-Security-Policy"]
            assert "frame-ancestors 'self'" in csp and "script-src 'self'" in csp
            body = response.content.decode()
            assert "<h1" in body and page.specific.title.split()[0] in body, page


def test_a_preview_of_a_changed_draft_never_reaches_readers(chief, client, settings, tmp_path):
    settings.KOLOKOL_STORE_ENABLED = True
    settings.KOLOKOL_STORE_DIR = tmp_path / "store"
    article = ArticlePage.objects.live().first()
    edit = chief.get(f"/admin/pages/{article.pk}/edit/")
    data = dict_of_lists(edit_form_data(edit.content.decode()))
    body = nested_form_data({"body": streamfield([("paragraph", rich_text("<p>Текст.</p>"))])})
    data.update({name: [value] for name, value in body.items()})
    data["title"] = ["Черновик, который никто не должен видеть"]
    url = f"/admin/pages/{article.pk}/edit/preview/"
    assert chief.post(url, data).json()["is_valid"]
    shown = chief.get(url)
    assert "Черновик, который никто не должен видеть" in shown.content.decode()
    assert "Черновик" not in client.get(article.url).content.decode()
