"""A reporter's new article: its address comes from the headline, and a draft is never refused for it."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kolokol.articles.models import ArticlePage
from kolokol.core.slugs import slug_from_title
from kolokol.sections.models import SectionPage
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Мост откроют весной", "most-otkroyut-vesnoy"),
        ("Щука, ёж и Юрьев день!", "shchuka-yozh-i-yurev-den"),
        ("Бишкекте күн ысык, түнү салкын болот", "bishkekte-kun-ysyk-tunu-salkyn-bolot"),
        ("Қазақстанда ғылым күні", "qazaqstanda-ghylym-kuni"),
        # Persian keeps its script; Arabic letter forms and digits become Persian/ASCII ones.
        ("اعتراض‌ها در تهران ادامه دارد ۱۴۰۳", "اعتراضها-در-تهران-ادامه-دارد-1403"),
        ("كتاب علي", "کتاب-علی"),
        ("Harbour wall repaired", "harbour-wall-repaired"),
        ("«!!!»", ""),
    ],
)
def test_address_from_a_headline(title, slug):
    assert slug_from_title(title) == slug


def test_a_long_headline_gives_a_short_address_that_fits_a_file_name():
    persian = slug_from_title("گزارش " * 60)
    russian = slug_from_title("Подробный отчёт " * 30)
    assert len(persian) <= 80 and len(russian.split("-")) <= 10
    assert len(persian.encode()) < 255 and len(russian.encode()) < 255
    assert not persian.endswith("-") and not russian.endswith("-")


def draft(home, **fields) -> dict:
    data = {
        "title": "",
        "slug": "",
        "kicker": "",
        "standfirst": "",
        "dateline": "",
        "lead_image": "",
        "lead_image_caption": "",
        "bylines": inline_formset([]),
        "body": streamfield([]),
        "tags": "",
        "article_notes": inline_formset([]),
        **fields,
    }
    return nested_form_data(data)


@pytest.fixture
def newsroom(client, django_user_model):
    verified_login(client, django_user_model.objects.create_superuser("chief", "chief@example.org"))
    home = factories.service("ru")
    section = SectionPage.objects.child_of(home).first()
    client.add_url = f"/admin/pages/add/articles/articlepage/{section.pk}/"
    client.home = home
    return client


def test_a_first_draft_needs_only_a_headline(newsroom):
    response = newsroom.post(newsroom.add_url, draft(newsroom.home, title="Мост откроют весной"))
    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(title="Мост откроют весной")
    assert article.slug == "most-otkroyut-vesnoy"
    assert not article.live and not article.bylines.exists()


def test_a_second_draft_with_the_same_headline_is_numbered_not_refused(newsroom):
    for _ in range(3):
        data = draft(newsroom.home, title="Паром снова ходит", slug="parom-snova-khodit")
        assert newsroom.post(newsroom.add_url, data).status_code == 302
    slugs = sorted(
        ArticlePage.objects.filter(title="Паром снова ходит").values_list("slug", flat=True)
    )
    assert slugs == ["parom-snova-khodit", "parom-snova-khodit-2", "parom-snova-khodit-3"]


def test_publishing_still_asks_for_a_byline_and_a_free_address(newsroom):
    taken = factories.article(newsroom.home, title="Старая статья", slug="novaya-statya")
    body = streamfield([("paragraph", rich_text("<p>Текст.</p>"))])
    data = draft(
        newsroom.home,
        title="Новая статья",
        standfirst="Коротко.",
        body=body,
        **{"action-publish": "publish"},
    )
    response = newsroom.post(newsroom.add_url, data)
    assert response.status_code == 200
    assert "Add at least one byline before publishing." in response.content.decode()
    assert not ArticlePage.objects.filter(title="Новая статья").exists()

    data["bylines-TOTAL_FORMS"] = "1"
    data["bylines-0-author"] = str(taken.bylines.first().author_id)
    data["bylines-0-ORDER"] = "1"
    data["bylines-0-id"] = ""
    data["bylines-0-DELETE"] = ""
    response = newsroom.post(newsroom.add_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    published = ArticlePage.objects.get(title="Новая статья")
    # Made from the headline and free: the first publication has its own address.
    assert published.live and published.slug == "novaya-statya-2"


def test_an_edit_keeps_the_address_readers_know(newsroom):
    article = factories.article(newsroom.home, title="Старый заголовок", slug="staryi-adres")
    response = newsroom.post(
        f"/admin/pages/{article.pk}/edit/",
        draft(
            newsroom.home,
            title="Новый заголовок",
            slug="staryi-adres",
            standfirst=article.standfirst,
            bylines=inline_formset(
                [{"id": b.pk, "author": b.author_id} for b in article.bylines.all()], initial=1
            ),
            body=streamfield([("paragraph", rich_text("<p>Текст.</p>"))]),
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.title == "Новый заголовок" and article.slug == "staryi-adres"


def test_pages_made_without_the_admin_get_the_same_address(newsroom):
    section = SectionPage.objects.child_of(newsroom.home).first()
    for _ in range(2):
        page = ArticlePage(title="Выборы в Бишкеке", standfirst="Коротко.", body=[])
        section.add_child(instance=page)
    assert sorted(
        ArticlePage.objects.filter(title="Выборы в Бишкеке").values_list("slug", flat=True)
    ) == [
        "vybory-v-bishkeke",
        "vybory-v-bishkeke-2",
    ]
