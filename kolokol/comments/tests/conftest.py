import pytest
from django.urls import reverse

from kolokol.comments import guard
from kolokol.comments.models import CommentPolicy
from kolokol.testing import factories


@pytest.fixture(autouse=True)
def _no_wait(settings):
    """Tests send forms at machine speed; the timing rule has its own tests."""
    settings.KOLOKOL_COMMENT_MIN_SECONDS = 0


@pytest.fixture
def ru():
    return factories.service("ru", title="Колокол")


@pytest.fixture
def article(ru):
    return factories.article(ru, title="Мост откроют весной")


def form_url(article) -> str:
    return reverse("comment_form", args=[article.service.slug, article.pk])


def like_url(article) -> str:
    return reverse("like", args=[article.service.slug, article.pk])


def send(client, article, body="Хороший текст.", name="", meta=None, **fields):
    """POST the comment form as a reader would (the test client adds no CSRF check)."""
    data = {"body": body, "name": name, "ts": guard.form_token(article.pk), "website": ""}
    data.update(fields)
    return client.post(form_url(article), data, **{"REMOTE_ADDR": "203.0.113.7", **(meta or {})})


def policy(service, **fields) -> CommentPolicy:
    found, _ = CommentPolicy.objects.update_or_create(service=service, defaults=fields)
    return found
