"""What the JSON endpoints return: services, sections, topics, authors, articles."""

import base64
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from kolokol.articles.models import ArticlePage
from kolokol.testing import factories

pytestmark = pytest.mark.django_db

API = "/api/v1"


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_services_sections_topics_and_authors(client):
    ru = factories.service("ru", tagline="Новости без цензуры")
    en = factories.service("en", time_zone="Asia/Bishkek")
    writer = factories.author(en, "Mira Holm")
    factories.article(en, topics=["Bridges"], authors=[writer])
    factories.article(ru, topics=["Выборы"])

    services = get(client, f"{API}/services/")
    assert [s["slug"] for s in services] == ["ru", "en"]
    assert services[0] == {
        "id": ru.pk,
        "slug": "ru",
        "title": "Kolokol RU",
        "tagline": "Новости без цензуры",
        "language": "ru",
        "time_zone": "Europe/Prague",
        "url": "http://localhost/ru/",
    }
    assert services[1]["time_zone"] == "Asia/Bishkek"

    sections = get(client, f"{API}/sections/", service="en")
    assert [(s["title"], s["service"], s["url"]) for s in sections] == [
        ("Society", "en", "http://localhost/en/society/")
    ]
    assert len(get(client, f"{API}/sections/")) == 2

    assert get(client, f"{API}/topics/", service="en") == [{"name": "Bridges", "slug": "bridges"}]
    assert {t["name"] for t in get(client, f"{API}/topics/")} == {"Bridges", "Выборы"}

    authors = get(client, f"{API}/authors/", service="en")
    names = [a["name"] for a in authors]
    assert "Mira Holm" in names and all(a["service"] == "en" for a in authors)
    mira = next(a for a in authors if a["name"] == "Mira Holm")
    assert mira["role"] == "Correspondent" and mira["url"].startswith(
        "http://localhost/en/authors/"
    )


def test_article_detail_has_metadata_blocks_and_html(client):
    home = factories.service("en")
    writer = factories.author(home, "Mira Holm")
    picture = factories.image(description="A ferry at the pier", credit="Photo: A. Ivanova")
    inline = factories.image(description="Passengers boarding", credit="Photo: B. Lee")
    body = [
        *factories.FULL_BODY_EN,
        {
            "type": "image",
            "value": {"image": inline.pk, "caption": "Morning crossing", "credit": ""},
        },
    ]
    article = factories.article(
        home,
        title="Ferry resumes",
        kicker="Transport",
        standfirst="The river crossing is open again.",
        dateline="OSLO",
        authors=[writer],
        topics=["Ferries"],
        body=body,
        lead_image=picture,
        lead_image_caption="The ferry leaving at dawn",
    )
    data = get(client, f"{API}/articles/{article.pk}/")

    assert data["headline"] == "Ferry resumes"
    assert data["kicker"] == "Transport"
    assert data["standfirst"] == "The river crossing is open again."
    assert data["dateline"] == "OSLO"
    assert data["url"] == "http://localhost/en/society/" + article.slug + "/"
    assert data["service"] == "en" and data["language"] == "en"
    assert data["section"]["title"] == "Society"
    assert [a["name"] for a in data["authors"]] == ["Mira Holm"]
    assert data["authors"][0]["url"] == writer.get_full_url()
    assert data["topics"] == [{"name": "Ferries", "slug": "ferries"}]
    assert data["first_published_at"].startswith(str(article.first_published_at.date()))
    assert data["updated_at"] is None

    lead = data["lead_image"]
    assert lead["alt"] == "A ferry at the pier"
    assert lead["credit"] == "Photo: A. Ivanova"
    assert lead["caption"] == "The ferry leaving at dawn"
    assert (lead["width"], lead["height"]) == (1200, 675)  # never upscaled past the original
    assert [r["width"] for r in lead["renditions"]] == [1200, 960, 480]
    assert lead["url"].startswith("http://testserver/media/")  # the host the client asked
    assert (
        client.get(lead["renditions"][-1]["url"].removeprefix("http://testserver")).status_code
        == 200
    )

    types = [block["type"] for block in data["body"]]
    assert types == ["paragraph", "quote", "list", "factbox", "embed", "image"]
    assert data["body"][0]["value"] == "<p>The ferry resumed at dawn after a week of repairs.</p>"
    assert data["body"][1]["value"]["attribution"] == "Mira Holm"
    assert data["body"][3]["value"]["items"] == ["Built in 1961", "Carries 400 people"]
    image_block = data["body"][5]["value"]
    assert image_block["caption"] == "Morning crossing"
    assert (
        image_block["credit"] == "Photo: B. Lee"
    )  # the image's own credit when the block has none
    assert image_block["image"]["alt"] == "Passengers boarding"

    html = data["body_html"]
    assert "We missed the river" in html and "Built in 1961" in html
    assert 'src="http://testserver/media/' in html  # addresses made absolute for clients
    assert ' src="/' not in html and ' href="/' not in html


