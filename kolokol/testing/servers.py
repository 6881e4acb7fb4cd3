"""Starting servers on loopback for tests and bench/: a free port, and waiting for it."""

from __future__ import annotations

import contextlib
import shutil
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path


def copy_database(template: Path, data_dir: Path) -> None:
    """Start ``data_dir`` with a copy of an already migrated SQLite database."""
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, data_dir / "kolokol.sqlite3")
    (data_dir / "kolokol.sqlite3").chmod(0o600)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout: float = 30) -> None:
    """Return once ``url`` answers at all (an HTTP error status counts as up)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 (loopback only)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"nothing answered at {url} within {timeout:.0f} s") from None
            time.sleep(0.1)


def database_url() -> str:
    """The test run's own database as a DATABASE_URL, for servers started beside the tests."""
    from django.db import connection

    config = connection.settings_dict
    if config["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{config['NAME']}"
    user = config.get("USER") or "postgres"
    return f"postgres://{user}@{config.get('HOST') or '127.0.0.1'}:{config.get('PORT') or 5432}/{config['NAME']}"


def serve(env: dict[str, str], *, workers: int = 1, worker: bool = True, cwd=None):
    """``kolokol serve`` in a session of its own; returns the process and its base URL."""
    import subprocess
    import sys

    port = free_port()
    command = [sys.executable, "-m", "kolokol", "serve", "--port", str(port)]
    command += ["--workers", str(workers), *([] if worker else ["--no-worker"])]
    server = subprocess.Popen(  # noqa: S603 (our own command)
        command,
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    # Up to a minute and a half: a loaded machine (CI runs two suites side by
    # side) has taken over 30 s to start one. A server that exits fails at once.
    deadline = time.monotonic() + 90
    while True:
        if server.poll() is not None:
            raise SystemExit(f"kolokol serve exited with {server.returncode} before answering")
        try:
            wait_until_up(base + "/healthz", timeout=1)
            return server, base
        except SystemExit:
            if time.monotonic() > deadline:
                stop(server)
                raise


def stop(server) -> None:
    """Stop a server started by ``serve`` and everything it started (its worker)."""
    import os
    import signal
    import subprocess

    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        # granian's graceful stop waits for every open connection; a test
        # that is done with the server need not wait for a slow client.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=15)
