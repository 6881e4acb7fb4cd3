"""The nginx site for one installation, rendered from one set of templates.

`kolokol deploy nginx`, the example shipped in deploy/nginx and the tests'
loopback nginx (kolokol/testing/nginx.py) all come from :func:`render`, so
what CI serves through is what operators install.

The templates (templates/publishing/nginx/) are rendered by Django's
template engine on its own, with autoescaping off; a line holding nothing
but a ``{% ... %}`` tag leaves no line behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates" / "publishing" / "nginx"
SITE = "kolokol.conf"
PROXY = "kolokol-proxy.conf"
HEADERS = "kolokol-headers.conf"

# Whatever goes into the configuration is one nginx word: no spaces, quotes,
# comments, variables or block punctuation that could change its meaning.
WORD_RE = re.compile(r"^[^\s;{}#$\"'\\]+$")
TAG_LINE_RE = re.compile(r"^[ \t]*(\{%[^%]*%\})[ \t]*\n", flags=re.M)
# Where the include lines sit in kolokol.conf: inside a location block.
INCLUDE_INDENT = " " * 8


class BadValue(ValueError):
    """A value that cannot go into the configuration; the message names it."""


@dataclass(frozen=True)
class Site:
    """What one installation's nginx site needs to know."""

    store: Path
    static: Path
    media: Path
    app: str = "127.0.0.1:8000"
    server_names: tuple[str, ...] = ("news.example.org",)
    # Behind a TLS-terminating proxy: plain HTTP on port 80, no redirect to
    # HTTPS, no HSTS, and the proxy's X-Forwarded-Proto passed to the app.
    http_only: bool = False
    # Addresses to listen on; empty: 443 (TLS) or 80 (HTTP only), IPv4 and IPv6.
    listen: tuple[str, ...] = ()
    # TLS on the server block (certificates, HTTP/2, the port-80 redirect).
    # None: unless http_only. The tests' loopback nginx serves the TLS
    # site's server block over plain HTTP, HSTS and all.
    tls: bool | None = None
    certificate: str = "/etc/ssl/kolokol/fullchain.pem"
    certificate_key: str = "/etc/ssl/kolokol/privkey.pem"
    # The proxies whose X-Forwarded-For names the reader (HTTP only).
    real_ip_from: tuple[str, ...] = ()
    access_log: str = "/var/log/nginx/kolokol.access.log"
    error_log: str = "/var/log/nginx/kolokol.error.log"
    # Where kolokol-proxy.conf and kolokol-headers.conf are installed; None:
    # their lines are written into kolokol.conf itself (one file).
    include_dir: Path | None = Path("/etc/nginx")
    max_body_mb: int = 20
    max_clip_mb: int = 4096
    onion_map: Path | None = field(default=None)

    @property
    def uses_tls(self) -> bool:
        return (not self.http_only) if self.tls is None else self.tls

    def context(self) -> dict[str, object]:
        from kolokol.core.middleware import PUBLIC_CSP
        from kolokol.publishing.fastpath import PAGE_PARAMETERS
        from kolokol.publishing.servicemap import NGINX_MAP

        tls = self.uses_tls
        listen = self.listen or (("443", "[::]:443") if tls else ("80", "[::]:80"))
        if not self.server_names:
            raise BadValue("server name: at least one is needed")
        values = {
            "store": self.store,
            "static": self.static,
            "media": self.media,
            "onion map": self.onion_map or Path(self.store) / NGINX_MAP,
            "app": self.app,
            "access log": self.access_log,
            "error log": self.error_log,
            "certificate": self.certificate,
            "certificate key": self.certificate_key,
            **{f"server name {name!r}": name for name in self.server_names},
            **{f"listen {address!r}": address for address in listen},
            **{f"proxy address {address!r}": address for address in self.real_ip_from},
        }
        for what, value in values.items():
            if not WORD_RE.match(str(value)):
                raise BadValue(f"{what}: {str(value)!r} cannot go into an nginx configuration")
        return {
            "app": self.app,
            "store": str(self.store).rstrip("/") or "/",
            "static": str(self.static).rstrip("/"),
            "media": str(self.media).rstrip("/"),
            "onion_map": values["onion map"],
            "server_names": " ".join(self.server_names),
            "listen": listen,
            "tls": tls,
            "hsts": not self.http_only,
            "http_only": self.http_only,
            "certificate": self.certificate,
            "certificate_key": self.certificate_key,
            "real_ip_from": self.real_ip_from,
            "access_log": self.access_log,
            "error_log": self.error_log,
            "max_body_mb": int(self.max_body_mb),
            "max_clip_mb": int(self.max_clip_mb),
            "page_parameters": "|".join(sorted(PAGE_PARAMETERS)),
            "csp": PUBLIC_CSP,
        }


def _render_one(name: str, context: dict[str, object]) -> str:
    from django.template import Context, Engine

    source = TAG_LINE_RE.sub(r"\1", (TEMPLATES / name).read_text())
    engine = Engine(autoescape=False)
    return engine.from_string(source).render(Context(context, autoescape=False))


def _inlined(text: str) -> str:
    """An include file's directives, to stand where its include line would."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return f"\n{INCLUDE_INDENT}".join(lines)


def render(site: Site) -> dict[str, str]:
    """The configuration files by name: kolokol.conf, and its two include
    files unless ``site.include_dir`` is None (then kolokol.conf alone)."""
    context = site.context()
    includes = {name: _render_one(name, context) for name in (PROXY, HEADERS)}
    if site.include_dir is None:
        context |= {"proxy": _inlined(includes[PROXY]), "headers": _inlined(includes[HEADERS])}
        return {SITE: _render_one(SITE, context)}
    folder = site.include_dir
    if not WORD_RE.match(str(folder)):
        raise BadValue(f"include folder: {str(folder)!r} cannot go into an nginx configuration")
    context |= {"proxy": f"include {folder / PROXY};", "headers": f"include {folder / HEADERS};"}
    return {SITE: _render_one(SITE, context), **includes}


def for_installation(**options: object) -> Site:
    """This installation's site: its data folder's paths, its host names and
    largest upload from the settings; ``options`` override :class:`Site`'s fields."""
    from django.conf import settings

    site = Site(
        store=Path(settings.KOLOKOL_STORE_DIR),
        static=Path(settings.STATIC_ROOT),
        media=Path(settings.MEDIA_ROOT),
        server_names=server_names(),
        max_body_mb=settings.KOLOKOL_MAX_IMAGE_MB,
        max_clip_mb=-(-settings.KOLOKOL_CLIP_MAX_BYTES // 1024**2),
    )
    return replace(site, **{k: v for k, v in options.items() if v is not None})  # type: ignore[arg-type]


def server_names() -> tuple[str, ...]:
    """The public address's host, then the other ALLOWED_HOSTS (nginx reads
    Django's ".example.org" the same way: the domain and every subdomain)."""
    from urllib.parse import urlsplit

    from django.conf import settings

    names = [urlsplit(settings.KOLOKOL_BASE_URL).hostname or ""]
    names += [host for host in settings.ALLOWED_HOSTS if host not in {"*", "testserver"}]
    # nginx's server_name takes no brackets around an IPv6 address.
    names = [name.removeprefix("[").removesuffix("]") for name in names if name]
    return tuple(dict.fromkeys(names)) or ("_",)


def default_example() -> dict[str, str]:
    """What deploy/nginx ships: the TLS site for the default data folder."""
    data = Path("/var/lib/kolokol")
    return render(Site(store=data / "store", static=data / "static", media=data / "media"))
