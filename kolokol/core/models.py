"""What every app shares: the cache clock's row, and the day's salt for reader keys."""

from django.db import models


class CacheClock(models.Model):
    """The site-wide cache clock (``kolokol.core.clock``): one row, ``pk`` 1."""

    ticks = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.ticks)


class ReaderSalt(models.Model):
    """A random salt for one day's reader keys (``kolokol.core.readers``), deleted after it.

    Once it is gone, nobody (not even someone holding SECRET_KEY) can test
    whether a given address made a given comment, like or request that day.
    """

    day = models.DateField(primary_key=True)
    value = models.CharField(max_length=64)

    def __str__(self) -> str:
        return str(self.day)
