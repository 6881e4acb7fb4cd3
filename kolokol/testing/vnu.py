"""The Nu Html Checker (the W3C validator's engine, npm ``vnu-jar``) on local files.

One Java start for a whole batch of pages: ``errors(pages)`` writes each
page to a file named after it and returns every error as "name: message".
Needs Debian's Java runtime and ``npm ci``; tests call ``require_vnu`` so a
developer without them sees why the test was skipped (and CI fails).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from kolokol.conftest import REPO, require

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def require_vnu() -> None:
    require(
        shutil.which("java") is not None, "Java not found (apt-get install default-jre-headless)"
    )
    require(VNU.exists(), f"the Nu Html Checker is not installed at {VNU} (npm ci)")


def errors(pages: dict[str, bytes | Path]) -> list[str]:
    """Validate ``pages`` (name -> HTML bytes or a file); every error found."""
    require_vnu()
    with tempfile.TemporaryDirectory(prefix="kolokol-vnu-") as folder:
        names: dict[str, str] = {}
        files = []
        for number, (name, page) in enumerate(pages.items()):
            if isinstance(page, Path):
                path = page
            else:
                path = Path(folder) / f"{number}-{re.sub(r'[^a-z0-9]+', '-', name.lower())}.html"
                path.write_bytes(page)
            names[path.resolve().as_uri().removeprefix("file://")] = name
            files.append(str(path))
        java = shutil.which("java") or "java"
        result = subprocess.run(  # noqa: S603 (the files we just wrote)
            [java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
            capture_output=True,
            text=True,
            timeout=300,
        )
    report = json.loads(result.stderr or result.stdout)
    found = []
    for message in report["messages"]:
        name = names.get(message.get("url", "").removeprefix("file:"), message.get("url"))
        found.append(f"{name}: {message['message']} [{message.get('extract', '').strip()}]")
    return found
