"""Reading Kolokol's configuration from the environment.

Every setting an operator can change is read here or in ``settings.py`` and
nowhere else. A wrong or missing value raises :class:`ConfigError`, whose
message names the setting; the ``kolokol`` command and the WSGI entry point
print that message on one line instead of a traceback.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import dj_database_url


class ConfigError(Exception):
    """A setting is missing or invalid. The message starts with its name."""


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigError(f"{name}: expected one of 1/0, true/false, yes/no, on/off, got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}: expected a whole number, got {raw!r}") from None


def passkey_origin(base_url: str, port: int) -> str:
    """Where passkeys work by default: the public address if it is HTTPS, else
    this machine's own name on the demo's port (browsers make passkeys only
    for secure origins, and localhost counts as one; a bare IP never does)."""
    parts = urlsplit(base_url)
    if parts.scheme == "https" or parts.hostname == "localhost":
        return f"{parts.scheme}://{parts.netloc}"
    return f"http://localhost:{port}"


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_http_url(name: str) -> str:
    """An http(s) address without a trailing slash, or "" when unset."""
    url = env_str(name).rstrip("/")
    parts = urlsplit(url)
    if url and (parts.scheme not in {"http", "https"} or not parts.netloc):
        raise ConfigError(
            f"{name}: expected an http:// or https:// address, got {redact_url(url)!r}"
        )
    return url


def env_mirrors(name: str) -> list[tuple[Path, str]]:
    """Folders kept as static mirrors: ``DIR`` or ``DIR=https://mirror.example/``, comma-separated."""
    mirrors = []
    for item in env_list(name, []):
        folder, _, url = item.partition("=")
        path = Path(folder.strip())
        url = url.strip()
        parts = urlsplit(url)
        if not path.is_absolute():
            raise ConfigError(f"{name}: expected an absolute folder, got {folder.strip()!r}")
        if url and (parts.scheme not in {"http", "https"} or not parts.netloc):
            raise ConfigError(
                f"{name}: expected an http:// or https:// address after '=', got {redact_url(url)!r}"
            )
        mirrors.append((path, url))
    return mirrors


@dataclass(frozen=True)
class MirrorBucket:
    """A static mirror kept in an object-store bucket (``KOLOKOL_MIRROR_BUCKETS``)."""

    bucket: str
    prefix: str
    url: str  # the address readers reach it at ("" when not known)
    folder: Path  # where the worker exports it first, to know what changed


BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


def env_mirror_buckets(name: str, staging: Path) -> list[MirrorBucket]:
    """Buckets kept as mirrors: ``BUCKET[/PREFIX][=https://mirror.example/]``, comma-separated."""
    found = []
    for item in env_list(name, []):
        where, _, url = item.partition("=")
        bucket, _, prefix = where.strip().partition("/")
        url, prefix = url.strip(), prefix.strip("/")
        parts = urlsplit(url)
        if not BUCKET_NAME.match(bucket):
            raise ConfigError(f"{name}: {bucket!r} is not a bucket name")
        if url and (parts.scheme not in {"http", "https"} or not parts.netloc):
            raise ConfigError(
                f"{name}: expected an http:// or https:// address after '=', got {redact_url(url)!r}"
            )
        folder = staging / bucket / (prefix.replace("/", "__") or "_")
        found.append(MirrorBucket(bucket, prefix, url, folder))
    return found


@dataclass(frozen=True)
class Language:
    """A service language added by configuration (``KOLOKOL_EXTRA_LANGUAGES``)."""

    code: str
    name: str  # in the language itself, as readers and the admin see it
    english_name: str  # Django's name for it, which also picks the search stemmer
    rtl: bool


# A language tag Django accepts in LANGUAGES, short enough for the service's
# language field (8 characters): "uz", "prs", "uz-cyrl".
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,4})?$")
DIRECTIONS = {"rtl": True, "ltr": False}


