"""StreamField blocks of an article body, one template each under core/blocks/."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtailmedia.blocks import AudioChooserBlock, VideoChooserBlock

from kolokol.core.alt_text import require_alt_text, require_transcript

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link"]


class QuoteBlock(blocks.StructBlock):
    """A pull quote. Quotation marks are added in the service's typographic style."""

    text = blocks.TextBlock(
        label=_("quotation"), help_text=_("Without quotation marks; they are added for you.")
    )
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=120)
    role = blocks.CharBlock(
        label=_("their role"), required=False, max_length=160, help_text=_("e.g. “mayor of Osh”")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "core/blocks/quote.html"


class InlineImageBlock(blocks.StructBlock):
    """A photo inside the article, with its caption and credit."""

    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    credit = blocks.CharBlock(
        label=_("credit"),
        required=False,
        max_length=160,
        help_text=_("Leave empty to use the credit stored with the image."),
    )

    def clean(self, value):
        value = super().clean(value)
        try:
            require_alt_text(value.get("image"))
        except ValidationError as error:
            raise StructBlockValidationError(block_errors={"image": error}) from None
        return value

    class Meta:
        icon = "image"
        label = _("Image")
        template = "core/blocks/image.html"


class GalleryPhotoBlock(InlineImageBlock):
    """One photo of a gallery: an inline image's fields and its alt-text rule."""

    class Meta:
        icon = "image"
        label = _("Photo")


class GalleryBlock(blocks.StructBlock):
    """Photos shown together, each with its own caption and credit.

    A numbered list of figures that reads in order without JavaScript; wide
    screens show it as a strip scrolled sideways (by keyboard too).
    """

    title = blocks.CharBlock(
        label=_("title"),
        required=False,
        max_length=160,
        help_text=_("e.g. “The flood in pictures”. Also names the gallery for screen readers."),
    )
    photos = blocks.ListBlock(
        GalleryPhotoBlock(),
        min_num=2,
        # A longer set is a page of its own, and too heavy to load on 2G.
        max_num=40,
        label=_("photos"),
    )

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "core/blocks/gallery.html"


class RecordingBlock(blocks.StructBlock):
    """A block showing a recording (``clip_field``): refused without its transcript."""

    clip_field = ""

    def clean(self, value):
        value = super().clean(value)
        try:
            require_transcript(value.get(self.clip_field))
        except ValidationError as error:
            raise StructBlockValidationError(block_errors={self.clip_field: error}) from None
        return value


class VideoBlock(RecordingBlock):
    """A video from the library: its own player, captions, transcript and downloads.

    The chooser's model is wagtailmedia's setting (``multimedia.Clip``); the
    player's template belongs to ``kolokol.multimedia``.
    """

    video = VideoChooserBlock(label=_("video"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    clip_field = "video"

    class Meta:
        icon = "media"
        label = _("Video")
        template = "multimedia/blocks/clip.html"


class AudioBlock(RecordingBlock):
    """A recording from the library, with its transcript and downloads."""

    audio = AudioChooserBlock(label=_("audio"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    clip_field = "audio"

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "multimedia/blocks/clip.html"


class ListBlock(blocks.StructBlock):
    """A bulleted or numbered list within the running text."""

    ordered = blocks.BooleanBlock(label=_("numbered"), required=False)
    items = blocks.ListBlock(blocks.CharBlock(max_length=500), label=_("items"))

    class Meta:
        icon = "list-ul"
        label = _("List")
        template = "core/blocks/list.html"


class FactBoxBlock(blocks.StructBlock):
    """The background box: key facts set apart from the running text."""

    title = blocks.CharBlock(label=_("title"), max_length=120, help_text=_("e.g. “Background”"))
    items = blocks.ListBlock(blocks.CharBlock(max_length=500), label=_("facts"))

    class Meta:
        icon = "info-circle"
        label = _("Background box")
        template = "core/blocks/factbox.html"


class EmbedBlock(blocks.StructBlock):
    """External media (video, map, post) shown as a link, never loaded into the page.

    Loading a third party's player would tell that party who reads the
    article; a reader who follows the link chooses to.
    """

    url = blocks.URLBlock(label=_("address"))
    title = blocks.CharBlock(label=_("title"), max_length=200)
    provider = blocks.CharBlock(
        label=_("provider"), required=False, max_length=80, help_text=_("e.g. YouTube")
    )
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "core/blocks/embed.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, label=_("Paragraph"), template="core/blocks/paragraph.html"
    )
    quote = QuoteBlock()
    image = InlineImageBlock()
    list = ListBlock()
    factbox = FactBoxBlock()
    embed = EmbedBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    audio = AudioBlock()
