"""Every interface string is translated for each language service, readers' and editors'."""

import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ["ru", "ky", "fa"]


def entries(language: str) -> dict[str, bool]:
    """Each msgid of a catalogue, and whether it has a (non-fuzzy) translation."""
    found = {}
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text()
    for block in text.split("\n\n"):
        msgid = "".join(re.findall(r'"(.*)"', block.split("msgid ", 1)[-1].split("\nmsg", 1)[0]))
        strings = re.findall(r"^msgstr(?:\[\d\])? ((?:\".*\"\n?)+)", block + "\n", re.M)
        if msgid:
            found[msgid] = "#, fuzzy" not in block and all(
                "".join(re.findall(r'"(.*)"', value)) for value in strings or [""]
            )
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language):
    found = entries(language)
    assert len(found) > 300  # the templates' and the code's strings are all in the catalogue
    assert [msgid for msgid, translated in found.items() if not translated] == []


def test_the_catalogues_hold_the_same_strings():
    # `make messages` updates all three together; one left behind misses new strings.
    ids = {language: set(entries(language)) for language in LANGUAGES}
    assert ids["ky"] == ids["ru"] and ids["fa"] == ids["ru"]
