"""What a real ``kolokol worker`` logs: each task with its time, failures with their traceback, a heartbeat."""

import os
import re
import subprocess
import sys
import time

from kolokol.testing import servers

ENQUEUE = """
from kolokol.publishing import tasks
tasks.refresh_files.enqueue(urls=[], since=0)
tasks.refresh_files.enqueue(urls=[], since=0, colour="red")  # no such argument: it fails
"""


def kolokol(*args: str, env: dict, **options) -> subprocess.Popen:
    command = [sys.executable, "-m", "kolokol", *args]
    return subprocess.Popen(command, env=env, **options)  # noqa: S603 (our own command)


def test_the_worker_logs_its_tasks_and_a_heartbeat(tmp_path, migrated_database):
    data = tmp_path / "data"
    servers.copy_database(migrated_database, data)
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update({"KOLOKOL_DATA_DIR": str(data), "KOLOKOL_TASKS": "database"})
    env.pop("LOG_LEVEL", None)  # the default level shows the worker's lines
    assert kolokol("shell", "-c", ENQUEUE, env=env).wait(timeout=120) == 0

    log = tmp_path / "worker.log"
    with log.open("w") as output:
        worker = kolokol(
            "worker", "--heartbeat-every", "1", env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 90
            while not re.search(r"worker: alive; .* 1 failed;", log.read_text()):
                assert worker.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    text = log.read_text()
    lines = text.splitlines()

    assert any(line.startswith("worker: started (pid") for line in lines), text
    done = [line for line in lines if "refresh_files done in" in line]
    assert len(done) == 1 and done[0].startswith("worker: task kolokol.publishing.tasks"), text
    failed = text.index("worker: task kolokol.publishing.tasks.refresh_files failed after")
    # The traceback follows its line, once: django-tasks' own copy is dropped.
    assert "Traceback (most recent call last)" in text[failed:]
    assert "unexpected keyword argument 'colour'" in text[failed:]
    assert text.count("Traceback") == 1 and "Task id=" not in text
    alive = [line for line in lines if line.startswith("worker: alive;")]
    # The two tasks above and the periodic jobs (publish_scheduled, purge_comments).
    assert any(re.search(r"tasks in the last \d+ s: [2-9] done, 1 failed;", a) for a in alive)
    assert "queue: 0 queued, 0 running, 1 failed" in text
    assert lines[-1].startswith("worker: stopped (pid"), text
