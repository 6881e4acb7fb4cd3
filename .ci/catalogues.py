"""CI gate: the translation catalogues hold exactly the strings the code marks.

`make messages` is easy to forget after adding a string: the tests then
pass in English while Russian, Kyrgyz and Persian readers get English.
This extracts the strings afresh from a copy of the package (the checkout
is left alone) and compares them with the committed catalogues; the tests
(core/tests/test_translations.py) check that every one is translated.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["ru", "ky", "fa"]


def msgids(po: Path) -> set[tuple[str, str]]:
    return {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(po)) if not e.obsolete}


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "kolokol"
        shutil.copytree(ROOT / "kolokol", copy, ignore=shutil.ignore_patterns("__pycache__"))
        env = {**os.environ, "KOLOKOL_DATA_DIR": str(Path(scratch) / "data")}
        command = [sys.executable, "-m", "kolokol", "makemessages", "--no-obsolete"]
        command += [f"-l{language}" for language in LANGUAGES]
        command += ["--ignore", "testing/*", "--ignore", "*/tests/*", "--ignore", "demo/content_*"]
        subprocess.run(command, cwd=copy, env=env, check=True, capture_output=True)  # noqa: S603 (our own command)
        failed = False
        for language in LANGUAGES:
            relative = Path("locale") / language / "LC_MESSAGES" / "django.po"
            committed, extracted = msgids(ROOT / "kolokol" / relative), msgids(copy / relative)
            for label, missing in (
                ("not in the catalogue (run `make messages`)", extracted - committed),
                ("in the catalogue but no longer in the code", committed - extracted),
            ):
                for context, msgid in sorted(missing):
                    failed = True
                    print(f"{language}: {label}: {context + ': ' if context else ''}{msgid!r}")
    if not failed:
        print("translation catalogues match the code")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
