"""Service home pages and the portal."""

import pytest

from kolokol.services.models import ServiceHomePage
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_portal_lists_every_live_service_in_its_own_language(client):
    factories.service("ru", title="Колокол")
    factories.service("en", title="Kolokol English")
    html = client.get("/").content.decode()
    assert 'lang="ru"' in html and "Колокол" in html
    assert 'href="/en/"' in html and "Kolokol English" in html


def test_home_leads_with_the_latest_story_and_groups_the_rest_by_section(client):
    home = factories.service("en")
    culture = factories.section(home, "Culture", "culture")
    old = factories.article(home, title="Older society story", published_hours_ago=30)
    factories.article(home, title="Museum reopens", section_page=culture, published_hours_ago=20)
    latest = factories.article(home, title="Newest story", published_hours_ago=1)
    html = client.get(home.url).content.decode()
    assert html.index(latest.title) < html.index(old.title)
    assert 'class="teaser teaser--lead"' in html
    assert html.index("teaser--lead") < html.index(latest.title)
    assert "Museum reopens" in html


def test_editor_picked_lead_story_leads_until_unpublished(client):
    home = factories.service("en")
    picked = factories.article(home, title="Picked by the editor", published_hours_ago=50)
    factories.article(home, title="Fresh but not picked", published_hours_ago=1)
    ServiceHomePage.objects.filter(pk=home.pk).update(lead_story=picked)
    html = client.get(home.url).content.decode()
    lead = html[html.index("teaser--lead") :]
    assert lead.index("Picked by the editor") < lead.index("Fresh but not picked")
    picked.unpublish()
    html = client.get(home.url).content.decode()
    assert "Picked by the editor" not in html


def test_other_services_are_offered_in_the_language_switcher(client):
    ru = factories.service("ru", title="Колокол")
    factories.service("en", title="Kolokol English")
    html = client.get(ru.url).content.decode()
    assert 'hreflang="en"' in html and ">English<" in html


def test_right_to_left_service_is_rendered_rtl(client):
    home = factories.service("fa", title="کولوکول")
    html = client.get(home.url).content.decode()
    assert '<html lang="fa" dir="rtl"' in html


@pytest.mark.parametrize(
    ("language", "skip_link", "top_story"),
    [
        ("ky", "Негизги мазмунга өтүү", "Башкы жаңылык"),
        ("fa", "رفتن به محتوا", "خبر اصلی"),
    ],
)
def test_kyrgyz_and_persian_services_speak_their_readers_language(
    client, language, skip_link, top_story
):
    home = factories.service(language)
    factories.article(home, title="Story")
    html = client.get(home.url).content.decode()
    assert skip_link in html and top_story in html
    assert "Skip to content" not in html and "Top story" not in html


def test_language_does_not_leak_between_requests(client):
    ru = factories.service("ru")
    en = factories.service("en")
    client.get(ru.url)
    html = client.get(en.url).content.decode()
    assert '<html lang="en"' in html
    admin_login = client.get("/admin/login/").content.decode()
    assert 'lang="en"' in admin_login


def test_missing_page_is_a_404_in_the_service_language(client):
    factories.service("ru")
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ru"' in html and "Страница не найдена" in html
    assert 'href="/ru/"' in html
    outside = client.get("/nothing-here/")
    assert outside.status_code == 404 and '<html lang="en"' in outside.content.decode()


@pytest.mark.django_db(transaction=True)
def test_mirror_and_onion_addresses_are_offered(client, rendered_store):

    factories.wagtail_tree()
    home = factories.service("ru")
    onion = "http://kolokolabcdefghijklmnopqrstuvwxyz234567abcdefghijklmnop.onion"
    home.mirror_urls = "https://kolokol-mirror.example\nhttps://kl.example.net"
    home.onion_url = onion
    factories.publish(home)
    article = factories.article(home)
    rendered_store.delete(article.url)  # rendered on this request, then from the store
    for attempt in ("rendered", "stored"):
        response = client.get(article.url)
        assert response["Onion-Location"] == onion + article.url, attempt
        html = response.content.decode() if attempt == "rendered" else ""
        if html:
            assert "<code>https://kolokol-mirror.example</code>" in html
            assert f"<code>{onion}</code>" in html
            assert 'href="https://kolokol-mirror.example' not in html
    assert response["X-Kolokol-Store"] == "hit"


def test_every_listing_page_describes_itself_and_loads_pictures_below_the_fold_lazily(client):
    import re

    home = factories.service("en", tagline="News from the harbour town")
    for n in range(8):
        factories.article(home, title=f"Story {n}", lead_image=factories.image())
    html = client.get(home.url).content.decode()
    descriptions = re.findall(r'<meta name="description" content="([^"]*)"', html)
    assert descriptions == ["News from the harbour town"]
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) >= 8
    # The lead picture at once; the others as the reader scrolls to them.
    assert 'loading="lazy"' not in images[0]
    assert all('loading="lazy"' in image for image in images[1:]), images
    article_page = client.get(home.get_children().live().first().get_children().live().first().url)
    assert len(re.findall(r'<meta name="description"', article_page.content.decode())) == 1
