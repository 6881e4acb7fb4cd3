"""`kolokol check` reaches the database and the configured Redis, or says which it cannot."""

import os

import pytest

from kolokol.conftest import require
from kolokol.core.tests.test_config import assert_one_line_naming, kolokol

POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
REDIS = "redis://127.0.0.1:6379/14"


def reachable(host: str, port: int) -> bool:
    import socket

    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        return False
    return True


def test_check_passes_with_a_real_database_and_redis(tmp_path):
    require(reachable("127.0.0.1", 5432), "PostgreSQL at 127.0.0.1:5432")
    require(reachable("127.0.0.1", 6379), "Redis at 127.0.0.1:6379")
    env = {"KOLOKOL_DATA_DIR": str(tmp_path), "DATABASE_URL": POSTGRES, "REDIS_URL": REDIS}
    result = kolokol("check", env=env)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_fails_when_neither_database_nor_redis_can_be_reached(tmp_path):
    env = {
        "KOLOKOL_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/x",
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }
    result = kolokol("check", env=env)
    assert_one_line_naming(result, "DATABASE_URL")
    assert "127.0.0.1:1" in result.stderr


@pytest.mark.parametrize("token", ["short", "x" * 19])
def test_a_metrics_token_too_short_to_be_a_secret_is_one_line(tmp_path, token):
    env = {"KOLOKOL_DATA_DIR": str(tmp_path), "KOLOKOL_METRICS_TOKEN": token}
    assert_one_line_naming(kolokol("check", env=env), "KOLOKOL_METRICS_TOKEN")


def test_a_metrics_token_is_accepted(tmp_path):
    env = {"KOLOKOL_DATA_DIR": str(tmp_path), "KOLOKOL_METRICS_TOKEN": "x" * 20}
    result = kolokol("check", env=env)
    assert result.returncode == 0, result.stderr
    assert os.path.isdir(tmp_path / "metrics")


def test_a_log_level_logging_does_not_know_is_one_line(tmp_path):
    env = {"KOLOKOL_DATA_DIR": str(tmp_path), "LOG_LEVEL": "LOUD"}
    assert_one_line_naming(kolokol("check", env=env), "LOG_LEVEL")
