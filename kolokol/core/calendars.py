"""Dates as each service's readers write them.

Django's Persian locale names the Gregorian months in Persian, but Persian
readers date the news by the Solar Hijri calendar (۸ آذر ۱۴۰۵ is 29
November 2026), written with Persian digits; other languages keep Django's
formats. Machine-readable dates (``datetime`` attributes, feeds, sitemaps)
stay ISO 8601 and Gregorian.
"""

from __future__ import annotations

from datetime import datetime

import jdatetime

from kolokol.core import numerals


def persian(moment: datetime, with_time: bool = True) -> str:
    """``moment`` (already in the service's time zone) as "day month year، ساعت H:MM"."""
    day = jdatetime.date.fromgregorian(date=moment.date())
    text = f"{day.day} {jdatetime.date.j_months_fa[day.month - 1]} {day.year}"
    if with_time:
        # The shape of Django's Persian DATETIME_FORMAT ("j F Y، ساعت G:i").
        text += f"، ساعت {moment.hour}:{moment.minute:02d}"
    return numerals.native(text, "fa")
