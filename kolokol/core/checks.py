"""`kolokol check` (and every command that runs Django's checks) reaches the services it needs.

An unreachable database or Redis stops the command with one line naming the
setting (kolokol/cli.py prints it), not a traceback, and not a check that
passes while the site cannot work.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import register
from django.db import connection

from kolokol.config import ConfigError, redact_url


@register()
def services_reachable(app_configs=None, **kwargs) -> list:
    # An OperationalError goes on to kolokol/cli.py, which names DATABASE_URL.
    connection.ensure_connection()
    if settings.REDIS_URL:
        from django_redis import get_redis_connection

        try:
            get_redis_connection("default").ping()
        except Exception as error:  # noqa: BLE001 (redis-py's errors, all of them)
            raise ConfigError(
                f"REDIS_URL: cannot reach {redact_url(settings.REDIS_URL)}: {error}"
            ) from None
    return []
