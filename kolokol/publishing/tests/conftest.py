"""Fixtures the publishing tests share."""

import os
import subprocess
import sys

import pytest

from kolokol.conftest import require
from kolokol.testing.servers import free_port, wait_until_up


@pytest.fixture(scope="module")
def s3_server():
    """`moto_server` on a free loopback port, for this module's tests."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(endpoint + "/moto-api/", timeout=30)
    except SystemExit as exc:
        server.kill()
        server.wait(timeout=10)
        require(False, f"moto's S3 server did not start: {exc}")
    yield endpoint
    os.killpg(server.pid, 15)
    server.wait(timeout=10)
