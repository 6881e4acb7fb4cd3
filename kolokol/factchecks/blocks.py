"""The sources of a fact-check: what the newsroom consulted, listed after the reasoning."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SourceBlock(blocks.StructBlock):
    """One source: a document, a data set, an interview. The address is optional:
    an interview or a paper file has none."""

    title = blocks.CharBlock(
        label=_("source"),
        max_length=300,
        help_text=_("What it is and who published it, e.g. “Council budget report, March 2025”."),
    )
    url = blocks.URLBlock(
        label=_("address"),
        required=False,
        help_text=_("Where readers can see it for themselves; leave empty if it is not online."),
    )
    note = blocks.TextBlock(
        label=_("note"),
        required=False,
        max_length=500,
        help_text=_("What it shows, or how we obtained it."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Source")
        template = "factchecks/blocks/source.html"


class SourcesBlock(blocks.StreamBlock):
    source = SourceBlock()
