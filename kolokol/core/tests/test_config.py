"""Start-up configuration: clear one-line errors, generated demo secret."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kolokol import config

REPO = Path(__file__).resolve().parents[3]


def kolokol(*args: str, env: dict[str, str], timeout: int = 60) -> subprocess.CompletedProcess:
    """Run the real ``kolokol`` command in a fresh process with ``env`` on top of ours."""
    dropped = {"DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "kolokol", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )


def assert_one_line_naming(result: subprocess.CompletedProcess, setting: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith(f"kolokol: {setting}:"), lines[0]


def test_unknown_database_scheme_is_one_line(tmp_path):
    result = kolokol(
        "check", env={"KOLOKOL_DATA_DIR": str(tmp_path), "DATABASE_URL": "mongo://db/x"}
    )
    assert_one_line_naming(result, "DATABASE_URL")
    assert "mongo" in result.stderr


def test_unreachable_database_is_one_line_without_password(tmp_path):
    url = "postgres://kolokol:s3cret@127.0.0.1:1/kolokol"
    result = kolokol("migrate", env={"KOLOKOL_DATA_DIR": str(tmp_path), "DATABASE_URL": url})
    assert_one_line_naming(result, "DATABASE_URL")
    assert "s3cret" not in result.stderr and "127.0.0.1:1" in result.stderr


def test_production_refuses_to_start_without_secret(tmp_path):
    env = {
        "KOLOKOL_DATA_DIR": str(tmp_path),
        "KOLOKOL_ENV": "production",
        "ALLOWED_HOSTS": "news.example",
    }
    result = kolokol("check", env=env)
    assert_one_line_naming(result, "SECRET_KEY")


def test_production_refuses_to_start_without_hosts(tmp_path):
    env = {"KOLOKOL_DATA_DIR": str(tmp_path), "KOLOKOL_ENV": "production", "SECRET_KEY": "k" * 64}
    assert_one_line_naming(kolokol("check", env=env), "ALLOWED_HOSTS")


def test_wsgi_entry_point_stops_with_one_line(tmp_path):
    env = {
        **os.environ,
        "KOLOKOL_DATA_DIR": str(tmp_path),
        "KOLOKOL_ENV": "production",
        "ALLOWED_HOSTS": "x",
    }
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-c", "import kolokol.wsgi"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert_one_line_naming(result, "SECRET_KEY")


def test_bad_boolean_names_the_setting(tmp_path):
    result = kolokol("check", env={"KOLOKOL_DATA_DIR": str(tmp_path), "DEBUG": "maybe"})
    assert_one_line_naming(result, "DEBUG")


def test_bucket_endpoint_must_be_an_http_address(tmp_path):
    endpoint = "s3://key:s3cret@storage.example.org"
    result = kolokol(
        "check",
        env={"KOLOKOL_DATA_DIR": str(tmp_path), "KOLOKOL_STORE_S3_ENDPOINT_URL": endpoint},
    )
    assert_one_line_naming(result, "KOLOKOL_STORE_S3_ENDPOINT_URL")
    assert "s3cret" not in result.stderr


def test_demo_secret_is_generated_once_and_private(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.secret_key(False, tmp_path)
    second = config.secret_key(False, tmp_path)
    assert first == second and len(first) >= 50
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_sqlite_is_the_default_database(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    db = config.database(tmp_path)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == tmp_path / "kolokol.sqlite3"


def test_postgres_url_is_parsed(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://news:pw@db.internal:5433/kolokol")
    db = config.database(tmp_path)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"]) == ("db.internal", 5433, "kolokol")


@pytest.mark.parametrize("url", ["postgres://u:pw@h/db", "postgres://u@h/db"])
def test_redact_url_hides_passwords(url):
    assert "pw" not in config.redact_url(url)


def test_deploy_check_passes_with_production_settings(tmp_path):
    env = {
        "KOLOKOL_DATA_DIR": str(tmp_path),
        "KOLOKOL_ENV": "production",
        "SECRET_KEY": "a-long-production-secret-" + "x9Q!" * 12,
        "ALLOWED_HOSTS": "news.example.org",
        "KOLOKOL_BASE_URL": "https://news.example.org",
    }
    result = kolokol("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "proxies"),
    [
        ({}, "0"),
        ({"KOLOKOL_ENV": "production"}, "1"),  # behind the shipped nginx, which sets the header
        ({"KOLOKOL_ENV": "production", "KOLOKOL_BEHIND_PROXY": "0"}, "0"),
        ({"KOLOKOL_ENV": "production", "KOLOKOL_API_NUM_PROXIES": "2"}, "2"),
    ],
)
def test_api_clients_are_told_apart_behind_the_shipped_proxy(tmp_path, env, proxies):
    production = {"SECRET_KEY": "k" * 64, "ALLOWED_HOSTS": "news.example.org"}
    result = kolokol(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.NINJA_NUM_PROXIES)",
        env={"KOLOKOL_DATA_DIR": str(tmp_path), **production, **env},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == proxies


def test_the_data_folder_and_the_database_are_the_owners_alone(tmp_path):
    data = tmp_path / "data"
    result = kolokol(
        "migrate", "--verbosity", "0", env={"KOLOKOL_DATA_DIR": str(data)}, timeout=300
    )
    assert result.returncode == 0, result.stderr
    # No other user may list, read or even pass through the folder, and the
    # database (and its journal files) only the owner may read.
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for name in ("kolokol.sqlite3", "kolokol.sqlite3-wal", "kolokol.sqlite3-shm", "secret_key"):
        if (data / name).exists():
            assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
    assert (data / "kolokol.sqlite3").stat().st_size > 0


def test_a_folder_made_passable_for_nginx_stays_so_and_no_more(tmp_path):
    # deploy/README.md: install -d -m 0710 -g www-data /var/lib/kolokol
    data = tmp_path / "data"
    data.mkdir(mode=0o777)
    data.chmod(0o777)
    assert kolokol("check", env={"KOLOKOL_DATA_DIR": str(data)}).returncode == 0
    assert stat.S_IMODE(data.stat().st_mode) == 0o710


def test_a_base_url_without_scheme_is_one_line(tmp_path):
    env = {"KOLOKOL_DATA_DIR": str(tmp_path), "KOLOKOL_BASE_URL": "news.example.org"}
    assert_one_line_naming(kolokol("check", env=env), "KOLOKOL_BASE_URL")


def test_a_store_switch_that_is_not_a_yes_or_no_is_one_line(tmp_path):
    env = {"KOLOKOL_DATA_DIR": str(tmp_path), "KOLOKOL_STORE": "maybe"}
    assert_one_line_naming(kolokol("check", env=env), "KOLOKOL_STORE")


def test_check_fails_when_redis_cannot_be_reached(tmp_path):
    env = {"KOLOKOL_DATA_DIR": str(tmp_path), "REDIS_URL": "redis://:s3cret@127.0.0.1:1/0"}
    result = kolokol("check", env=env)
    assert_one_line_naming(result, "REDIS_URL")
    assert "s3cret" not in result.stderr


def test_check_fails_when_the_database_cannot_be_reached(tmp_path):
    url = "postgres://kolokol:s3cret@127.0.0.1:1/kolokol"
    result = kolokol("check", env={"KOLOKOL_DATA_DIR": str(tmp_path), "DATABASE_URL": url})
    assert_one_line_naming(result, "DATABASE_URL")


def test_every_setting_read_from_the_environment_is_in_the_readme_table():
    import re

    sources = (REPO / "kolokol" / "settings.py").read_text() + (
        REPO / "kolokol" / "config.py"
    ).read_text()
    names = set(re.findall(r'env_\w+\(\s*"([A-Z][A-Z0-9_]+)"', sources))
    assert len(names) > 30
    readme = (REPO / "README.md").read_text()
    table = "\n".join(line for line in readme.splitlines() if line.startswith("| `"))
    missing = sorted(name for name in names if f"`{name}`" not in table)
    assert missing == []


def test_the_demo_address_follows_the_port_make_run_serves(tmp_path):
    # PORT=8204 make run: canonical links, sitemaps, robots.txt and feeds agree on it.
    result = kolokol(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.KOLOKOL_BASE_URL)",
        env={"KOLOKOL_DATA_DIR": str(tmp_path), "PORT": "8204"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8204"


def test_mirror_buckets_are_read_with_their_addresses_and_folders(monkeypatch, tmp_path):
    monkeypatch.setenv(
        "KOLOKOL_MIRROR_BUCKETS", "news-a=https://a.example/, news-b/ru/2026=https://b.example/"
    )
    first, second = config.env_mirror_buckets("KOLOKOL_MIRROR_BUCKETS", tmp_path)
    assert (first.bucket, first.prefix, first.url) == ("news-a", "", "https://a.example/")
    assert (second.bucket, second.prefix) == ("news-b", "ru/2026")
    assert first.folder != second.folder and second.folder.is_relative_to(tmp_path)
    for wrong in ("Not_A_Bucket", "news-a=ftp://a.example/"):
        monkeypatch.setenv("KOLOKOL_MIRROR_BUCKETS", wrong)
        with pytest.raises(config.ConfigError, match="KOLOKOL_MIRROR_BUCKETS"):
            config.env_mirror_buckets("KOLOKOL_MIRROR_BUCKETS", tmp_path)
