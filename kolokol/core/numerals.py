"""Numbers written in the digits of each service's language.

Persian readers write numbers with Persian digits (۱۴۰۵, not 1405); Django
localizes separators but never digits. Other languages keep ASCII digits.

Counts inside ``{% blocktranslate count %}`` must stay numbers, because the
plural form is chosen from them; ``LocalNumber`` is an ``int`` that prints
itself in the language's digits, so ``count counter=n|numerals`` keeps the
catalogue's msgids and the plural rule, and changes only what readers see.
"""

from __future__ import annotations

from django.utils.translation import get_language

# ASCII digits → the language's own; languages not listed keep ASCII.
DIGITS = {"fa": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")}


def native(text: str, language: str | None = None) -> str:
    """``text`` with its ASCII digits written in ``language``'s digits (default: active)."""
    table = DIGITS.get((language or get_language() or "")[:2])
    return text.translate(table) if table else text


class LocalNumber(int):
    """An integer that prints (in templates too) in one language's digits."""

    language: str

    def __new__(cls, value: int, language: str) -> LocalNumber:
        number = super().__new__(cls, value)
        number.language = language
        return number

    def __str__(self) -> str:
        return native(int.__str__(self), self.language)

    # Django's number formatting hands an int with __html__ back untouched.
    __html__ = __str__


def local_number(value: int) -> int:
    """``value`` as the active language writes it: a ``LocalNumber`` where digits differ."""
    language = (get_language() or "")[:2]
    if language not in DIGITS or not isinstance(value, int) or isinstance(value, bool):
        return value
    return LocalNumber(value, language)
