"""The ``kolokol`` command: Django's manage.py with one-line configuration errors.

``kolokol migrate``, ``kolokol createsuperuser``, ``kolokol serve`` … run the
management command of that name. A missing setting or an unreachable
database ends the command with one line naming the setting, not a traceback.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kolokol.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "kolokol"

    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    from kolokol.config import ConfigError, env_str, redact_url

    try:
        execute_from_command_line(argv)
    except ConfigError as exc:
        sys.exit(f"kolokol: {exc}")
    except OperationalError as exc:
        url = redact_url(env_str("DATABASE_URL")) or "the SQLite file in KOLOKOL_DATA_DIR"
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.exit(f"kolokol: DATABASE_URL: cannot use {url}: {reason}")


if __name__ == "__main__":
    main()
