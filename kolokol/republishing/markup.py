"""The article as partner sites copy it: plain HTML, every address absolute.

Made from templates of its own (``republishing/copy.html`` and one per body
block under ``republishing/blocks/``) rather than the article page's, whose
classes mean something only to our stylesheet, then rebuilt from a short
list of elements (``kolokol.republishing.cleaning``). Pictures are our own
renditions at full addresses, with their alt text and credit; nothing in
the copy counts the partner's readers.
"""

from __future__ import annotations

from typing import Any

from django.template import TemplateDoesNotExist
from django.template.loader import get_template, select_template
from django.utils.html import escape, format_html

from kolokol.media import renditions
from kolokol.republishing import cleaning
from kolokol.republishing.licences import Licence
from kolokol.seo.absolute import absolute, base

# The widest JPEG of the article page's own pictures (kolokol.media.renditions),
# which the feeds and sharing cards use too: no new file to make.
PICTURE_SPEC = "width-1280|format-jpeg"


def picture(image) -> dict[str, Any] | None:
    """``image`` for the copy: its rendition's full address, size and alt text."""
    if image is None:
        return None

    def make() -> tuple[tuple[str, int, int], bool]:
        rendition = image.get_rendition(PICTURE_SPEC)
        return (rendition.url, rendition.width, rendition.height), True

    url, width, height = renditions.remembered(image, ("republish", PICTURE_SPEC), make)
    address = absolute(url)
    if address is None:
        return None
    return {"url": address, "width": width, "height": height, "alt": image.description}


def block_html(block) -> str:
    """One body block in plain HTML."""
    try:
        template = get_template(f"republishing/blocks/{block.block_type}.html")
    except TemplateDoesNotExist:
        # A block only a kind of article above this app has: its own
        # markup, which cleaning reduces to the allowed elements.
        return block.render()
    return template.render({"value": block.value})


def copy_html(article, service, licence: Licence) -> str:
    """What partners paste: the canonical link for their <head>, then the article.

    Rendered in the active language (the service's). A plain ``str``, to be
    escaped once where it is shown.
    """
    article_url = absolute(article.url) or ""
    authors = [
        (author.title, absolute(author.url) if author.live else None)
        for author in article.authors()
    ]
    context = {
        "article": article,
        "authors": authors,
        "lead": picture(article.lead_image),
        "body": [block_html(block) for block in article.body],
        "notes": article.notes(),
        "service_link": format_html('<a href="{}">{}</a>', article_url, service.title),
        "licence_link": format_html('<a href="{}">{}</a>', licence.deed, licence.name),
    }
    # A kind of article (a fact-check: its claim and verdict) may add its own parts.
    kind = article._meta
    template = select_template(
        [f"republishing/copy/{kind.app_label}/{kind.model_name}.html", "republishing/copy.html"]
    )
    html = template.render(context)
    article_html = cleaning.clean(html, absolute=absolute, own_origin=base() or "")
    canonical = f'<link rel="canonical" href="{escape(article_url)}">'
    return f"{canonical}\n\n{article_html.strip()}\n"
