"""Persian readers see dates in the Solar Hijri calendar, with Persian digits."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from kolokol.articles.models import ArticlePage
from kolokol.core import calendars, clock
from kolokol.testing import factories

TEHRAN = ZoneInfo("Asia/Tehran")


@pytest.mark.parametrize(
    ("moment", "written"),
    [
        (datetime(2026, 11, 29, 14, 5), "۸ آذر ۱۴۰۵، ساعت ۱۴:۰۵"),
        # The year turns at Nowruz, not on 1 January.
        (datetime(2026, 3, 20, 9, 0), "۲۹ اسفند ۱۴۰۴، ساعت ۹:۰۰"),
        (datetime(2026, 3, 21, 9, 0), "۱ فروردین ۱۴۰۵، ساعت ۹:۰۰"),
    ],
)
def test_persian_dates_follow_the_solar_hijri_calendar(moment, written):
    assert calendars.persian(moment) == written
    assert calendars.persian(moment, with_time=False) == written.split("،")[0]


@pytest.mark.django_db
def test_a_persian_article_is_dated_in_the_solar_hijri_calendar_in_its_time_zone(client):
    home = factories.service("fa", title="کولوکول", time_zone="Asia/Tehran")
    article = factories.article(home, title="گزارش")
    # 20:45 UTC on 20 March is 00:15 on Nowruz in Tehran: the new year's first day.
    published = datetime(2026, 3, 20, 20, 45, tzinfo=UTC)
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published)
    clock.bump()  # behind the publisher's back: listings are read afresh
    for url in (article.url, home.url, article.get_parent().url):
        html = client.get(url).content.decode()
        assert "۱ فروردین ۱۴۰۵، ساعت ۰:۱۵" in html, url
        # Machines still get ISO 8601.
        assert f'<time datetime="{published.astimezone(TEHRAN).isoformat()}">' in html, url


@pytest.mark.django_db
def test_other_services_keep_the_gregorian_calendar(client):
    home = factories.service("en", time_zone="UTC")
    article = factories.article(home, title="Report")
    published = datetime(2026, 3, 20, 20, 45, tzinfo=UTC)
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published)
    html = client.get(article.url).content.decode()
    assert "March 20, 2026" in html and "فروردین" not in html
