"""Page addresses made from headlines, the same in the editor's browser and on the server.

Readers share addresses in messengers and type them from screenshots, so
Cyrillic headlines become Latin addresses (``Мост откроют весной`` ->
``most-otkroyut-vesnoy``), not percent-encoded ones three times as long.
Persian headlines keep their own script: a Latin spelling of Persian loses
the vowels and reads worse than the original, and browsers show Persian
addresses as written. Arabic letter forms and digits are normalised to the
Persian ones editors type, so one headline always gives one address.

The same rules run in two places. Wagtail's slug field applies a list of
regular-expression "formatters" before it makes a slug from the title
(``SlugInput(formatters=...)``), so the editor sees the final address while
typing; ``slug_from_title`` applies the same list in Python for pages made
without the admin and for any slug that reaches the server unformatted.
"""

from __future__ import annotations

import json
import re

from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.coreutils import get_js_regex

# Letters of the Cyrillic alphabets of the services' region. Russian follows
# the common newsroom/Yandex spelling (й -> y, х -> kh, ю -> yu); the extra
# letters of Kyrgyz, Kazakh, Tatar, Tajik, Ukrainian, Belarusian and Serbian
# get their usual Latin spellings.
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Kyrgyz, Kazakh, Tatar, Tajik
    "ң": "ng", "ө": "o", "ү": "u", "ә": "a", "ғ": "gh", "қ": "q", "ұ": "u", "һ": "h",
    "җ": "j", "ӣ": "i", "ӯ": "u", "ҳ": "h", "ҷ": "j",
    # Ukrainian, Belarusian, Serbian, Macedonian
    "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "w", "ђ": "dj", "ј": "j", "љ": "lj",
    "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}  # fmt: skip

# Arabic forms of letters that Persian writes differently, Arabic-Indic and
# Persian digits, and the tatweel (a stretching stroke with no meaning).
PERSIAN = {
    "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ـ": "",
    **{chr(0x06F0 + n): str(n) for n in range(10)},
    **{chr(0x0660 + n): str(n) for n in range(10)},
}  # fmt: skip

# Long headlines: the first 60 characters and the rest of the word they end
# in (at most 20 more), so the address stays short and within the 255-byte
# file-name limit of the rendered store even in two-byte scripts.
SHORTEN = (re.compile(r"^(.{60}\S{0,20}).*$", re.DOTALL), "$1")

FORMATTERS: list[tuple[re.Pattern, str]] = [
    SHORTEN,
    *((re.compile(letter, re.IGNORECASE), latin) for letter, latin in CYRILLIC.items()),
    *((re.compile(arabic), persian) for arabic, persian in PERSIAN.items()),
]

FALLBACK = "page"


def formatters_attribute() -> str:
    """FORMATTERS as the JSON that Wagtail's ``w-slug`` controller reads."""
    return json.dumps(
        [[get_js_regex(pattern), replacement] for pattern, replacement in FORMATTERS],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def slug_from_title(title: str) -> str:
    """The address segment for a headline or name ('' when it has no letters or digits)."""
    text = title.strip()
    for pattern, replacement in FORMATTERS:
        text = pattern.sub(replacement.replace("$1", r"\1"), text)
    return slugify(text, allow_unicode=True)[:255].rstrip("-_")


def unique_slug(base: str, siblings, page=None) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever no sibling page uses yet."""
    base = base or FALLBACK
    others = siblings.filter(slug__startswith=base)
    if page is not None and page.pk:
        others = others.exclude(pk=page.pk)
    taken = set(others.values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: 255 - len(suffix)] + suffix
    return candidate


class NewsroomPageForm(WagtailAdminPageForm):
    """The page form of every service page: its address never blocks a draft.

    The slug field lives on the Promote tab, out of the reporter's sight, so
    an empty or clashing slug on a page that has never been published is
    made from the title (and numbered) instead of refusing the save.
    Changing the address of a published page stays deliberate: Wagtail
    reports a clash there as before.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("slug")
        if field is not None:
            field.required = False
            field.widget.attrs["data-w-slug-formatters-value"] = formatters_attribute()

    def clean_slug(self) -> str:
        page = self.instance
        typed = self.cleaned_data.get("slug") or ""
        if typed and typed == page.slug:
            return typed  # an address readers may already know stays as it is
        title = self.cleaned_data.get("title") or self.data.get("title") or ""
        slug = slug_from_title(typed or title) or slug_from_title(title) or FALLBACK
        parent = self.parent_page or (page.get_parent() if page.pk else None)
        if page.first_published_at or parent is None:
            return slug
        return unique_slug(slug, parent.get_children(), page)
