"""Running the shipped nginx configuration on loopback (tests and bench/)."""

from __future__ import annotations

import getpass
import shutil
from pathlib import Path

from kolokol.publishing import nginx

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def loopback_config(
    store: Path, static: Path, media: Path, log: Path, app: str, port: int, **site: object
) -> str:
    """The site `kolokol deploy nginx` writes, for the given paths, on a
    loopback port; the TLS site's server block over plain HTTP unless
    ``site`` says otherwise (``http_only=True``)."""
    return nginx.render(
        nginx.Site(
            store=store,
            static=static,
            media=media,
            app=app,
            listen=(f"127.0.0.1:{port}",),
            tls=False,
            access_log=str(log),
            error_log=str(log.with_name("kolokol.error.log")),
            include_dir=None,
            **site,  # type: ignore[arg-type]
        )
    )[nginx.SITE]


def main_config(prefix: Path, site: Path, workers: int = 1) -> str:
    # Workers run as the caller: pytest's temporary folders are private.
    return f"""daemon off;
user {getpass.getuser()};
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
load_module {BROTLI};
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {site};
}}
"""
