"""What the background worker leaves for the app servers to read."""

from django.db import models


class Heartbeat(models.Model):
    """When a worker last finished a round of its jobs (``/readyz`` reports the age)."""

    name = models.CharField(max_length=100, primary_key=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.seen_at:%Y-%m-%d %H:%M:%S}"
