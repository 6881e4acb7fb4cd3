"""Site search as readers use it, on SQLite and PostgreSQL alike."""

import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
from django.core.management import call_command
from django.utils import timezone

from kolokol.articles.models import ArticlePage
from kolokol.search.models import SearchDocument
from kolokol.sections.models import SectionPage
from kolokol.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


def paragraph(text: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def search(client, home, **params) -> str:
    response = client.get(home.url + "search/", params)
    assert response.status_code == 200
    return response.content.decode()


def titles(html: str) -> list[str]:
    """Result headlines in the order shown, without their highlighting."""
    found = re.findall(r'<h2 class="search-result__title"><a [^>]*>(.*?)</a>', html)
    return [unescape(re.sub(r"</?mark>", "", title)) for title in found]


def test_russian_word_forms_find_each_other_and_headlines_rank_first(client):
    home = factories.service("ru")
    factories.article(
        home,
        title="Городской бюджет утверждён",
        body=paragraph("Депутаты говорили о бюджете и о прошедших выборах мэра."),
    )
    factories.article(home, title="Итоги выборов в парламент", standfirst="Явка была низкой.")
    factories.article(home, title="Паром снова ходит", standfirst="Выборы тут ни при чём.")
    factories.article(home, title="Новый мост", body=paragraph("Выбор места занял год."))
    for query in ("выборы", "выборов", "выборах"):
        found = titles(search(client, home, q=query))
        assert found[0] == "Итоги выборов в парламент"
        assert set(found) == {
            "Итоги выборов в парламент",
            "Городской бюджет утверждён",
            "Паром снова ходит",
            # "Выбор" is the same stem: Snowball does not tell the two words apart.
            "Новый мост",
        }
    assert titles(search(client, home, q="бюджетом")) == ["Городской бюджет утверждён"]
    # Every word must match.
    assert titles(search(client, home, q="выборы мэра")) == ["Городской бюджет утверждён"]


def test_english_forms_and_topics(client):
    home = factories.service("en")
    factories.article(
        home, title="Turnout falls", body=paragraph("The election was held on Sunday.")
    )
    factories.article(home, title="Elections called early", standfirst="A snap vote in May.")
    factories.article(
        home, title="Harbour news", standfirst="Boats and nets.", topics=["Fisheries"]
    )
    for query in ("election", "elections", "ELECTIONS"):
        assert titles(search(client, home, q=query)) == ["Elections called early", "Turnout falls"]
    # Topics are searched too, in any form of the word.
    assert titles(search(client, home, q="fishery")) == ["Harbour news"]


def test_only_this_services_published_public_articles(client):
    ru, en = factories.service("ru"), factories.service("en")
    factories.article(en, title="Ferry strike")
    factories.article(ru, title="Забастовка на пароме ferry")
    draft = factories.article(en, title="Ferry draft")
    draft.unpublish()
    assert titles(search(client, en, q="ferry")) == ["Ferry strike"]


def test_filters_by_section_and_date_range(client):
    home = factories.service("en", time_zone="UTC")
    sport = factories.section(home, "Sport", "sport")
    society = SectionPage.objects.child_of(home).get(slug="society")
    now = timezone.now()
    for title, section, days in [
        ("Bridge race new", sport, 1),
        ("Bridge race old", sport, 40),
        ("Bridge vote new", society, 1),
        ("Bridge vote old", society, 40),
    ]:
        factories.article(home, title=title, section_page=section, published_hours_ago=days * 24)
    assert len(titles(search(client, home, q="bridge"))) == 4
    assert set(titles(search(client, home, q="bridge", section="sport"))) == {
        "Bridge race new",
        "Bridge race old",
    }
    recent = (now - timedelta(days=10)).date().isoformat()
    assert set(titles(search(client, home, q="bridge", since=recent))) == {
        "Bridge race new",
        "Bridge vote new",
    }
    old_day = (now - timedelta(days=40)).date().isoformat()
    assert titles(
        search(client, home, q="bridge", section="society", since=old_day, until=old_day)
    ) == ["Bridge vote old"]
    html = search(client, home, q="bridge", section="sport", since=recent)
    assert titles(html) == ["Bridge race new"]
    # The form shows the filters in use.
    assert '<option value="sport" selected>Sport</option>' in html
    assert f'value="{recent}"' in html and 'type="date"' in html


def test_date_filter_uses_the_service_time_zone(client):
    home = factories.service("ru", time_zone="Asia/Bishkek")  # UTC+6
    page = factories.article(home, title="Ночной пожар")
    # 20:00 UTC on 1 March is 02:00 on 2 March in Bishkek.
    late = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=late)
    assert titles(search(client, home, q="пожар", since="2026-03-02", until="2026-03-02")) == [
        "Ночной пожар"
    ]
    assert titles(search(client, home, q="пожар", until="2026-03-01")) == []


