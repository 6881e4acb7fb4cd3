"""The ceiling for bench/article_throughput.py: a WSGI app returning fixed bytes.

It serves the file named in KOLOKOL_BENCH_BODY from memory with the same
headers a stored page gets, and does nothing else.
"""

import os

with open(os.environ["KOLOKOL_BENCH_BODY"], "rb") as handle:
    BODY = handle.read()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
