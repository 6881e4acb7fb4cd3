"""A fifth and a sixth service in languages added by configuration, end to end.

An installation set up with ``kolokol setup --no-demo`` and
``KOLOKOL_EXTRA_LANGUAGES`` gets an Armenian service (a Snowball stemmer,
left to right) and a Pashto one (no stemmer, right to left) with
``kolokol service add``; an article is published in each, and a real
``kolokol serve`` answers their pages, search and feeds.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import feedparser
import pytest

from kolokol.core.tests.test_config import assert_one_line_naming, kolokol
from kolokol.testing.servers import copy_database, serve, stop

REPO = Path(__file__).resolve().parents[2]
EXTRA = "ps:پښتو:rtl,hy"
ARTICLES = {
    # Armenian: found by another form of the headline's word (ընտրությունները,
    # "the elections"; searched as ընտրություններ, "elections").
    "hy": ("Քաղաքային ընտրությունները", "ընտրություններ", "ltr"),
    # Pashto has no Snowball stemmer: whole words.
    "ps": ("د ښار ټاکنې", "ټاکنې", "rtl"),
}
PUBLISH = """
from kolokol.services.models import ServiceHomePage
from kolokol.testing import factories
for slug, title in {titles!r}.items():
    home = ServiceHomePage.objects.get(slug=slug)
    factories.article(home, title=title, slug="story-" + slug,
                      body=[{{"type": "paragraph", "value": "<p>" + title + ".</p>"}}])
"""


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def html_tag(page: str) -> str:
    return re.search(r"<html[^>]*>", page).group(0)


@pytest.fixture
def installation(tmp_path, migrated_database):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env["KOLOKOL_DATA_DIR"] = str(tmp_path / "data")
    env["KOLOKOL_EXTRA_LANGUAGES"] = EXTRA
    copy_database(migrated_database, tmp_path / "data")

    def run(*args: str) -> str:
        done = subprocess.run(  # noqa: S603 (our own command)
            [sys.executable, "-m", "kolokol", *args],
            env=env,
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    return env, run


def test_a_fifth_and_sixth_service_in_configured_languages(installation):
    env, run = installation
    assert "portal created" in run("setup", "--no-demo")
    out = run("service", "add", "--language", "hy", "--name", "Kolokol Հայերեն", "--slug", "hy")
    assert out.startswith("Kolokol Հայերեն at /hy/: made home page")
    out = run("service", "add", "--language", "ps", "--name", "Kolokol پښتو", "--slug", "ps")
    assert out.startswith("Kolokol پښتو at /ps/: made home page")
    again = run("service", "add", "--language", "ps", "--name", "Kolokol پښتو", "--slug", "ps")
    assert again.strip() == "Kolokol پښتو at /ps/ is already there; nothing changed"
    run("shell", "-c", PUBLISH.format(titles={s: a[0] for s, a in ARTICLES.items()}))

    server, base = serve(env, cwd=REPO)
    try:
        status, portal = get(base + "/")
        assert status == 200
        assert "Welcome to your new Wagtail site" not in portal
        assert '<li lang="hy" dir="ltr"><a href="/hy/"' in portal
        assert '<li lang="ps" dir="rtl"><a href="/ps/"' in portal

        for slug, (title, query, direction) in ARTICLES.items():
            article = f"/{slug}/news/story-{slug}/"
            for path in (f"/{slug}/", f"/{slug}/news/", article, f"/{slug}/topics/"):
                status, page = get(base + path)
                assert status == 200, path
                assert html_tag(page).startswith(f'<html lang="{slug}" dir="{direction}"'), path
            status, page = get(base + article)
            assert title in page
            status, page = get(base + f"/{slug}/search/?" + urllib.parse.urlencode({"q": query}))
            assert status == 200
            assert f'href="{article}"' in page, f"{slug}: {query} did not find {title}"
            # No catalogue for these languages: the interface falls back to English.
            assert f"1 article found for “{query}”" in page

            for name in ("feed.rss", "feed.atom"):
                status, text = get(base + f"/{slug}/{name}")
                assert status == 200
                feed = feedparser.parse(text)
                assert feed.bozo == 0, feed.bozo_exception
                assert [entry.title for entry in feed.entries] == [title]
                assert feed.entries[0].link.endswith(article)

        # Pashto, without a stemmer, finds whole words only.
        status, page = get(base + "/ps/search/?q=" + urllib.parse.quote("ټاکن"))
        assert status == 200
        assert "Nothing found for “ټاکن”." in page
        assert 'href="/ps/news/story-ps/"' not in page
    finally:
        stop(server)


@pytest.mark.parametrize(
    "value",
    [
        "xx",  # Django does not know it, and no name was given
        "ps",  # the same
        "ru",  # already one of Kolokol's
        "hy,hy",
        "hy:Հայերեն:sideways",
        "Hy",
    ],
)
def test_a_bad_extra_language_is_one_line(tmp_path, value):
    env = {"KOLOKOL_DATA_DIR": str(tmp_path), "KOLOKOL_EXTRA_LANGUAGES": value}
    assert_one_line_naming(kolokol("check", env=env), "KOLOKOL_EXTRA_LANGUAGES")


def test_extra_languages_take_django_names_and_directions(tmp_path):
    show = (
        "from django.conf import settings; from django.utils.translation import get_language_info;"
        "print([c for c, n in settings.LANGUAGES]); print(sorted(settings.LANGUAGES_BIDI));"
        "print([get_language_info(c)['name_local'] for c in ('hy', 'az', 'prs')])"
    )
    env = {
        "KOLOKOL_DATA_DIR": str(tmp_path),
        # Azerbaijani: Django's LANG_INFO still calls it right to left; its list does not.
        "KOLOKOL_EXTRA_LANGUAGES": "hy, az ,prs:دری:rtl,ar:العربية:ltr",
    }
    result = kolokol("shell", "-c", show, env=env)
    assert result.returncode == 0, result.stderr
    codes, bidi, names = result.stdout.strip().splitlines()[-3:]
    assert codes == "['ru', 'en', 'ky', 'fa', 'hy', 'az', 'prs', 'ar']"
    assert "'prs'" in bidi and "'fa'" in bidi and "'az'" not in bidi and "'ar'" not in bidi
    assert names == "['հայերեն', 'Azərbaycanca', 'دری']"
    # A model change to migrate? None: the service's language choices follow the setting.
    result = kolokol("makemigrations", "--check", "--dry-run", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_a_bare_portal_still_takes_a_restore():
    # The deployment guide runs `kolokol setup --no-demo` before anything
    # else; a backup must still restore over the portal it leaves.
    from kolokol.backups.archive import site_is_empty
    from kolokol.services.portal import portal
    from kolokol.testing import factories

    page, created = portal()
    assert created and page.live
    assert portal() == (page, False)
    assert site_is_empty()
    factories.service("en")
    assert not site_is_empty()
