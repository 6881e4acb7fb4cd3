"""Counts and page numbers in the digits of the service's language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from kolokol.core import numerals
from kolokol.testing import factories

COUNT = Template(
    "{% load i18n kolokol %}{% blocktranslate count counter=n|numerals %}"
    "{{ counter }} article{% plural %}{{ counter }} articles{% endblocktranslate %}"
)


def counted(language: str, n: int) -> str:
    with translation.override(language):
        return COUNT.render(Context({"n": n}))


def test_persian_counts_use_persian_digits_and_others_keep_ascii():
    assert counted("fa", 1405) == "۱۴۰۵ مطلب"
    assert counted("ru", 21) == "21 статья"
    assert counted("ky", 12) == "12 макала"
    assert counted("en", 3) == "3 articles"


def test_a_number_in_other_digits_still_chooses_the_plural_form():
    # The plural rule must see the number, not its Persian spelling.
    with translation.override("ru"):
        for n, written in [(1, "۱ статья"), (3, "۳ статьи"), (5, "۵ статей"), (21, "۲۱ статья")]:
            assert COUNT.render(Context({"n": numerals.LocalNumber(n, "fa")})) == written


def test_native_leaves_text_without_digits_and_other_languages_alone():
    assert numerals.native("page 12 of 30", "fa") == "page ۱۲ of ۳۰"
    assert numerals.native("page 12 of 30", "ru") == "page 12 of 30"
    assert numerals.native("صفحه", "fa") == "صفحه"


@pytest.mark.django_db
def test_persian_listing_pages_count_in_persian_digits(client):
    home = factories.service("fa", title="کولوکول")
    for n in range(3):
        factories.article(home, title=f"گزارش {n}", topics=["آب"])
    topics = client.get(home.url + "topics/").content.decode()
    assert "۳ مطلب" in topics
    topic = client.get(home.url + "topics/آب/").content.decode()
    assert "۳ مطلب" in topic
    # Addresses keep ASCII digits whatever the language.
    assert 'href="/fa/' in topic
