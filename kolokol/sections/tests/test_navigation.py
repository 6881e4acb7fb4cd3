"""The service's navigation tells screen readers where the reader is."""

import re

import pytest

from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def current_links(html: str) -> dict[str, str]:
    """Navigation link text -> its aria-current value, for the links that have one."""
    start = html.index('<nav id="nav"')
    nav = html[start : html.index("</nav>", start)]
    return {
        text: value
        for value, text in re.findall(r'<a href="[^"]*" aria-current="([^"]+)">([^<]+)</a>', nav)
    }


def test_the_current_section_is_the_page_and_its_articles_are_in_it(client):
    home = factories.service("en")
    article = factories.article(home, title="Quay lights repaired")
    section = article.get_parent().specific
    assert current_links(client.get(section.url).content.decode()) == {section.title: "page"}
    assert current_links(client.get(article.url).content.decode()) == {section.title: "true"}
    assert current_links(client.get(home.url).content.decode()) == {"Home": "page"}
