"""WSGI entry point. A configuration error prints one line and stops the server."""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kolokol.settings")

from kolokol.config import ConfigError  # noqa: E402  (settings module must be set first)

try:
    from django.core.wsgi import get_wsgi_application

    django_application = get_wsgi_application()

    from kolokol.publishing.wsgi import StoreFront  # needs the apps loaded above

    # Fresh stored pages are answered by the store front without entering Django.
    application = StoreFront(django_application)

    from kolokol.core import clock

    # What other servers publish reaches this process on a thread of its own.
    clock.start_polling()
except ConfigError as exc:
    print(f"kolokol: {exc}", file=sys.stderr)
    sys.exit(2)
