"""A logging filter for settings.LOGGING (kept free of models: logging is set up first)."""

import logging
import threading


class PublisherNotFound(logging.Filter):
    """Drops Django's "Not Found" warning for the publisher's own renders.

    The publisher renders pages that may be gone (the sitemap page past the
    last, a listing page an article left) to drop them from the store; a
    reader's 404 is still logged.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        internal = request is not None and request.META.get("kolokol.render")
        return not (internal and getattr(record, "status_code", None) == 404)


# Set while ``kolokol worker`` runs a task on this thread (runner.py): it logs
# the task itself, with its time and, if it failed, the traceback.
running_task = threading.local()


class LoggedByWorker(logging.Filter):
    """Drops django-tasks' own lines about a task the worker is logging itself.

    Otherwise a failed task's traceback is logged twice. Tasks run elsewhere
    (the immediate backend, in the process that asks) keep django-tasks' lines.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(running_task, "active", False)
