"""An attacker's afternoon against a running demo, counted.

Run after `make setup` (the demo loaded); it starts `kolokol serve` on the
data directory, as `make run` would:

    .venv/bin/python bench/security_probe.py

and prints, per probe, how many requests it tried and what it found:

- traversal: encodings of ``..`` under every public prefix, aimed at the
  database, the secret key, the store's bookkeeping and /etc/passwd;
- host: feeds, sitemaps and pages asked for under a forged ``Host`` (an
  allowed name on another port, ``X-Forwarded-Host``), then asked for
  again plainly: a stored answer naming the forged address is poisoned;
- search: hostile queries (operators, SQL, regex bombs, control
  characters, 100 KB, markup) on every service's search: 5xx answers and
  markup given back unescaped;
- headers: every kind of public answer (page, feed, sitemap, robots, 404,
  search, rendition, static file, sign-in page) without its CSP,
  ``nosniff``, framing or referrer policy, or setting a cookie;
- third parties: scripts, styles, pictures and frames on public pages
  loaded from another host;
- second step: an administrator with an authenticator app signs in with
  the right password only, then asks for admin pages and an original photo.

A finding is counted, and printed, only where the answer shows it (a leaked
file's contents, the forged host in a stored body, a 5xx, raw markup).
"""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent

from kolokol.testing.servers import free_port, stop, wait_until_up  # noqa: E402

DOTS = ["../", "..%2f", "%2e%2e/", "%2e%2e%2f", "..%252f", "....//", "..\\", "..%5c", "%c0%ae%c0%ae/", "..;/"]  # fmt: skip
PREFIXES = ["/", "/ru/", "/media/", "/media/images/", "/static/", "/documents/", "/api/v1/"]
TARGETS = ["kolokol.sqlite3", "secret_key", "store/.fanout", "etc/passwd"]
HOSTILE = [
    "AND OR NOT", "NEAR(a b, 2)", "*", "^a", "headline:a", "-a", '"a', "' OR 1=1 --",
    "'; DROP TABLE search_searchdocument; --", "%' OR '%'='", ".*(a+)+$", "[[[((({{{", "\\",
    "a\x00b", "\x1b[31m\x7f", "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
    "a\u202eb", "&amp; &#0;", "x" * 8_000, "выборы " * 1_000, "{{ 7*7 }}", "${7*7}",
]  # fmt: skip
COOKIE_FREE = ("/", "/ru/", "/ru/feed/", "/sitemap.xml", "/robots.txt")


