"""The one row every app server polls to learn that something was published."""

from django.db import models


class CacheClock(models.Model):
    """The site-wide cache clock (``kolokol.core.clock``): one row, ``pk`` 1."""

    ticks = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.ticks)
