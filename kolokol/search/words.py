"""From text to the words the search compares: one analyser per language.

The same Snowball stemmers run in PostgreSQL (its text search
configurations) and here (PyStemmer), so a service's language is analysed
alike on both databases and in the snippets: "выборы", "выборов" and
"выборах" all become "выбор". A language without a Snowball stemmer in
PostgreSQL (Kyrgyz, Persian) uses ``simple``: lower-cased whole words.
Languages added by configuration (``KOLOKOL_EXTRA_LANGUAGES``) are found by
Django's English name for them: Armenian or Romanian get their stemmer,
Uzbek or Pashto whole words.
"""

from __future__ import annotations

import re
import threading

import Stemmer
from django.utils.translation import get_language_info

# A reader's query is cut to this many characters and words before anything
# else looks at it: enough for any real search, cheap for any hostile one.
MAX_QUERY = 200
MAX_WORDS = 12
SIMPLE = "simple"
# The Snowball configurations PostgreSQL 13 and later ship with.
POSTGRES_CONFIGS = frozenset(
    [
        "arabic",
        "armenian",
        "basque",
        "catalan",
        "danish",
        "dutch",
        "english",
        "finnish",
        "french",
        "german",
        "greek",
        "hindi",
        "hungarian",
        "indonesian",
        "irish",
        "italian",
        "lithuanian",
        "nepali",
        "norwegian",
        "portuguese",
        "romanian",
        "russian",
        "serbian",
        "spanish",
        "swedish",
        "tamil",
        "turkish",
        "yiddish",
    ]
)
# Only a stemmer both PostgreSQL and PyStemmer have: the two databases and
# the snippets must agree (PyStemmer's Persian, say, has no PostgreSQL twin).
STEMMERS = POSTGRES_CONFIGS & frozenset(Stemmer.algorithms())
WORD = re.compile(r"\w+")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# PyStemmer's stemmers must not be shared between threads.
_local = threading.local()


def clean_query(raw: str) -> str:
    """The query as shown back to the reader: capped, no control characters, single spaces."""
    return " ".join(CONTROL.sub(" ", raw[:MAX_QUERY]).split())


def query_words(query: str) -> list[str]:
    """The words of a query, without operators or punctuation: nothing in it is syntax."""
    return list(dict.fromkeys(words(query)))[:MAX_WORDS]


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def config(language: str) -> str:
    """The text search configuration (and Snowball stemmer) of a service language."""
    try:
        name = get_language_info(language)["name"].lower()
    except KeyError:
        return SIMPLE
    return name if name in STEMMERS else SIMPLE


def stems(tokens: list[str], language: str) -> list[str]:
    """``tokens`` (lower-case words) reduced to their stems in ``language``."""
    name = config(language)
    if name == SIMPLE:
        return tokens
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if name not in stemmers:
        stemmers[name] = Stemmer.Stemmer(name)
    return stemmers[name].stemWords(tokens)


def stemmed(text: str, language: str) -> str:
    """``text`` as a line of stems, the form the SQLite index keeps."""
    return " ".join(stems(words(text), language))
