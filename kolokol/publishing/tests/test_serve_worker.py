"""kolokol serve starts the worker beside granian, and the worker stops with the server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

# What serve does, with sleep standing in for granian: start the worker, then
# replace this process (same process id) with the server.
SERVER = """
import os, sys, django
django.setup()
from kolokol.publishing.management.commands.serve import start_worker
print(start_worker().pid, flush=True)
os.execv("/bin/sleep", ["sleep", "120"])
"""


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_the_worker_runs_while_the_server_runs_and_stops_when_it_is_killed(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kolokol.settings",
        "KOLOKOL_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)  # a database of its own: the worker must not touch the tests'
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    try:
        worker = int(server.stdout.readline())

        def cmdline() -> list[bytes]:
            # Empty while the new process is still between fork and exec.
            return Path(f"/proc/{worker}/cmdline").read_bytes().split(b"\0")

        assert wait_for(lambda: b"worker" in cmdline(), timeout=10)
        assert str(server.pid).encode() in cmdline()
        time.sleep(3)  # its first rounds fail on the empty database; it keeps going
        assert running(worker) and server.poll() is None
        server.send_signal(signal.SIGKILL)  # even a server killed outright takes it along
        server.wait()
        assert wait_for(lambda: not running(worker), timeout=10)
    finally:
        if server.poll() is None:
            server.kill()
