"""``kolokol deploy nginx`` writes the nginx site for this installation.

The data folder's store, static files and renditions, the largest upload
and the host names come from the settings in force (run it with the
installation's environment), the rest from the options. The templates are
the ones deploy/nginx was rendered from (kolokol/publishing/nginx.py).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kolokol.publishing import nginx


class Command(BaseCommand):
    help = "Write configuration for the programs in front of Kolokol (nginx)."
    # Writes text from the settings alone: no database, no system checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        targets = parser.add_subparsers(dest="target", required=True)
        site = targets.add_parser(
            "nginx", help="the nginx site: stored pages from disk, the rest to the app"
        )
        site.add_argument(
            "--server-name",
            action="append",
            dest="server_names",
            metavar="NAME",
            help="a host name to answer (repeat for more); default: the host of "
            "KOLOKOL_BASE_URL and ALLOWED_HOSTS",
        )
        site.add_argument(
            "--http-only",
            action="store_true",
            help="plain HTTP on port 80 behind a proxy that terminates TLS: no redirect "
            "to HTTPS, no HSTS, the proxy's X-Forwarded-Proto goes to the app",
        )
        site.add_argument(
            "--real-ip-from",
            action="append",
            default=[],
            metavar="ADDRESS",
            help="(with --http-only) the proxy's address or network, whose "
            "X-Forwarded-For names the reader (repeat for more)",
        )
        site.add_argument(
            "--app", default="127.0.0.1:8000", help="where `kolokol serve` listens (HOST:PORT)"
        )
        site.add_argument(
            "--listen", action="append", metavar="ADDRESS", help="nginx's own address (repeat)"
        )
        site.add_argument("--certificate", default=nginx.Site.certificate)
        site.add_argument("--certificate-key", default=nginx.Site.certificate_key)
        site.add_argument("--access-log", default=nginx.Site.access_log)
        site.add_argument("--error-log", default=nginx.Site.error_log)
        site.add_argument(
            "--output",
            default="-",
            metavar="DIR",
            help="a folder for kolokol.conf and its two include files, or - (the default) "
            "to print kolokol.conf alone with the includes written into it",
        )
        site.add_argument(
            "--include-dir",
            metavar="DIR",
            help="where the include files will be installed (default: the --output folder)",
        )

    def handle(self, *args, target: str, **options) -> None:
        if options["real_ip_from"] and not options["http_only"]:
            raise CommandError("--real-ip-from: only with --http-only (nginx terminates TLS)")
        output = options["output"]
        to_folder = output != "-"
        include_dir = None
        if to_folder:
            include_dir = Path(options["include_dir"] or output).absolute()
        site = nginx.for_installation(
            server_names=tuple(options["server_names"] or ()) or None,
            http_only=options["http_only"],
            real_ip_from=tuple(options["real_ip_from"]),
            app=options["app"],
            listen=tuple(options["listen"] or ()),
            certificate=options["certificate"],
            certificate_key=options["certificate_key"],
            access_log=options["access_log"],
            error_log=options["error_log"],
        )
        site = dataclasses.replace(site, include_dir=include_dir)
        try:
            files = nginx.render(site)
        except nginx.BadValue as exc:
            raise CommandError(str(exc)) from None
        if not to_folder:
            self.stdout.write(files[nginx.SITE], ending="")
            return
        folder = Path(output)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                (folder / name).write_text(text)
        except OSError as exc:
            raise CommandError(f"--output: cannot write to {folder}: {exc.strerror}") from None
        self.stderr.write(
            f"Wrote {', '.join(files)} to {folder}. Link {folder.absolute() / nginx.SITE} "
            "into /etc/nginx/sites-enabled/, then: nginx -t && systemctl reload nginx"
        )