def test_article_list_filters(client):
    en = factories.service("en")
    ru = factories.service("ru")
    science = factories.section(en, "Science", "science")
    mira = factories.author(en, "Mira Holm")
    old = factories.article(en, title="Old", published_hours_ago=72, topics=["Rivers"])
    new = factories.article(en, title="New", published_hours_ago=1, authors=[mira])
    lab = factories.article(en, title="Lab", section_page=science, published_hours_ago=5)
    russian = factories.article(ru, title="Мост", published_hours_ago=2, topics=["Rivers"])

    def titles(**params):
        return [a["headline"] for a in get(client, f"{API}/articles/", **params)["results"]]

    assert titles() == ["New", "Мост", "Lab", "Old"]  # newest first
    assert titles(service="en") == ["New", "Lab", "Old"]
    assert titles(section=science.pk) == ["Lab"]
    assert titles(topic="rivers") == ["Мост", "Old"]
    assert titles(author=mira.pk) == ["New"]
    since = (timezone.now() - timedelta(hours=10)).isoformat()
    until = (timezone.now() - timedelta(hours=3)).isoformat()
    assert titles(published_since=since) == ["New", "Мост", "Lab"]
    assert titles(published_until=until) == ["Lab", "Old"]
    assert titles(published_since=since, published_until=until) == ["Lab"]
    assert titles(service="en", topic="rivers") == ["Old"]
    assert {old.pk, new.pk, lab.pk, russian.pk}


def test_a_topic_only_unpublished_articles_carry_is_unknown(client):
    home = factories.service("en")
    factories.article(home, topics=["Harbours"])
    embargoed = factories.article(home, topics=["Secret summit"])
    embargoed.unpublish()
    unknown = client.get(f"{API}/articles/", {"topic": "no-such-topic"})
    hidden = client.get(f"{API}/articles/", {"topic": "secret-summit"})
    assert hidden.status_code == unknown.status_code == 422
    assert hidden.json()["detail"] == "There is no topic “secret-summit”."


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"service": "xx"}, "There is no service “xx”."),
        ({"topic": "nothing"}, "There is no topic “nothing”."),
        ({"section": "999999"}, "There is no section with id 999999."),
        ({"author": "999999"}, "There is no author with id 999999."),
        ({"section": "abc"}, "Invalid value for: section."),
        ({"author": str(2**70)}, "Invalid value for: author."),
        ({"published_since": "yesterday"}, "Invalid value for: published_since."),
        ({"published_until": "1700000000"}, "Invalid value for: published_until."),
        (
            {"published_since": "2026-02-01T00:00:00Z", "published_until": "2026-01-01T00:00:00Z"},
            "“published_since” must not be later than “published_until”.",
        ),
        ({"cursor": "!!!"}, "Invalid value for: cursor."),
        ({"cursor": "cD14"}, "Invalid value for: cursor."),  # base64 of "p=x": no date
        # Dates and offsets no database can hold.
        ({"cursor": b64("p=9999-12-31T23:59:59-23:59")}, "Invalid value for: cursor."),
        ({"cursor": b64("p=0001-01-01T00:00:00%2B23:59")}, "Invalid value for: cursor."),
        ({"cursor": b64("o=" + "9" * 30 + "&p=2026-01-01")}, "Invalid value for: cursor."),
        ({"cursor": b64("o=-5&r=1&p=2026-01-01")}, "Invalid value for: cursor."),
    ],
)
def test_bad_filters_are_422_with_a_clear_message(client, params, message):
    factories.article(factories.service("en"))
    response = client.get(f"{API}/articles/", params)
    assert response.status_code == 422
    assert response.json()["detail"] == message


