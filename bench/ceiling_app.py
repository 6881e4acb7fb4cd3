"""The ceiling for bench/article_throughput.py: a WSGI app returning fixed bytes.

It serves the file named in KOLOKOL_BENCH_BODY from memory with the same
headers a stored page gets, and does nothing else.
"""

import json
import os

with open(os.environ["KOLOKOL_BENCH_BODY"], "rb") as handle:
    BODY = handle.read()
# The stored page's own headers, as article_throughput.py read them from (b).
HEADERS = [
    *(tuple(pair) for pair in json.loads(os.environ.get("KOLOKOL_BENCH_HEADERS", "[]"))),
    ("Content-Length", str(len(BODY))),
]
if not any(name.lower() == "content-type" for name, _ in HEADERS):
    HEADERS.insert(0, ("Content-Type", "text/html; charset=utf-8"))


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
