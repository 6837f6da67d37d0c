"""StreamField blocks for the body of a news article.

Each block renders with its own template under ``wagtail_govnews/blocks/``; override a
template by putting a file with the same path in your project's templates folder.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

if TYPE_CHECKING:
    from wagtail.embeds.models import Embed

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


_preloaded_images: ContextVar[dict[int, Any] | None] = ContextVar(
    "govnews_preloaded_images", default=None
)


class PrefetchingImageChooserBlock(ImageChooserBlock):
    """Image chooser that loads all images of a stream, and their renditions, in two queries."""

    def bulk_to_python(self, values: list[Any]) -> list[Any]:
        wanted = [value for value in values if value is not None]
        objects = _preloaded_images.get()
        if objects is None or not all(value in objects for value in wanted):
            objects = self.model_class.objects.prefetch_renditions().in_bulk(wanted)
        return [objects.get(value) for value in values]


def _image_ids(raw: Any) -> set[int]:
    """Ids stored under an "image" key anywhere in raw StreamField data."""
    if isinstance(raw, dict):
        found = {raw["image"]} if isinstance(raw.get("image"), int) else set()
        return found.union(*(_image_ids(value) for value in raw.values()))
    if isinstance(raw, list):
        return set().union(*(_image_ids(item) for item in raw))
    return set()


def prefetch_stream_images(stream: StreamValue) -> None:
    """Load every image of ``stream`` (all block types) with its renditions in two queries
    (once per stream: a second call does nothing)."""
    if getattr(stream, "_govnews_images_loaded", False):
        return
    stream._govnews_images_loaded = True
    ids = _image_ids(list(stream.raw_data))
    if not ids:
        return
    images = get_image_model().objects.prefetch_renditions().in_bulk(ids)
    token = _preloaded_images.set(images)
    try:
        list(stream)  # converts each block type once, reading the preloaded images
    finally:
        _preloaded_images.reset(token)


class HeadingBlock(blocks.StructBlock):
    """A section heading inside the article body."""

    text = blocks.CharBlock(label=_("Text"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "wagtail_govnews/blocks/heading.html"


class PhotoBlock(blocks.StructBlock):
    """A photo with its caption, alternative text and credit, rendered as a ``<figure>``."""

    image = PrefetchingImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=500,
        help_text=_("Shown under the photo, e.g. “Overview of the conference.”"),
    )
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=255,
        help_text=_(
            "Describes the photo for people who cannot see it. "
            "Leave empty to use the image's own description."
        ),
    )
    credit = blocks.CharBlock(
        label=_("Credit"), required=False, max_length=255, help_text=_("Photographer or source.")
    )

    class Meta:
        icon = "image"
        label = _("Photo")
        template = "wagtail_govnews/blocks/photo.html"


class CaptionedImageBlock(PhotoBlock):
    """A photo in the flow of the article, with an alignment."""

    alignment = blocks.ChoiceBlock(
        label=_("Alignment"),
        choices=[
            ("full", _("Full width")),
            ("center", _("Centred")),
            ("left", _("Left")),
            ("right", _("Right")),
        ],
        default="full",
    )

    class Meta:
        label = _("Captioned image")
        template = "wagtail_govnews/blocks/captioned_image.html"


class GalleryBlock(blocks.StructBlock):
    """Several captioned photos shown as a grid or a slideshow."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=255)
    images = blocks.ListBlock(PhotoBlock(), label=_("Photos"), min_num=1)
    layout = blocks.ChoiceBlock(
        label=_("Layout"),
        choices=[("grid", _("Grid")), ("slideshow", _("Slideshow"))],
        default="grid",
    )

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "wagtail_govnews/blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with its attribution."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "wagtail_govnews/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """An embedded video (YouTube, Facebook, …) with a caption and a plain link fallback."""

    video = EmbedBlock(label=_("Video URL"), help_text=_("Address of the video page."))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=500)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "wagtail_govnews/blocks/video.html"

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict[str, Any]:
        """The block's context, with ``embed``: the provider's player, or None."""
        context = super().get_context(value, parent_context=parent_context)
        context["embed"] = _find_embed(value.get("video"))
        return context


def _find_embed(video: EmbedValue | None) -> Embed | None:
    """The stored or fetched embed of ``video`` (None when the provider does not answer).

    The template shows ``embed.html`` itself rather than Wagtail's ``embed_frontend.html``,
    whose responsive wrapper has a ``style`` attribute that a strict CSP refuses.
    """
    if video is None:
        return None
    try:
        return get_embed(video.url, video.max_width, video.max_height)
    except EmbedException:
        return None


class DocumentBlock(blocks.StructBlock):
    """A downloadable attachment, e.g. the full text of a decision."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=255,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "wagtail_govnews/blocks/document.html"


class NewsTableBlock(TableBlock):
    """A table of figures, with an optional caption and header row.

    Translators get its caption and every cell that holds a word as segments in
    wagtail-localize's editor (paths ``caption`` and ``cell-<row>-<column>``); cells of bare
    figures ("1.200", "35%") are copied as they are.
    """

    class Meta:
        icon = "table"
        label = _("Table")
        template = "wagtail_govnews/blocks/table.html"

    def get_translatable_segments(self, value: dict | None) -> list:
        """wagtail-localize's hook: the caption and the worded cells as string segments."""
        from wagtail_localize.segments import StringSegmentValue

        return [StringSegmentValue(path, text) for path, text in _table_texts(value or {})]

    def restore_translated_segments(self, value: dict | None, segments: list) -> dict:
        """wagtail-localize's hook: the table with the translated caption and cells."""
        translated = {
            **(value or {}),
            "data": [list(row) for row in (value or {}).get("data") or []],
        }
        for segment in segments:
            text = segment.render_text()
            if segment.path == "caption":
                translated["table_caption"] = text
            elif segment.path.startswith("cell-"):
                row, column = (int(number) for number in segment.path.split("-")[1:])
                translated["data"][row][column] = text
        return translated


def _table_texts(value: dict) -> list[tuple[str, str]]:
    """(segment path, text) of a table's caption and of each cell holding a letter."""
    texts = [("caption", value["table_caption"])] if value.get("table_caption") else []
    for row_number, row in enumerate(value.get("data") or []):
        for column, cell in enumerate(row or []):
            if isinstance(cell, str) and any(char.isalpha() for char in cell):
                texts.append((f"cell-{row_number}-{column}", cell))
    return texts


class NewsBodyBlock(blocks.StreamBlock):
    """Everything an article body can hold."""

    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=RICH_TEXT_FEATURES,
        template="wagtail_govnews/blocks/paragraph.html",
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentBlock()
    table = NewsTableBlock()
