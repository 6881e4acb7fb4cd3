"""The live desk in the admin: who may post, who publishes, and nobody else's service."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from kolokol.live.models import LivePost
from kolokol.live.tests.helpers import live_blog, post
from kolokol.newsroom.models import Role
from kolokol.newsroom.tests.conftest import make_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    return make_newsroom()


def post_form(page, text: str, status: str) -> dict:
    return nested_form_data(
        {
            "page": page.pk,
            "headline": "",
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
            "author": "",
            "status": status,
        }
    )


def test_an_editor_publishes_a_post_at_once(room):
    blog = live_blog(room.services["ru"])
    editor = room.client(Role.EDITOR, "ru")
    desk = editor.get(reverse("live_posts:index") + f"?page={blog.pk}")
    assert desk.status_code == 200
    response = editor.post(
        reverse("live_posts:add"), post_form(blog, "Вода прибывает.", "published")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    made = LivePost.objects.get()
    assert made.status == "published" and made.posted_at is not None
    assert made.created_by == room.user(Role.EDITOR, "ru")


def test_a_reporters_post_waits_for_an_editor_where_the_blog_asks_for_review(room):
    blog = live_blog(room.services["ru"])
    reporter = room.client(Role.REPORTER, "ru")
    form = reporter.get(reverse("live_posts:add") + f"?page={blog.pk}").content.decode()
    assert 'value="submitted"' in form and 'value="published"' not in form
    # Forcing the status past the form is refused.
    refused = reporter.post(reverse("live_posts:add"), post_form(blog, "Сразу!", "published"))
    assert refused.status_code == 200 and not LivePost.objects.exists()
    reporter.post(reverse("live_posts:add"), post_form(blog, "На проверку.", "submitted"))
    waiting = LivePost.objects.get()
    assert waiting.status == "submitted" and waiting.posted_at is None
    assert "На проверку." not in room.client(Role.EDITOR, "ru").get(blog.url).content.decode()


def test_a_reporter_publishes_own_posts_where_the_blog_allows_it(room):
    blog = live_blog(room.services["ru"], posts_need_review=False)
    reporter = room.client(Role.REPORTER, "ru")
    reporter.post(reverse("live_posts:add"), post_form(blog, "Быстро.", "published"))
    assert LivePost.objects.get().status == "published"


def test_a_reporter_cannot_change_an_editors_post(room):
    blog = live_blog(room.services["ru"])
    theirs = post(blog, created_by=room.user(Role.EDITOR, "ru"))
    reporter = room.client(Role.REPORTER, "ru")
    assert reporter.get(reverse("live_posts:edit", args=[theirs.pk])).status_code in (302, 403)


def test_another_services_staff_neither_see_nor_post(room):
    blog = live_blog(room.services["ru"])
    post(blog, "Только для своих.")
    outsider = room.client(Role.CHIEF_EDITOR, "en")
    listing = outsider.get(reverse("live_posts:index")).content.decode()
    assert "Только для своих." not in listing
    outsider.post(reverse("live_posts:add"), post_form(blog, "Чужой пост.", "published"))
    assert not LivePost.objects.filter(body__icontains="Чужой").exists()
    assert outsider.get(
        reverse("live_posts:edit", args=[LivePost.objects.get().pk])
    ).status_code in (
        302,
        403,
    )


def test_moderators_have_no_live_desk(room):
    blog = live_blog(room.services["ru"])
    moderator = room.client(Role.MODERATOR, "ru")
    assert moderator.get(reverse("live_posts:add") + f"?page={blog.pk}").status_code in (302, 403)


def test_editors_open_the_desk_from_the_live_blog_and_write_new_live_blogs(room):
    from kolokol.newsroom.tests.conftest import section_of

    home = room.services["ru"]
    blog = live_blog(home)
    editor = room.client(Role.EDITOR, "ru")
    edit = editor.get(reverse("wagtailadmin_pages:edit", args=[blog.pk])).content.decode()
    assert reverse("live_posts:index") + f"?page={blog.pk}" in edit
    section = section_of(home)
    add = reverse("wagtailadmin_pages:add", args=["live", "liveblogpage", section.pk])
    form = editor.get(add)
    assert form.status_code == 200 and 'name="live_from"' in form.content.decode()
