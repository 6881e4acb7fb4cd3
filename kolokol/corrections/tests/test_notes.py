"""Corrections and updates as readers see them: on the article and on the service's list."""

from datetime import UTC, datetime, timedelta

import pytest
from wagtail.models import PageViewRestriction

from kolokol.articles.models import ArticlePage
from kolokol.corrections.models import ArticleNote
from kolokol.testing import factories

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


def published_on(article, when=PUBLISHED):
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=when)
    article.refresh_from_db()
    return article


def add_note(article, kind, text, at):
    """An editor's edit: the note goes into a new revision, which is published."""
    return add_notes(article, [(kind, text, at)])


def add_notes(article, notes):
    article = ArticlePage.objects.get(pk=article.pk)
    for kind, text, at in notes:
        article.article_notes.add(ArticleNote(kind=kind, text=text, noted_at=at))
    return factories.publish(article)


@pytest.mark.parametrize(
    ("language", "labels", "dates"),
    [
        # 13:30 and 15:05 UTC in Prague (UTC+1 in March), in each language's own format.
        ("ru", ("Исправление", "Обновление"), ("5 марта 2026 г. 14:30", "6 марта 2026 г. 16:05")),
        ("en", ("Correction", "Update"), ("March 5, 2026, 2:30 p.m.", "March 6, 2026, 4:05 p.m.")),
    ],
)
def test_notes_show_on_the_article_labelled_and_dated_in_the_service_zone(
    client, language, labels, dates
):
    home = factories.service(language)
    article = published_on(factories.article(home, title="Bridge vote"))
    add_note(
        article,
        "correction",
        "The vote was on Tuesday, not Monday.",
        PUBLISHED + timedelta(days=1, hours=4, minutes=30),
    )
    add_note(article, "update", "The council has <b>confirmed</b> the date.", datetime(
        2026, 3, 6, 15, 5, tzinfo=UTC
    ))  # fmt: skip
    html = client.get(article.url).content.decode()
    correction_label, update_label = labels
    correction_date, update_date = dates
    assert f"<strong>{correction_label}</strong> <time datetime=" in html
    assert f"<strong>{update_label}</strong> <time datetime=" in html
    assert correction_date in html and update_date in html
    # Readers meet the update with the headline, the correction after the text,
    # flagged at the top.
    assert (
        html.index('href="#corrections"')
        < html.index("confirmed")
        < html.index('class="article__body"')
        < html.index("not Monday")
    )
    assert "&lt;b&gt;confirmed&lt;/b&gt;" in html  # notes are plain text, escaped


def test_a_note_moves_the_updated_time_forward_only():
    home = factories.service("en")
    article = published_on(factories.article(home))
    first = PUBLISHED + timedelta(days=2)
    article = add_note(article, "update", "Police named the driver.", first)
    assert article.updated_at == first
    article = add_note(article, "correction", "Spelling of a name.", PUBLISHED + timedelta(days=1))
    assert article.updated_at == first  # an older note does not move it back
    assert [note.noted_at for note in article.notes()] == [first, PUBLISHED + timedelta(days=1)]
    before_publication = published_on(factories.article(home), PUBLISHED)
    before_publication = add_note(
        before_publication, "correction", "A typo.", PUBLISHED - timedelta(hours=1)
    )
    assert before_publication.updated_at is None


def test_a_note_in_a_draft_is_not_shown_until_published(client):
    home = factories.service("en")
    article = factories.article(home)
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.article_notes.add(ArticleNote(kind="correction", text="Draft correction."))
    draft.save_revision()
    assert "Draft correction." not in client.get(article.url).content.decode()
    draft.get_latest_revision().publish()
    assert "Draft correction." in client.get(article.url).content.decode()


def test_corrections_page_lists_the_service_notes_newest_first_with_pages(client):
    home = factories.service("ru")
    other = factories.service("en")
    first = factories.article(home, title="Мост закрыт на ремонт")
    second = factories.article(home, title="Паром отменён")
    start = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    notes = [
        ("update" if n % 3 else "correction", f"Заметка {n}.", start + timedelta(hours=n))
        for n in range(21)
    ]
    add_notes(first, notes[1::2])
    add_notes(second, notes[::2])
    gone = factories.article(home, title="Снятая статья")
    add_note(gone, "correction", "Заметка снятой статьи.", start)
    gone.unpublish()
    elsewhere = factories.article(other, title="English story")
    add_note(elsewhere, "correction", "English note.", start)
    closed = factories.section(home, "Только для своих", "svoi")
    secret = factories.article(home, title="Закрытая статья", section_page=closed)
    add_note(secret, "correction", "Заметка закрытой статьи.", start)
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/ru/corrections/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Исправления и обновления</h1>" in html
    assert "21 исправление или обновление" in html  # Russian plural for 21
    assert html.index("Заметка 20.") < html.index("Заметка 19.") < html.index("Заметка 1.")
    assert "Заметка 0." not in html  # the oldest is on the archive page
    assert f'href="{second.url}">Паром отменён</a>' in html
    assert "Заметка снятой статьи." not in html and "English note." not in html
    assert "Заметка закрытой статьи." not in html  # a private article's note stays private
    assert 'href="/ru/corrections/page/1/"' in html
    archive = client.get("/ru/corrections/page/1/").content.decode()
    # Archive pages count from the oldest: page 1 keeps the first twenty for good.
    assert "Заметка 0." in archive and "Заметка 19." in archive and "Заметка 20." not in archive
    assert client.get("/ru/corrections/page/3/").status_code == 404


@pytest.mark.parametrize(
    ("count", "phrase"),
    [(2, "2 исправления и обновления"), (5, "5 исправлений и обновлений")],
)
def test_corrections_count_uses_russian_plurals(client, count, phrase):
    home = factories.service("ru")
    article = factories.article(home)
    add_notes(
        article,
        [("correction", f"Поправка {n}.", PUBLISHED + timedelta(hours=n)) for n in range(count)],
    )
    assert phrase in client.get("/ru/corrections/").content.decode()


def test_every_page_links_its_corrections_page_from_the_footer(client):
    home = factories.service("en")
    article = factories.article(home)
    html = client.get(article.url).content.decode()
    footer = html[html.index('class="site-footer"') :]
    assert '<a href="/en/corrections/">Corrections and updates</a>' in footer
    empty = client.get("/en/corrections/").content.decode()
    assert "No article has been corrected or updated yet." in empty
