"""A backup restored into a new instance holds every article, image and comment."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from kolokol.comments.models import Comment, State
from kolokol.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)

REPO = Path(__file__).resolve().parents[3]
CHECK = """
from kolokol.articles.models import ArticlePage
from kolokol.comments.models import Comment
from kolokol.media.models import NewsImage
article = ArticlePage.objects.get(title="Harbour wall repaired")
image = article.lead_image
print(article.live, article.url)
print(image.file.storage.exists(image.file.name), image.get_rendition("width-400").url)
print(Comment.objects.get(article=article).body)
"""


def kolokol(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kolokol", *args],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


@pytest.fixture
def new_instance(tmp_path):
    """A second installation: its own data folder and, on PostgreSQL, its own empty database."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    env["KOLOKOL_DATA_DIR"] = str(tmp_path / "restored")
    created = None
    if connection.vendor == "postgresql":
        created = f"kolokol_restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{created}"')
        settings = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{created}"
        )
    else:
        env.pop("DATABASE_URL", None)
    yield env
    if created:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')


def test_a_backup_restores_on_an_empty_instance(tmp_path, new_instance, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    factories.wagtail_tree()
    home = factories.service("en")
    article = factories.article(
        home, title="Harbour wall repaired", lead_image=factories.image(description="The wall")
    )
    Comment.objects.create(article=article, body="Good to see it fixed.", state=State.APPROVED)

    call_command("backup", str(tmp_path / "backups"), verbosity=0)
    (folder,) = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["counts"]["articles"] == 1 and manifest["counts"]["comments"] == 1
    assert manifest["counts"]["images"] == 1
    assert any(name.startswith("media/original_images/") for name in manifest["files"])

    restored = kolokol("restore", str(folder), env=new_instance)
    assert restored.returncode == 0, restored.stderr
    assert "1 articles" in restored.stdout and "1 comments" in restored.stdout
    check = kolokol("shell", "-c", CHECK, env=new_instance)
    assert check.returncode == 0, check.stderr
    live_url, file_line, comment = check.stdout.strip().splitlines()[-3:]
    assert live_url == f"True {article.url}"
    assert file_line.startswith("True /media/images/")
    assert comment == "Good to see it fixed."

    # Once there is content, a restore is refused rather than mixing two sites.
    again = kolokol("restore", str(folder), env=new_instance)
    assert again.returncode != 0 and "content already" in again.stderr


def test_a_damaged_backup_is_refused_before_anything_is_touched(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    factories.wagtail_tree()
    factories.article(factories.service("en"), lead_image=factories.image())
    call_command("backup", str(tmp_path / "backups"), verbosity=0)
    (folder,) = (tmp_path / "backups").iterdir()
    original = next((folder / "media" / "original_images").iterdir())
    original.write_bytes(b"not the picture")
    with pytest.raises(CommandError, match="missing or damaged"):
        call_command("restore", str(folder), verbosity=0)
