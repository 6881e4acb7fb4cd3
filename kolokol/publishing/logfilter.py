"""A logging filter for settings.LOGGING (kept free of models: logging is set up first)."""

import logging


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
