"""`kolokol deploy nginx`: the site it writes, what nginx makes of it, and
the HTTP-only site behind a TLS-terminating proxy, in front of the app in
production."""

import http.cookies
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kolokol.conftest import require
from kolokol.publishing import nginx
from kolokol.publishing.servicemap import NGINX_MAP
from kolokol.testing import factories
from kolokol.testing.nginx import DEPLOY, NGINX, loopback_config, main_config
from kolokol.testing.servers import database_url, free_port, serve, stop, wait_until_up

REPO = Path(__file__).resolve().parents[3]


def test_the_shipped_example_is_what_the_command_writes():
    # deploy/nginx is rendered, never edited: `make` nothing, compare.
    for name, text in nginx.default_example().items():
        assert (DEPLOY / name).read_text() == text, f"deploy/nginx/{name} differs from its template"
    assert sorted(p.name for p in DEPLOY.glob("*.conf")) == sorted(nginx.default_example())


def test_the_command_writes_this_installations_site(settings, tmp_path):
    settings.KOLOKOL_BASE_URL = "https://news.example.org"
    settings.ALLOWED_HOSTS = ["news.example.org", ".example.net", "*"]
    settings.KOLOKOL_MAX_IMAGE_MB = 35
    out = StringIO()
    call_command("deploy", "nginx", "--app", "127.0.0.1:8010", stdout=out)
    site = out.getvalue()
    assert f"root {settings.KOLOKOL_STORE_DIR};" in site
    assert f"alias {settings.STATIC_ROOT}/;" in site
    assert f"alias {settings.MEDIA_ROOT}/images/;" in site
    assert f"include {settings.KOLOKOL_STORE_DIR}/{NGINX_MAP};" in site
    assert "server 127.0.0.1:8010;" in site
    assert site.count("server_name news.example.org .example.net;") == 2
    assert "client_max_body_size 35m;" in site
    assert "client_max_body_size 4096m;" in site  # audio and video uploads, at /admin/media/ only
    # One file: the include files' lines are written into it.
    assert "include /etc/nginx" not in site
    assert site.count("proxy_set_header X-Forwarded-For $remote_addr;") == 4
    assert "return 301 https://" in site and "listen 443 ssl http2;" in site
    assert "Strict-Transport-Security" in site

    call_command("deploy", "nginx", "--output", str(tmp_path / "conf"), stderr=StringIO())
    written = sorted(p.name for p in (tmp_path / "conf").iterdir())
    assert written == ["kolokol-headers.conf", "kolokol-proxy.conf", "kolokol.conf"]
    site = (tmp_path / "conf" / "kolokol.conf").read_text()
    assert f"include {tmp_path / 'conf' / 'kolokol-headers.conf'};" in site


def test_the_http_only_site_has_no_tls_no_redirect_and_no_hsts(settings):
    out = StringIO()
    call_command(
        "deploy", "nginx", "--http-only", "--server-name", "news.example.org",
        "--real-ip-from", "10.0.0.0/8", stdout=out,
    )  # fmt: skip
    site = out.getvalue()
    assert re.findall(r"listen ([^;]+);", site) == ["80", "[::]:80"]
    assert "ssl" not in site and "return 301" not in site
    assert "Strict-Transport-Security" not in site
    assert "proxy_set_header X-Forwarded-Proto $kolokol_forwarded_proto;" in site
    assert "set_real_ip_from 10.0.0.0/8;" in site


@pytest.mark.parametrize(
    "argument",
    [
        ["--server-name", "news.example.org; include /etc/passwd"],
        ["--app", "127.0.0.1:8000 backup"],
        ["--real-ip-from", "10.0.0.0/8"],  # without --http-only
    ],
)
def test_the_command_refuses_what_nginx_would_misread(argument):
    with pytest.raises(CommandError) as refused:
        call_command("deploy", "nginx", *argument, stdout=StringIO())
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize("http_only", [False, True], ids=["tls", "http-only"])
@pytest.mark.parametrize("one_file", [False, True], ids=["includes", "one-file"])
def test_nginx_accepts_what_the_command_writes(tmp_path, settings, http_only, one_file):
    require(Path(NGINX).exists(), "nginx not installed (apt-get install nginx)")
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    Path(settings.KOLOKOL_STORE_DIR).mkdir(parents=True, exist_ok=True)
    (Path(settings.KOLOKOL_STORE_DIR) / NGINX_MAP).touch()  # as `kolokol setup` writes it
    arguments = ["--access-log", str(prefix / "access.log"), "--error-log", str(prefix / "e.log")]
    if http_only:
        arguments += ["--http-only", "--real-ip-from", "192.0.2.0/24"]
    else:
        require(shutil.which("openssl") is not None, "openssl not installed")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=news.example.org", "-keyout", prefix / "key.pem",
             "-out", prefix / "cert.pem"],
            check=True, capture_output=True,
        )  # fmt: skip
        arguments += ["--certificate", str(prefix / "cert.pem")]
        arguments += ["--certificate-key", str(prefix / "key.pem")]
    if one_file:
        out = StringIO()
        call_command("deploy", "nginx", *arguments, stdout=out)
        (prefix / "kolokol.conf").write_text(out.getvalue())
    else:
        call_command("deploy", "nginx", *arguments, "--output", str(prefix), stderr=StringIO())
    (prefix / "nginx.conf").write_text(main_config(prefix, prefix / "kolokol.conf"))
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


