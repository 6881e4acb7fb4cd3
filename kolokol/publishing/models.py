"""What the background worker leaves for the app servers to read."""

from django.db import models


class Heartbeat(models.Model):
    """When a worker last finished a round of its jobs (``/readyz`` reports the age)."""

    name = models.CharField(max_length=100, primary_key=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.seen_at:%Y-%m-%d %H:%M:%S}"


class SharedFact(models.Model):
    """A fact every app server needs on its fast path, kept where they all read it.

    Few rows: the services' languages and onion addresses (``services``) and
    each service's breaking-news transition times (``transitions:<slug>``).
    Writers move the cache clock after writing; readers re-read all rows when
    they see it move (``kolokol.publishing.shared``).
    """

    name = models.CharField(max_length=200, primary_key=True)
    value = models.JSONField(default=dict)

    def __str__(self) -> str:
        return self.name


class Invalidation(models.Model):
    """Stored pages that a publishing event made out of date, for every server's store.

    The server that publishes brings its own store up to date; the others
    (each with its own disk store, perhaps nginx in front) read these rows
    in their worker and remove what they hold of ``paths`` and, under
    ``trees``, every page stored before ``at``. Kept for a day.
    """

    at = models.FloatField(help_text="Unix time of the commit that made the pages stale")
    paths = models.JSONField(default=list)
    trees = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{len(self.paths)} pages, {len(self.trees)} trees at {self.at:.3f}"


class MirrorStatus(models.Model):
    """How a followed mirror (KOLOKOL_MIRRORS) is doing, for the admin's Mirrors page.

    Written by the worker that keeps the mirror; in the database so that the
    page shows every machine's mirrors, whichever server answers.
    """

    directory = models.CharField(max_length=500, unique=True)
    base_url = models.CharField(max_length=500, blank=True)
    host = models.CharField(max_length=200)
    last_attempt_at = models.DateTimeField(null=True)
    last_success_at = models.DateTimeField(null=True)
    # The cache clock when the last successful export started: anything
    # published after it is not in the mirror yet.
    synced_version = models.BigIntegerField(default=0)
    ok = models.BooleanField(default=False)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["directory"]

    def __str__(self) -> str:
        return self.directory