def test_bad_dates_get_a_message_in_the_service_language_and_are_ignored(client):
    home = factories.service("ru")
    factories.article(home, title="Мост открыт")
    html = search(client, home, q="мост", since="вчера", until="2026-13-45")
    assert titles(html) == ["Мост открыт"]
    assert "Введите правильную дату" in html
    backwards = search(client, home, q="мост", since="2026-05-02", until="2026-05-01")
    assert "Дата окончания раньше даты начала." in backwards
    assert titles(backwards) == ["Мост открыт"]


def test_pagination_keeps_the_query_and_filters(client):
    home = factories.service("en")
    for n in range(23):
        factories.article(home, title=f"Tide report {n:02d}", published_hours_ago=n + 1)
    first = search(client, home, q="tide", section="society")
    assert len(titles(first)) == 20
    assert "23 articles found for “tide”" in first
    link = re.search(r'<a rel="next" href="([^"]+)"', first).group(1)
    assert unescape(link) == "?q=tide&section=society&page=2"
    second = client.get(home.url + "search/" + unescape(link)).content.decode()
    assert len(titles(second)) == 3
    assert set(titles(first)).isdisjoint(titles(second))
    assert 'rel="prev" href="?q=tide&amp;section=society&amp;page=1"' in second
    assert "Page 2 of 2" in second
    assert client.get(home.url + "search/", {"q": "tide", "page": "9"}).status_code == 404


def test_result_count_uses_russian_plurals(client):
    home = factories.service("ru")
    factories.article(home, title="Лес горит")
    assert "Найдена 1 статья по запросу «лес»" in search(client, home, q="лес")
    factories.article(home, title="Лес спасли")
    assert "Найдено 2 статьи по запросу «лес»" in search(client, home, q="лес")
    for _ in range(3):
        factories.article(home, title="Лесной пожар в лесу")
    assert "Найдено 5 статей по запросу «лесу»" in search(client, home, q="лесу")


def test_snippets_mark_the_matched_words_and_escape_the_text(client):
    home = factories.service("en")
    before = " ".join(f"a{n}" for n in range(60))
    after = " ".join(f"z{n}" for n in range(60))
    factories.article(
        home,
        title="Harbour <closed> for repairs",
        standfirst="Crews & divers at work.",
        body=paragraph(f"{before} The &lt;b&gt;harbours&lt;/b&gt; reopen soon. {after}"),
    )
    html = search(client, home, q="harbour")
    assert "<mark>Harbour</mark> &lt;closed&gt; for repairs" in html
    snippet = re.search(r'<p class="search-result__snippet">(.*?)</p>', html, re.S).group(1)
    assert "&lt;b&gt;<mark>harbours</mark>&lt;/b&gt;" in snippet
    # Only the neighbourhood of the match, cut with an ellipsis.
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "a53 " not in snippet and "a54 " in snippet
    assert "z0 " in snippet and "z59" not in snippet
    assert "<b>" not in html


def test_publishing_changes_and_unpublishing_update_the_results(client):
    home = factories.service("en")
    assert titles(search(client, home, q="lighthouse")) == []
    page = factories.article(home, title="Lighthouse keeper retires")
    assert titles(search(client, home, q="lighthouse")) == ["Lighthouse keeper retires"]

    page.title = "Beacon keeper retires"
    factories.publish(page)
    assert titles(search(client, home, q="lighthouse")) == []
    assert titles(search(client, home, q="beacon")) == ["Beacon keeper retires"]

    page.unpublish()
    assert titles(search(client, home, q="beacon")) == []
    factories.publish(page)
    assert titles(search(client, home, q="beacon")) == ["Beacon keeper retires"]


def test_private_and_deleted_articles_leave_the_results(client):
    from wagtail.models import PageViewRestriction

    home = factories.service("en")
    section = factories.section(home, "Investigations", "investigations")
    secret = factories.article(home, title="Quarry files", section_page=section)
    gone = factories.article(home, title="Quarry closes")
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    assert titles(search(client, home, q="quarry")) == ["Quarry closes"]
    restriction.delete()
    assert set(titles(search(client, home, q="quarry"))) == {"Quarry files", "Quarry closes"}
    gone.delete()
    secret.refresh_from_db()
    assert titles(search(client, home, q="quarry")) == ["Quarry files"]


def test_reindex_rebuilds_the_index_and_prints_counts(client, capsys):
    ru, en = factories.service("ru"), factories.service("en")
    factories.article(ru, title="Выборы мэра")
    factories.article(en, title="Mayor elections")
    factories.article(en, title="Mayor resigns")
    SearchDocument.objects.all().delete()
    assert titles(search(client, en, q="mayor")) == []
    stale = factories.article(en, title="Mayor old")
    ArticlePage.objects.filter(pk=stale.pk).update(live=False)  # behind the hooks' back

    call_command("reindex")
    out, err = capsys.readouterr()
    assert "en: 2 articles" in out and "ru: 1 articles" in out
    assert "Indexed 3 articles in 2 services; dropped 1 entries" in out
    assert "Indexing [" in err and "3/3" in err
    assert set(titles(search(client, en, q="mayor"))) == {"Mayor elections", "Mayor resigns"}
    assert titles(search(client, ru, q="выборах")) == ["Выборы мэра"]