# The HTTP-only site behind a proxy that terminates TLS: nginx and
# `kolokol serve` in production, the test as the proxy (which sends
# X-Forwarded-Proto: https and passes the reader's cookies both ways).

HOST = "news.example.test"
PASSWORD = "a long and unguessable test password"  # noqa: S105 (a test user's)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def ask(url, data=None, **headers):
    request = urllib.request.Request(url, data=data, headers={"Host": HOST, **headers})  # noqa: S310
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def cookies(headers) -> dict[str, http.cookies.Morsel]:
    jar = http.cookies.SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return dict(jar)


@pytest.fixture
def production_behind_http_only_nginx(tmp_path, settings):
    require(Path(NGINX).exists(), "nginx not installed (apt-get install nginx)")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "KOLOKOL_ENV": "production",
        "SECRET_KEY": "x" * 64,
        "ALLOWED_HOSTS": HOST,
        "KOLOKOL_BASE_URL": f"https://{HOST}",
        "KOLOKOL_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": database_url(),
    }
    server, app = serve(env, worker=False, cwd=REPO)
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    data = tmp_path / "data"
    site = loopback_config(
        data / "store", data / "static", data / "media", prefix / "access.log",
        app.removeprefix("http://"), port := free_port(), http_only=True,
    )  # fmt: skip
    (data / "store" / NGINX_MAP).touch()
    (prefix / "site.conf").write_text(site)
    (prefix / "nginx.conf").write_text(main_config(prefix, prefix / "site.conf"))
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")])
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/media/")
    yield base
    process.terminate()
    process.wait(timeout=10)
    stop(server)


@pytest.mark.django_db(transaction=True)
def test_http_only_nginx_behind_a_tls_proxy_serves_and_signs_in(
    production_behind_http_only_nginx,
):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    base = production_behind_http_only_nginx
    factories.wagtail_tree()
    article = factories.article(factories.service("en"), title="Night ferry returns")
    chief = get_user_model().objects.create_superuser("chief", "chief@example.org")
    # Hashed as the server's settings can check (the tests' hasher is MD5, for speed).
    chief.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    chief.save()
    https = {"X-Forwarded-Proto": "https"}

    # Plain HTTP that reached nginx without the proxy: the app sends it to HTTPS.
    status, headers, _ = ask(base + article.url)
    assert status == 301 and headers["Location"] == f"https://{HOST}{article.url}"
    # Through the proxy: the page, rendered by the app, then from nginx's store.
    status, headers, body = ask(base + article.url, **https)
    assert status == 200 and "Night ferry returns" in body
    status, headers, body = ask(base + article.url, **https)
    assert status == 200 and headers["X-Kolokol-Store"] == "nginx"
    assert "Strict-Transport-Security" not in headers  # the proxy's to send

    # An editor signs in: the CSRF cookie and the session cookie, both Secure,
    # travel through the proxy and nginx; the form's POST is accepted.
    status, headers, body = ask(base + "/admin/login/", **https)
    assert status == 200
    csrf = cookies(headers)["csrftoken"]
    assert csrf["secure"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = f"csrfmiddlewaretoken={token}&username=chief&password={PASSWORD.replace(' ', '+')}"
    status, headers, body = ask(
        base + "/admin/login/",
        data=form.encode(),
        Cookie=f"csrftoken={csrf.value}",
        Origin=f"https://{HOST}",
        Referer=f"https://{HOST}/admin/login/",
        **{"Content-Type": "application/x-www-form-urlencoded"},
        **https,
    )
    assert status == 302, re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]*)', body) or body[-3000:]
    session = cookies(headers)["sessionid"]
    assert session["secure"] and session["httponly"]
    assert "/admin/login/" not in headers["Location"]
    status, headers, _ = ask(
        base + "/admin/", Cookie=f"csrftoken={csrf.value}; sessionid={session.value}", **https
    )
    assert status in (200, 302)
    assert "/admin/login/" not in headers.get("Location", ""), "signed out again"