def env_languages(name: str, known: list[str]) -> list[Language]:
    """Languages beyond Kolokol's own: ``CODE[:NAME[:rtl|ltr]]``, comma-separated.

    ``known`` are the codes already offered. The name and the direction come
    from Django where it knows the language (its LANG_INFO and its list of
    right-to-left languages); a language it does not know needs its name.
    """
    from django.conf import global_settings
    from django.conf.locale import LANG_INFO

    languages: list[Language] = []
    for item in env_list(name, []):
        code, _, rest = item.partition(":")
        code = code.strip()
        given, _, direction = rest.partition(":")
        given, direction = given.strip(), direction.strip().lower()
        if not LANGUAGE_CODE.match(code):
            raise ConfigError(
                f"{name}: {code!r} is not a language code; use lower-case ISO 639 codes "
                "such as uz, ps or prs, e.g. uz,ps:پښتو:rtl"
            )
        if code in known or any(language.code == code for language in languages):
            raise ConfigError(f"{name}: {code!r} is already a language of this installation")
        if direction and direction not in DIRECTIONS:
            raise ConfigError(
                f"{name}: {code}: expected rtl or ltr after the name, got {direction!r}"
            )
        info = LANG_INFO.get(code, {})
        if not given and not info.get("name_local"):
            raise ConfigError(
                f"{name}: Django does not know {code!r}; give its name, e.g. {code}:Name"
            )
        languages.append(
            Language(
                code=code,
                name=given or info["name_local"],
                english_name=info.get("name", given),
                # Django's own list, not LANG_INFO's "bidi", which still marks
                # Azerbaijani right-to-left for its old Arabic script.
                rtl=DIRECTIONS[direction]
                if direction
                else code.split("-")[0] in global_settings.LANGUAGES_BIDI,
            )
        )
    return languages


def data_dir() -> Path:
    """The writable directory for the embedded database, media, secrets and the store."""
    path = Path(env_str("KOLOKOL_DATA_DIR", "var")).resolve()
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"KOLOKOL_DATA_DIR: cannot create {path}: {exc.strerror}") from None
    # The owner's alone: the database, the secret key and the originals are
    # below it. The one exception is one an operator makes on purpose: a
    # folder whose group may pass through (0710, group www-data) so nginx can
    # reach the store, static files and renditions without listing anything.
    with contextlib.suppress(OSError):  # a folder the operator owns and set up
        path.chmod(0o700 | (stat.S_IMODE(path.stat().st_mode) & stat.S_IXGRP))
    return path


def secret_key(production: bool, directory: Path) -> str:
    """SECRET_KEY from the environment; the demo generates one once and keeps it.

    Production refuses to start without an explicit key: a generated key kept on
    one app server would differ from the next server's and silently break
    sessions and CSRF tokens across them.
    """
    key = env_str("SECRET_KEY")
    if key:
        if production and len(key) < 50:
            raise ConfigError("SECRET_KEY: must be at least 50 characters in production")
        return key
    if production:
        raise ConfigError("SECRET_KEY: required when KOLOKOL_ENV=production")
    key_file = directory / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(64)
    # Create with 0600 so other local users cannot read it.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


SUPPORTED_DATABASES = {"sqlite", "postgres", "postgresql", "pgsql", "postgis"}


def private_file(path: Path) -> None:
    """Make ``path`` readable by its owner only, creating it empty if need be.

    SQLite opens an empty file as an empty database, and gives its -wal and
    -shm files the database file's permissions.
    """
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        path.chmod(0o600)


def database(directory: Path) -> dict[str, Any]:
    """Parse DATABASE_URL; SQLite under the data directory when unset."""
    url = env_str("DATABASE_URL")
    if not url:
        private_file(directory / "kolokol.sqlite3")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": directory / "kolokol.sqlite3",
            "OPTIONS": {
                # WAL lets readers go on while an editor publishes; the busy
                # timeout waits for a writer instead of failing at once.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file, not Django's in-memory default: the publisher renders on
            # a background thread, which needs WAL's concurrent readers.
            "TEST": {"NAME": str(directory / "test.sqlite3")},
        }
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SUPPORTED_DATABASES:
        raise ConfigError(
            f"DATABASE_URL: unsupported scheme {scheme or '(none)'!r} in {redact_url(url)}; "
            "use postgres://user@host:5432/name or sqlite:///path"
        )
    try:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
        )
    except ValueError as exc:
        raise ConfigError(f"DATABASE_URL: cannot parse {redact_url(url)}: {exc}") from None
    if config["ENGINE"].endswith("sqlite3") and not config.get("NAME"):
        raise ConfigError("DATABASE_URL: sqlite URL names no file, e.g. sqlite:////abs/path.db")
    config["CONN_HEALTH_CHECKS"] = True
    if "postgresql" in config["ENGINE"]:
        # Fail fast when the server is unreachable instead of hanging start-up.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    return config


def redact_url(url: str) -> str:
    """The URL with any password replaced, safe to print."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)