def test_nothing_found_suggests_what_to_try(client):
    home = factories.service("en")
    factories.section(home, "Culture", "culture")
    factories.article(home, title="Lighthouse keeper retires")
    html = search(client, home, q="zzzqx")
    assert "Nothing found for “zzzqx”." in html
    assert "Check the spelling" in html and "fewer words" in html
    assert 'href="/en/culture/"' in html and 'href="/en/society/"' in html
    assert "Search all sections and dates" not in html
    filtered = search(client, home, q="lighthouse", section="culture")
    assert "Nothing found" in filtered
    assert 'href="?q=lighthouse">Search all sections and dates' in filtered
    ru = factories.service("ru")
    assert "По запросу «щщщ» ничего не найдено." in search(client, ru, q="щщщ")


def test_the_empty_search_page_shows_the_form(client):
    home = factories.service("en")
    html = search(client, home)
    assert 'role="search"' in html and "Type one or more words" in html
    assert titles(html) == [] and "Nothing found" not in html


def test_search_pages_are_never_stored_and_set_no_cookie(client, rendered_store):
    home = factories.service("en")
    factories.article(home, title="Quay repairs")
    for params in ({}, {"q": "quay"}, {"q": "nothing here"}):
        response = client.get(home.url + "search/", params)
        assert response.status_code == 200
        assert response.cookies == {} and "Set-Cookie" not in response
        assert getattr(response, "kolokol_storable", False) is False
    assert rendered_store.get(home.url + "search/") is None
    # The home page itself still is stored.
    client.get(home.url)
    assert rendered_store.get(home.url) is not None


def test_the_header_form_and_skip_link_lead_to_search(client):
    home = factories.service("en")
    article = factories.article(home, title="Quay repairs")
    html = client.get(article.url).content.decode()
    assert '<a href="#search">' in html
    assert 'id="search" role="search" method="get" action="/en/search/"' in html
    results = search(client, home, q="quay")
    # The header form shows the query too.
    assert 'id="search-q" type="search" name="q" value="quay"' in results


def test_languages_without_a_snowball_stemmer_match_whole_words(client):
    fa = factories.service("fa", title="کولوکول")
    factories.article(fa, title="پل بازگشایی شد", standfirst="رفت‌وآمد از امروز آزاد است.")
    ky = factories.service("ky", title="Коңгуроо")
    factories.article(ky, title="Шайлоо башталды", standfirst="Шайлоочулар эртең менен келишти.")
    assert titles(search(client, fa, q="پل")) == ["پل بازگشایی شد"]
    assert titles(search(client, ky, q="ШАЙЛОО")) == ["Шайлоо башталды"]
    assert titles(search(client, ky, q="шайлоодо")) == []  # no stemmer: whole words only
    assert set(SearchDocument.objects.values_list("config", flat=True)) == {"simple"}


def test_a_service_changing_language_is_analysed_anew(client):
    home = factories.service("ky", slug="news")
    factories.article(home, title="Elections called")
    assert titles(search(client, home, q="election")) == []  # ky: whole words only
    home.language = "en"
    factories.publish(home)
    assert SearchDocument.objects.get().config == "english"
    assert titles(search(client, home, q="election")) == ["Elections called"]


def test_indexing_waits_for_a_worker_but_a_withdrawal_does_not(client, database_tasks):
    """With the database task backend (an app server), the publish only enqueues the indexing."""
    from kolokol.publishing.runner import Runner

    home = factories.service("en")
    article = factories.article(home, title="Harbour cranes sold abroad")
    assert titles(search(client, home, q="cranes")) == []  # queued, not yet indexed

    runner = Runner()
    while runner.run_one():  # a worker takes the task
        pass
    assert titles(search(client, home, q="cranes")) == ["Harbour cranes sold abroad"]

    article.unpublish()  # no worker runs: readers must not find it all the same
    assert titles(search(client, home, q="cranes")) == []
    assert not SearchDocument.objects.filter(pk=article.pk).exists()


def test_a_video_story_is_found_by_what_is_said_in_it(client, media_sources):
    from kolokol.multimedia.models import Clip

    home = factories.service("en")
    clip = factories.clip(
        media_sources["audio"], kind="audio", transcript="The ferry captain spoke."
    )
    story = factories.article(home, title="Night on the river", lead_clip=clip)
    assert titles(search(client, home, q="captain")) == ["Night on the river"]
    # A corrected transcript is searched as soon as it is saved.
    clip = Clip.objects.get(pk=clip.pk)
    clip.transcript = "The lighthouse keeper spoke."
    clip.save()
    assert titles(search(client, home, q="lighthouse")) == [story.title]
    assert titles(search(client, home, q="captain")) == []
