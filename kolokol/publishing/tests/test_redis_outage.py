"""Redis down (when configured): readers never notice."""

import pytest
from django.core.cache import cache

from kolokol.testing import factories

# Committed: the search index follows publishing once the transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)

DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.2,
            "SOCKET_TIMEOUT": 0.2,
        },
    }
}


def test_pages_render_with_redis_unreachable(client, settings):
    home = factories.service("en")
    article = factories.article(home, title="Buoy replaced")
    settings.CACHES = DEAD_REDIS
    settings.DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    cache.set("probe", 1)  # swallowed, not raised
    assert cache.get("probe") is None
    for url in [home.url, article.url, home.url + "search/?q=buoy"]:
        response = client.get(url)
        assert response.status_code == 200, url
    found = client.get(home.url + "search/?q=buoy").content.decode()
    assert f'href="{article.url}"><mark>Buoy</mark> replaced' in found
