"""Site search: each language service's published, public articles, in its language.

Why our own small index and not Wagtail's database backend
(``wagtail.search.backends.database``, from the ``modelsearch`` package):

- On PostgreSQL that backend analyses every object with the one
  ``SEARCH_CONFIG`` of the backend, and all backends share one
  ``IndexEntry`` table keyed by object, so a Russian and an English service
  cannot each get their own configuration. It has no ``ts_headline`` either.
- On SQLite it uses an FTS5 table with the default tokenizer and no
  stemming, so "выборов" does not find "выборы".

So ``SearchDocument`` keeps one row per article with the service's
configuration (``russian``, ``english``, ``simple`` for Kyrgyz and Persian,
which PostgreSQL has no stemmer for). On PostgreSQL its ``vector`` is built
with that configuration (headline and topics weigh most, then standfirst,
then body), searched with ``plainto_tsquery`` through a GIN index and ranked
with ``ts_rank``. On SQLite an FTS5 table holds the same text reduced to
Snowball stems by PyStemmer (the same algorithms PostgreSQL uses), queried
with the stems of the reader's words and ranked with ``bm25``. Snippets are
made in Python with the same stemmer on both databases, so the words marked
are the words that matched. (PostgreSQL also drops its stop words, "и",
"the"; the SQLite fallback has no stop list and needs every word.)

Wagtail's own index stays as it is: the admin's page search uses it.
The index follows publishing through the same Wagtail signals the publisher
uses (``signals.py``): what readers may no longer find leaves it in the
editor's request, the rest is indexed by a background task (``tasks.py``);
``kolokol reindex`` rebuilds it.
"""
