"""Loaded by pytest before Django's settings (``-p kolokol.testing.pytest_env``).

Every test run gets its own empty data directory, so nothing a developer's
``make run`` left in ``var/`` (collected static files, a generated secret,
uploaded media) can change what the tests see, and tests write nothing there.
"""

import atexit
import os
import shutil
import tempfile

_data_dir = tempfile.mkdtemp(prefix="kolokol-test-")
os.environ["KOLOKOL_DATA_DIR"] = _data_dir
atexit.register(shutil.rmtree, _data_dir, ignore_errors=True)
# Background tasks run where they are enqueued, at once: a test sees their
# work done when the publish returns. Tests of the queue itself start real
# workers with KOLOKOL_TASKS=database (kolokol/publishing/tests/test_tasks.py).
os.environ.setdefault("KOLOKOL_TASKS", "immediate")
# libavif's fastest effort: tests look at which renditions exist and what
# they hold, not at the last few percent of their size (the demo's pictures
# encode two to three times faster; servers started by tests inherit it).
os.environ.setdefault("KOLOKOL_AVIF_SPEED", "10")
