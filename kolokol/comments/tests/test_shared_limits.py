"""Reader limits hold across workers: ``kolokol serve`` as ``make run`` starts it.

Each granian worker is its own process. Counted in one process's memory, a
limit of five comments let through five per worker; counted in the shared
"limits" cache (the database by default) it holds whichever worker answers.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kolokol.testing.servers import copy_database, serve, stop

REPO = Path(__file__).resolve().parents[3]
MAKE_ARTICLE = """
from kolokol.testing import factories
article = factories.article(factories.service("ru"), title="Общий счёт")
print(article.service.slug, article.pk)
"""


@pytest.fixture
def two_workers(tmp_path, migrated_database):
    """The default settings (SQLite, no Redis), two worker processes."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env |= {"KOLOKOL_DATA_DIR": str(tmp_path), "KOLOKOL_COMMENT_MIN_SECONDS": "0"}
    kolokol = [sys.executable, "-m", "kolokol"]
    copy_database(migrated_database, tmp_path)
    made = subprocess.run(
        [*kolokol, "shell", "-c", MAKE_ARTICLE],
        env=env,
        check=True,
        cwd=REPO,
        timeout=120,
        capture_output=True,
        text=True,
    )
    slug, article_id = made.stdout.split()[-2:]
    server, base = serve(env, workers=2, worker=False, cwd=REPO)
    yield f"{base}/{slug}/comments/{article_id}/"
    stop(server)


def send_comment(form_url: str, body: str) -> int:
    """A reader's round trip: open the form (its stamp and CSRF token), send it."""
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = browser.open(form_url, timeout=10).read().decode()
    start = page.index('name="ts"')
    form = page[page.rindex("<form", 0, start) : page.index("</form>", start)]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields |= {"body": body, "name": "", "website": ""}
    request = urllib.request.Request(  # noqa: S310 (loopback)
        form_url, data=urllib.parse.urlencode(fields).encode(), headers={"Referer": form_url}
    )
    try:
        with browser.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_six_comments_from_one_reader_give_exactly_five(two_workers):
    # Every round trip opens new connections: both workers answer some of them.
    statuses = [send_comment(two_workers, f"Мнение номер {n}.") for n in range(1, 7)]
    # Accepted comments redirect back to the article (303 after the form is
    # followed to the article: 200); the sixth is refused with 400.
    assert statuses.count(400) == 1, statuses
    assert statuses[-1] == 400, statuses
