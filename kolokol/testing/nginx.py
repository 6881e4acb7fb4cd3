"""Running the shipped nginx configuration on loopback (tests and bench/)."""

from __future__ import annotations

import getpass
import re
import shutil
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def loopback_config(store: Path, static: Path, media: Path, log: Path, app: str, port: int) -> str:
    """deploy/nginx/kolokol.conf with TLS off and the given paths and ports."""
    text = (DEPLOY / "kolokol.conf").read_text()
    text = re.sub(r"server \{\s+listen 80;.*?return 301 [^\n]+\n\}\n", "", text, flags=re.S)
    text = text.replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
    text = re.sub(r"\n\s+(listen \[::\]:443 ssl;|http2 on;|ssl_certificate[^\n]*)", "", text)
    replacements = {
        "/var/lib/kolokol/store": str(store),
        "/var/lib/kolokol/static/": f"{static}/",
        "/var/lib/kolokol/media/": f"{media}/",
        "/var/log/nginx/kolokol.access.log": str(log),
        "/var/log/nginx/kolokol.error.log": str(log.with_name("kolokol.error.log")),
        "/etc/nginx/kolokol-proxy.conf": str(DEPLOY / "kolokol-proxy.conf"),
        "/etc/nginx/kolokol-headers.conf": str(DEPLOY / "kolokol-headers.conf"),
        "127.0.0.1:8000": app,
    }
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text


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