def test_errors_follow_accept_language(client):
    factories.service("ru")
    response = client.get(f"{API}/articles/", {"service": "xx"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    assert response.json()["detail"] == "Службы «xx» нет."
    missing = client.get(f"{API}/articles/424242/", HTTP_ACCEPT_LANGUAGE="ru")
    assert missing.json() == {"detail": "Не найдено."}


def test_pagination_walks_every_article_once(client):
    home = factories.service("en")
    made = [factories.article(home, published_hours_ago=hours + 1) for hours in range(45)]
    # Two stories published in the same instant are still told apart.
    same = made[0].first_published_at
    ArticlePage.objects.filter(pk=made[1].pk).update(first_published_at=same)

    seen, pages = [], 0
    url = f"{API}/articles/"
    while url:
        page = get(client, url.removeprefix("http://testserver"))
        seen += [a["id"] for a in page["results"]]
        pages += 1
        url = page["next"]
    assert pages == 3
    assert len(seen) == 45 and set(seen) == {a.pk for a in made}

    small = get(client, f"{API}/articles/", page_size=5)
    assert len(small["results"]) == 5 and small["previous"] is None
    second = get(client, small["next"].removeprefix("http://testserver"))
    assert second["previous"] is not None
    assert not {a["id"] for a in small["results"]} & {a["id"] for a in second["results"]}
    assert len(get(client, f"{API}/articles/", page_size=1000)["results"]) == 45  # capped at 100


def test_unpublished_and_private_articles_are_absent(client):
    home = factories.service("en")
    shown = factories.article(home, title="Shown")
    withdrawn = factories.article(home, title="Withdrawn")
    withdrawn.unpublish()
    draft = factories.article(home, title="Draft")
    ArticlePage.objects.filter(pk=draft.pk).update(live=False, has_unpublished_changes=True)
    private = factories.article(home, title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")  # noqa: S106 (a test fixture, not a secret)
    members = factories.section(home, "Members", "members")
    hidden = factories.article(home, title="Members only", section_page=members)
    restriction = PageViewRestriction.objects.create(page=members, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Members"))

    listed = get(client, f"{API}/articles/")["results"]
    assert [a["headline"] for a in listed] == ["Shown"]
    for article in (withdrawn, draft, private, hidden):
        response = client.get(f"{API}/articles/{article.pk}/")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}
        assert client.get(f"{API}/ninjs/articles/{article.pk}/").status_code == 404
    assert get(client, f"{API}/articles/{shown.pk}/")["headline"] == "Shown"
    assert [s["title"] for s in get(client, f"{API}/sections/")] == ["Society"]
    assert client.get(f"{API}/articles/", {"section": members.pk}).status_code == 422


def test_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/v2/anything")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is nothing at this address."}
    huge = client.get(f"{API}/articles/{2**70}/")
    assert huge.status_code == 422 and huge.json()["detail"] == "Invalid value for: article_id."
    assert client.get("/api/v1/docs").status_code == 404  # no docs page loading third-party code


def test_no_cookies_and_never_served_from_the_rendered_store(client, rendered_store):
    import time

    from kolokol.publishing import render

    factories.article(factories.service("en"), title="Fresh")
    # Even a file left in the store under an API address is never answered.
    render.store_response(f"{API}/articles/", b"stale bytes", started=time.time())
    response = client.get(f"{API}/articles/")
    assert response.status_code == 200 and not response.cookies
    assert response.json()["results"][0]["headline"] == "Fresh"
