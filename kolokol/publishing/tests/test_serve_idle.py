"""kolokol serve (granian) keeps answering while idle clients hold connections open."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kolokol.testing.servers import copy_database, free_port, wait_until_up

REPO = Path(__file__).resolve().parents[3]
REQUEST = b"GET /robots.txt HTTP/1.1\r\nHost: localhost\r\n\r\n"


@pytest.fixture
def server(tmp_path, migrated_database):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env["KOLOKOL_DATA_DIR"] = str(tmp_path)
    kolokol = [sys.executable, "-m", "kolokol"]
    copy_database(migrated_database, tmp_path)
    port = free_port()
    process = subprocess.Popen(
        [*kolokol, "serve", "--port", str(port), "--workers", "1", "--threads", "2", "--no-worker"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_until_up(f"http://127.0.0.1:{port}/robots.txt")
    yield port
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)


def test_idle_keep_alive_clients_cannot_stall_the_server(server):
    idle = []
    try:
        for _ in range(300):  # a few idle clients used to stall everyone for 30 s
            connection = socket.create_connection(("127.0.0.1", server), timeout=10)
            connection.sendall(REQUEST)
            connection.recv(65536)
            idle.append(connection)
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", server), timeout=10) as fresh:
            fresh.sendall(REQUEST)
            assert fresh.recv(15) == b"HTTP/1.1 200 OK"
        assert time.monotonic() - started < 2
        # And an idle connection is closed after a few seconds without a request.
        idle[0].settimeout(15)
        started = time.monotonic()
        assert idle[0].recv(10) == b""
        assert time.monotonic() - started < 10
    finally:
        for connection in idle:
            connection.close()


def test_renditions_go_out_with_their_security_headers(server, tmp_path):
    """`make run` has no nginx in front: renditions are served by the app, with headers."""
    images = tmp_path / "media" / "images"
    images.mkdir(parents=True, exist_ok=True)
    (images / "bridge.fill-320x180.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a picture")
    with urllib.request.urlopen(  # noqa: S310 (loopback)
        f"http://127.0.0.1:{server}/media/images/bridge.fill-320x180.jpg", timeout=10
    ) as answer:
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in answer.headers["Content-Security-Policy"]
        assert "max-age" in answer.headers["Cache-Control"]
