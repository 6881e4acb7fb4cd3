"""The chief editor's home page: a picked lead, picked top stories, the rest by recency."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from kolokol.services.models import HomePick, ServiceHomePage
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login


def curate(home, lead=None, picks=()):
    home = ServiceHomePage.objects.get(pk=home.pk)
    home.lead_story = lead
    home.top_picks = [HomePick(article=article) for article in picks]
    return factories.publish(home)


def top_titles(html):
    top = html[html.index('id="top-heading"') :]
    top = top[: top.index("</section>")]
    return [part.split("</a>")[0] for part in top.split('class="teaser__title"><a href=')[1:]]


def titles(html_titles):
    return [title.split('">', 1)[1] for title in html_titles]


@pytest.mark.django_db
def test_picked_top_stories_show_in_the_editors_order_then_the_newest(client):
    home = factories.service("en")
    old = [
        factories.article(home, title=f"Archive story {n}", published_hours_ago=100 + n)
        for n in range(3)
    ]
    newest = [
        factories.article(home, title=f"Fresh story {n}", published_hours_ago=n + 1)
        for n in range(4)
    ]
    curate(home, lead=old[2], picks=[old[1], old[0]])
    html = client.get(home.url).content.decode()
    lead = html[html.index("teaser--lead") : html.index('id="top-heading"')]
    assert "Archive story 2" in lead
    # The two picks in the editor's order, then the two newest articles.
    assert titles(top_titles(html)) == [
        "Archive story 1",
        "Archive story 0",
        newest[0].title,
        newest[1].title,
    ]


@pytest.mark.django_db
def test_without_a_picked_lead_the_newest_article_leads_and_is_not_repeated(client):
    home = factories.service("en")
    newest = factories.article(home, title="Newest of all", published_hours_ago=1)
    older = factories.article(home, title="Older pick", published_hours_ago=9)
    curate(home, picks=[newest, older])
    html = client.get(home.url).content.decode()
    assert "Newest of all" in html[html.index("teaser--lead") : html.index('id="top-heading"')]
    assert titles(top_titles(html)) == ["Older pick"]


@pytest.fixture
def chief(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "chief", "chief@example.org", "a-long-pass-phrase"
    )
    verified_login(client, user)
    return client


def home_form(home, lead=None, picks=()):
    return nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "tagline": "",
            "lead_story": lead.pk if lead else "",
            "top_picks": inline_formset([{"article": article.pk} for article in picks]),
            "language": home.language,
            "time_zone": home.time_zone,
            "contact_email": "",
            "mirror_urls": "",
            "onion_url": "",
            "footer_text": rich_text(""),
            "seo_title": "",
            "search_description": "",
            "action-publish": "publish",
        }
    )


@pytest.mark.django_db
def test_chief_editor_curates_the_home_in_the_page_editor(chief, client):
    home = factories.service("en")
    articles = [factories.article(home, published_hours_ago=50 + n) for n in range(3)]
    edit_url = f"/admin/pages/{home.pk}/edit/"
    page = chief.get(edit_url).content.decode()
    assert "Top stories" in page and 'name="top_picks-MAX_NUM_FORMS" value="4"' in page
    response = chief.post(edit_url, home_form(home, articles[0], [articles[2], articles[1]]))
    assert response.status_code == 302, response.content.decode()[:3000]
    home = ServiceHomePage.objects.get(pk=home.pk)
    assert [pick.article_id for pick in home.top_picks.all()] == [articles[2].pk, articles[1].pk]
    html = client.get(home.url).content.decode()
    assert titles(top_titles(html))[:2] == [articles[2].title, articles[1].title]


@pytest.mark.django_db
def test_a_fifth_top_story_is_refused_with_a_clear_message(chief):
    home = factories.service("en")
    articles = [factories.article(home, published_hours_ago=n + 1) for n in range(5)]
    revisions = home.revisions.count()
    response = chief.post(f"/admin/pages/{home.pk}/edit/", home_form(home, picks=articles))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The home page shows at most 4 top stories. Remove one before adding another." in html
    assert home.revisions.count() == revisions
    assert not HomePick.objects.filter(home=home).exists()


@pytest.mark.django_db
def test_articles_of_another_service_cannot_be_picked(chief):
    home = factories.service("en")
    ours = factories.article(home, title="Our story")
    theirs = factories.article(factories.service("ru"), title="Чужая статья")
    response = chief.post(f"/admin/pages/{home.pk}/edit/", home_form(home, picks=[ours, theirs]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This is not an article of this service; pick one of its own." in html
    assert "Чужая статья" not in html  # another service's title is not told
    response = chief.post(f"/admin/pages/{home.pk}/edit/", home_form(home, lead=theirs))
    assert response.status_code == 200
    assert "The lead story must be an article of this service." in response.content.decode()
    home = ServiceHomePage.objects.get(pk=home.pk)
    assert home.lead_story is None and not home.top_picks.exists()


@pytest.mark.django_db(transaction=True)
def test_unpublishing_a_picked_story_takes_it_off_the_stored_home_at_once(client, rendered_store):
    factories.wagtail_tree()
    home = factories.service("en")
    picked = factories.article(home, title="Picked harbour story", published_hours_ago=40)
    fillers = [
        factories.article(home, title=f"Recent story {n}", published_hours_ago=n + 1)
        for n in range(5)
    ]
    curate(home, picks=[picked])
    assert client.get(home.url).status_code == 200
    stored = rendered_store.get(home.url).path.read_text()
    # The newest leads; the pick comes first among the top stories.
    assert titles(top_titles(stored)) == ["Picked harbour story", *[a.title for a in fillers[1:4]]]

    picked.unpublish()
    stored = rendered_store.get(home.url).path.read_text()
    assert "Picked harbour story" not in stored
    # The next-newest article takes the freed place.
    assert titles(top_titles(stored)) == [a.title for a in fillers[1:5]]
    assert client.get(home.url)["X-Kolokol-Store"] == "hit"
