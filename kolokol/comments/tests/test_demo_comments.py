"""The demo services come with comments, replies and their policies."""

import pytest
from django.core.management import call_command

from kolokol.articles.models import ArticlePage
from kolokol.comments.models import Comment, CommentPolicy

pytestmark = pytest.mark.django_db


def test_demo_articles_show_comments_replies_and_the_notice(loaded_demo, client):
    ru = CommentPolicy.objects.get(service__slug="ru")
    assert ru.moderation == "pre"
    assert "штрафуют" in ru.notice
    article = ArticlePage.objects.get(slug="most-cherez-svetluyu-otkryli-ranshe-sroka")
    page = client.get(article.url).content.decode()
    assert "3 комментария" in page
    assert "Наконец-то!" in page
    assert 'class="comment-replies"' in page
    assert "Читать нас безопасно." in page
    english = ArticlePage.objects.get(slug="harbour-bridge-reopens-early")
    page = client.get(english.url).content.decode()
    assert "3 comments" in page
    assert "Reading this site is safe." in page
    count = Comment.objects.count()
    call_command("load_demo", verbosity=0)
    assert Comment.objects.count() == count
