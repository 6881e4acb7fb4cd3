"""The search form: words, a section and a date range, all optional."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Dates outside these bounds would overflow when turned into times in a
# time zone; nothing is published there anyway.
EARLIEST = date(1900, 1, 1)
LATEST = date(9000, 1, 1)


class DateInput(forms.DateInput):
    """The browser's native date picker, which sends ISO dates."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words to find"), required=False, strip=True)
    section = forms.ChoiceField(label=_("Section"), required=False)
    since = forms.DateField(
        label=pgettext_lazy("date range", "From"), required=False, widget=DateInput()
    )
    until = forms.DateField(
        label=pgettext_lazy("date range", "To"), required=False, widget=DateInput()
    )

    def __init__(self, *args, sections=(), **kwargs) -> None:
        kwargs.setdefault("auto_id", "search-%s")
        super().__init__(*args, **kwargs)
        self.sections = {section.slug: section for section in sections}
        self.fields["section"].choices = [
            ("", _("All sections")),
            *((section.slug, section.title) for section in sections),
        ]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return data

    def valid(self, name: str):
        """A field's value if it passed validation, else None (bad input is ignored)."""
        return self.cleaned_data.get(name) if name not in self.errors else None

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        """The date range as [start, end) times in the current time zone, whole days."""
        since, until = self.valid("since"), self.valid("until")
        if "until" in self.errors:
            since = None
        start = end = None
        if since:
            start = timezone.make_aware(datetime.combine(max(since, EARLIEST), time.min))
        if until:
            end = timezone.make_aware(
                datetime.combine(min(until, LATEST) + timedelta(days=1), time.min)
            )
        return start, end