def request(url: str, headers: dict | None = None, opener=None, data: bytes | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310 (loopback)
    try:
        with (opener or urllib.request.urlopen)(req, timeout=30) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except (urllib.error.URLError, ConnectionError, http.client.HTTPException):
        return 0, http.client.HTTPMessage(), b""  # the server refused to read it at all


class Resources(HTMLParser):
    """What a page makes the browser load: scripts, styles, pictures, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "img", "iframe", "source", "video", "audio"}:
            self.urls += [attrs.get("src") or ""]
            self.urls += [
                part.split()[0] for part in (attrs.get("srcset") or "").split(",") if part.strip()
            ]
        if tag == "link" and {"stylesheet", "preload", "icon"} & set(
            (attrs.get("rel") or "").split()
        ):
            self.urls.append(attrs.get("href") or "")


def main() -> None:
    data_dir = Path(os.environ.get("KOLOKOL_DATA_DIR", ROOT / "var")).resolve()
    port = free_port()
    env = {**os.environ, "KOLOKOL_DATA_DIR": str(data_dir), "PORT": str(port)}
    server = subprocess.Popen(
        [str(BIN / "kolokol"), "serve", "--port", str(port)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    results: list[tuple[str, int, list[str]]] = []
    try:
        wait_until_up(base + "/")
        secret = (
            (data_dir / "secret_key").read_text().strip()
            if (data_dir / "secret_key").exists()
            else "\0"
        )
        results.append(traversal(base, secret))
        results.append(host(base, port))
        results.append(search(base))
        results.append(headers(base))
        results.append(third_parties(base))
        results.append(second_step(base, env))
    finally:
        stop(server)
    print(f"security probe against kolokol serve ({base}), data {data_dir}")
    for name, tried, found in results:
        print(f"  {name:14} {tried:5} requests   {len(found)} findings")
        for finding in found[:10]:
            print(f"      {finding}")


def traversal(base: str, secret: str) -> tuple[str, int, list[str]]:
    tried, found = 0, []
    for prefix in PREFIXES:
        for dots in DOTS:
            for target in TARGETS:
                for depth in (1, 2, 6):
                    path = prefix + dots * depth + target
                    status, _, body = request(base + path)
                    tried += 1
                    leaked = (
                        b"root:x:0:0" in body or body.startswith(b"SQLite format")
                        or secret.encode() in body or (target.startswith("store") and status == 200)
                    )  # fmt: skip
                    if leaked or status >= 500:
                        found.append(f"{status} {path}")
    return "traversal", tried, found


def host(base: str, port: int) -> tuple[str, int, list[str]]:
    tried, found = 0, []
    paths = ["/ru/", "/ru/feed/", "/en/feed/atom/", "/sitemap.xml", "/robots.txt", "/ru/topics/"]
    forged = [
        {"Host": f"localhost:{port + 1}"},
        {"Host": f"127.0.0.1:{port}", "X-Forwarded-Host": "evil.example.org"},
        {"Host": "evil.example.org"},
    ]
    for path in paths:
        for headers in forged:
            status, _, body = request(base + path, headers)
            tried += 1
            if status == 200 and (b"evil.example.org" in body or f":{port + 1}".encode() in body):
                found.append(f"answered with the forged host: {path} {headers}")
        status, _, body = request(base + path)  # what the store now gives everyone
        tried += 1
        if b"evil.example.org" in body or f":{port + 1}".encode() in body:
            found.append(f"stored with the forged host: {path}")
    return "host", tried, found


def search(base: str) -> tuple[str, int, list[str]]:
    tried, found = 0, []
    for service in ("ru", "en", "ky", "fa"):
        for query in HOSTILE:
            for params in (
                {"q": query},
                {"q": query, "page": "999999"},
                {"q": query, "section": query[:50]},
            ):
                url = f"{base}/{service}/search/?{urllib.parse.urlencode(params)}"
                status, _, body = request(url)
                tried += 1
                if status >= 500:
                    found.append(f"{status} /{service}/search/ {query[:30]!r}")
                if b"<script>alert(1)" in body or b"<img src=x onerror" in body:
                    found.append(f"markup given back raw: /{service}/search/ {query[:30]!r}")
    return "search", tried, found


def _one_of(pattern: bytes, body: bytes) -> str:
    match = re.search(pattern, body)
    return match.group(1).decode() if match else ""


def headers(base: str) -> tuple[str, int, list[str]]:
    _, _, home = request(base + "/ru/")
    article = _one_of(rb'href="(/ru/[^"]+/[^"]+/)"', home)
    rendition = _one_of(rb'src="(/media/images/[^"]+)"', home)
    static = _one_of(rb'href="(/static/[^"]+\.css)"', home)
    paths = ["/", "/ru/", article, "/ru/feed/", "/sitemap.xml", "/robots.txt", "/ru/no-such-page/",
             "/ru/search/?q=a", rendition, static, "/admin/login/"]  # fmt: skip
    tried, found = 0, []
    for path in filter(None, paths):
        status, got, _ = request(base + path)
        tried += 1
        missing = [
            name
            for name, present in {
                "Content-Security-Policy": "Content-Security-Policy" in got,
                "X-Content-Type-Options": got.get("X-Content-Type-Options") == "nosniff",
                "framing": "frame-ancestors" in got.get("Content-Security-Policy", "")
                or got.get("X-Frame-Options") in {"DENY", "SAMEORIGIN"},
                "Referrer-Policy": "Referrer-Policy" in got,
            }.items()
            if not present
        ]
        if missing:
            found.append(f"{status} {path}: no {', '.join(missing)}")
        if path in COOKIE_FREE and got.get("Set-Cookie"):
            found.append(f"{path} sets a cookie")
    return "headers", tried, found


def third_parties(base: str) -> tuple[str, int, list[str]]:
    _, _, home = request(base + "/ru/")
    pages = ["/", "/ru/", "/en/", "/fa/", "/ky/", "/ru/search/?q=a"]
    pages += sorted(set(re.findall(r'href="(/(?:ru|fa)/[^"?#]+/[^"?#]+/)"', home.decode())))[:10]
    tried, found = 0, []
    for path in pages:
        _, _, body = request(base + path)
        tried += 1
        parser = Resources()
        parser.feed(body.decode("utf-8", "replace"))
        for url in parser.urls:
            if urllib.parse.urlsplit(url).netloc not in {"", urllib.parse.urlsplit(base).netloc}:
                found.append(f"{path} loads {url}")
    return "third parties", tried, found


MAKE_ADMIN = """
from django.contrib.auth import get_user_model
from kolokol.twostep import methods
from kolokol.media.models import NewsImage
User = get_user_model()
User.objects.filter(username="probe-admin").delete()
admin = User.objects.create_superuser("probe-admin", "probe@example.invalid", "probe-pass-phrase-1")
methods.add_authenticator(admin, methods.new_secret())
print(NewsImage.objects.first().file.url)
"""

ADMIN_PAGES = [
    "/admin/", "/admin/pages/", "/admin/users/", "/admin/groups/", "/admin/images/",
    "/admin/documents/", "/admin/account/", "/admin/audit-log/", "/admin/background-work/",
    "/admin/settings/twostep/twosteppolicy/", "/admin/api/main/pages/", "/admin/pages/search/?q=a",
    "/admin/reports/site-history/", "/admin/snippets/", "/admin/two-step/authenticator/",
]  # fmt: skip


def second_step(base: str, env: dict) -> tuple[str, int, list[str]]:
    made = subprocess.run(
        [str(BIN / "kolokol"), "shell", "-c", MAKE_ADMIN],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    original = made.stdout.strip().splitlines()[-1]
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)).open
    tried, found = 0, []
    try:
        _, _, page = request(base + "/admin/login/", opener=opener)
        token = _one_of(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        form = {
            "csrfmiddlewaretoken": token,
            "username": "probe-admin",
            "password": "probe-pass-phrase-1",
        }
        request(base + "/admin/login/", {"Referer": base + "/admin/login/", "Origin": base},
                opener, urllib.parse.urlencode(form).encode())  # fmt: skip
        if not any(cookie.name == "sessionid" for cookie in jar):
            return "second step", 1, ["the password did not sign in: nothing was probed"]
        for path in [*ADMIN_PAGES, original]:
            status, _, body = request(base + path, opener=opener)
            tried += 1
            on_code_page = b"two-step/verify" in body or b"Two-step verification" in body
            if status == 200 and not on_code_page:
                found.append(f"{path} answered without the second step")
    finally:
        subprocess.run(
            [str(BIN / "kolokol"), "shell", "-c",
             "from django.contrib.auth import get_user_model; "
             "get_user_model().objects.filter(username='probe-admin').delete()"],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
    return "second step", tried, found


if __name__ == "__main__":
    main()
