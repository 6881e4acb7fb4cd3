"""Every string a reader sees is translated for each language service."""

import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ["ru", "ky", "fa"]
# Strings from these places are seen by readers (pages, comments, search,
# errors, feeds, the API's messages); model and admin strings are for editors.
READER_FILES = re.compile(
    r"/templates/(?!wagtailadmin|.*admin|.*dashboard)|"
    r"/(guard|views|textsize|feeds|selectors|api|addresses|forms|urls)\.py$"
)


def entries(language: str) -> list[tuple[str, list[str], bool]]:
    """(msgid, source files, translated) for each entry of a catalogue."""
    found = []
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text()
    for block in text.split("\n\n"):
        sources = [
            ref.rsplit(":", 1)[0]
            for line in re.findall(r"^#: (.*)$", block, re.M)
            for ref in line.split()
        ]
        msgid = "".join(re.findall(r'"(.*)"', block.split("msgid ", 1)[-1].split("\nmsg", 1)[0]))
        strings = re.findall(r"^msgstr(?:\[\d\])? ((?:\".*\"\n?)+)", block + "\n", re.M)
        translated = bool(strings) and all(
            "".join(re.findall(r'"(.*)"', value)) for value in strings
        )
        if msgid and "#, fuzzy" not in block:
            found.append((msgid, sources, translated))
        elif msgid:
            found.append((msgid, sources, False))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_readers_see_is_translated(language):
    for_readers = [
        (msgid, translated)
        for msgid, sources, translated in entries(language)
        if any(READER_FILES.search("/" + source) for source in sources)
    ]
    assert len(for_readers) > 130  # the templates' strings are all in the catalogue
    assert [msgid for msgid, translated in for_readers if not translated] == []


def test_the_catalogues_hold_the_same_strings():
    # `make messages` updates all three together; one left behind misses new strings.
    ids = {language: {msgid for msgid, _, _ in entries(language)} for language in LANGUAGES}
    assert ids["ky"] == ids["ru"] and ids["fa"] == ids["ru"]
