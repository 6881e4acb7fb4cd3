"""A database outage, for real: the server keeps answering from the store."""

import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kolokol.testing.servers import copy_database, serve, stop

REPO = Path(__file__).resolve().parents[3]


def get(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


MAKE_SITE = """
from kolokol.testing import factories
for language in ("ru", "en"):
    home = factories.service(language)
    for n in range(3):
        factories.article(home, title=f"{language} story {n}", topics=["bridge"])
"""


@pytest.fixture
def demo_server(tmp_path, migrated_database):
    """`kolokol setup` and `kolokol serve` on a SQLite database of their own,
    with two services and a few articles."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env["KOLOKOL_DATA_DIR"] = str(tmp_path / "data")
    kolokol = [sys.executable, "-m", "kolokol"]
    copy_database(migrated_database, tmp_path / "data")  # setup's migrate: nothing left to do
    for command in (["setup", "--no-demo"], ["shell", "-c", MAKE_SITE]):
        subprocess.run(
            [*kolokol, *command], env=env, check=True, capture_output=True, cwd=REPO, timeout=300
        )
    server, base = serve(env, cwd=REPO)
    yield base, tmp_path / "data" / "kolokol.sqlite3"
    stop(server)


def test_published_pages_survive_a_database_outage(demo_server):
    base, database = demo_server
    status, _, html = get(base + "/ru/")
    assert status == 200
    pages = sorted(set(re.findall(r'href="(/(?:ru|en)/[^"?#]*/)"', html.decode())))
    pages += ["/", "/en/"]
    # The newsletter form and the offline editions are answered by the app
    # from the database each time (never stored): in an outage they say so.
    dynamic = [path for path in pages if path.endswith(("/newsletter/", "/offline/"))]
    assert dynamic == ["/ru/newsletter/", "/ru/offline/"]
    pages = [path for path in pages if path not in dynamic]
    assert sum("/story-" in path for path in pages) >= 3  # the articles, not only the fronts
    for path in pages:  # readers visit: the store fills
        assert get(base + path)[0] == 200, path

    # The database goes away.
    shutil.move(database, database.with_suffix(".away"))
    for suffix in ("-wal", "-shm"):
        Path(str(database) + suffix).unlink(missing_ok=True)

    served = [path for path in pages if get(base + path)[0] == 200]
    assert served == pages  # every published page still answers

    for path in dynamic:
        status, headers, body = get(base + path)
        assert status == 503 and headers["Retry-After"] == "30", path
        assert "Временно недоступно" in body.decode()

    status, headers, body = get(base + "/ru/search/?q=%D0%BC%D0%BE%D1%81%D1%82")
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "Временно недоступно" in body.decode()
