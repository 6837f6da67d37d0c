"""A news article (``NewsPage``): the anatomy of a city portal's article page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .. import extensions
from ..blocks import NewsBodyBlock
from ..forms import NewsPageForm
from ..search_text import folded_document
from ..slugs import fold_diacritics
from .headless_preview import HeadlessPreviewMixin
from .mixins import AsciiSlugMixin, ComposedTextMixin
from .other_news import OtherNewsMixin
from .queryset import NewsPageManager
from .snippets import NewsCategory
from .tags import NewsPageTag
from .taxonomy import LocalizedTaxonomyMixin

#: Wagtail hook a PDF sub-app registers: ``fn(page, request) -> HttpResponse``.
PDF_HOOK = "govnews_article_pdf"


class NewsPage(
    ComposedTextMixin,
    AsciiSlugMixin,
    LocalizedTaxonomyMixin,
    HeadlessPreviewMixin,
    OtherNewsMixin,
    RoutablePageMixin,
    Page,
):
    """A news article: dateline, lead, body with captioned photos, byline, source and QR code."""

    date = models.DateTimeField(
        _("dateline"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Date and time shown on the article. Leave empty to use the first publication."
        ),
    )
    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("The opening paragraph in bold that sums up the news (sapo)."),
    )
    body = StreamField(NewsBodyBlock(), verbose_name=_("body"), blank=True)
    hero_image = models.ForeignKey(
        get_image_model(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in news lists and social cards. Add photos to the body to show them."),
    )
    author = models.CharField(
        _("author"), max_length=255, blank=True, help_text=_("Byline, e.g. “Hoàng Minh”.")
    )
    categories = ParentalManyToManyField(
        NewsCategory, verbose_name=_("categories"), blank=True, related_name="news_pages"
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    source_name = models.CharField(
        _("news source"),
        max_length=255,
        blank=True,
        help_text=_("Who the news comes from, e.g. “Ban Tuyên giáo Quận ủy”."),
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    original_url = models.URLField(
        _("original article"),
        max_length=500,
        blank=True,
        help_text=_("Address of the original when this article republishes one (the “Gốc” link)."),
    )
    document_number = models.CharField(
        _("official document number"),
        max_length=100,
        blank=True,
        help_text=_(
            "Number or reference of the decision this news announces, e.g. “1234/QĐ-UBND”."
        ),
    )
    is_archived = models.BooleanField(
        _("archived / outdated"),
        default=False,
        help_text=_("Show readers a banner saying the information may no longer be current."),
    )
    notice_kind = models.CharField(
        _("notice type"),
        max_length=20,
        choices=[("correction", _("Correction")), ("update", _("Update"))],
        default="update",
    )
    notice_date = models.DateTimeField(
        _("notice date"),
        null=True,
        blank=True,
        help_text=_("When the article was corrected or updated."),
    )
    notice = models.TextField(
        _("correction or update notice"),
        blank=True,
        help_text=_("Shown under the dateline, e.g. “The figures in paragraph 2 were corrected.”"),
    )

    objects = NewsPageManager()

    api_fields = [
        APIField("date"),
        APIField("lead"),
        APIField("body"),
        APIField("hero_image"),
        APIField(
            "hero_image_thumbnail",
            serializer=ImageRenditionField("fill-1200x675", source="hero_image"),
        ),
        APIField("author"),
        APIField("categories"),
        APIField("tags"),
        APIField("source_name"),
        APIField("source_url"),
        APIField("original_url"),
        APIField("document_number"),
        APIField("is_archived"),
        APIField("notice_kind"),
        APIField("notice_date"),
        APIField("notice"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("is_archived"),
                FieldRowPanel([FieldPanel("notice_kind"), FieldPanel("notice_date")]),
                FieldPanel("notice"),
            ],
            heading=_("Status and corrections"),
        ),
    ]
    media_panels = [FieldPanel("hero_image")]
    source_panels = [
        FieldPanel("author"),
        FieldPanel("document_number"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_url")])],
            heading=_("News source"),
        ),
        FieldPanel("original_url"),
        extensions.OriginPanel(),
    ]
    classification_panels = [
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        InlinePanel(
            "related_news",
            heading=_("Other news"),
            label=_("Article"),
            help_text=_("Pick articles for the “Other news” box; leave empty for the latest news."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(media_panels, heading=_("Media")),
            ObjectList(source_panels, heading=_("Source & byline")),
            ObjectList(classification_panels, heading=_("Categories & related")),
            ObjectList(AsciiSlugMixin.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    #: The published text's words without diacritics, for readers' searches
    #: (:mod:`wagtail_govnews.search_text`); kept up to date by :meth:`save`.
    search_folded = models.TextField(editable=False, blank=True, default="")

    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.SearchField("search_text"),
        index.FilterField("date"),
        index.RelatedFields("categories", [index.SearchField("name")]),
    ]

    # What wagtail-localize translates, and what it copies from the source article on every
    # sync ("overridable": a translator may replace the copy). Why: docs/concepts/translation.md.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("lead"),
        # Texts, captions, alt texts and credits are translated; images, documents, videos
        # and links are copied but overridable; tables and choices are copied as they are.
        TranslatableField("body"),
        TranslatableField("author"),
        TranslatableField("source_name"),
        SynchronizedField("date", overridable=False),
        SynchronizedField("hero_image"),
        SynchronizedField("source_url"),
        SynchronizedField("original_url"),
        SynchronizedField("document_number"),
        SynchronizedField("is_archived", overridable=False),
        SynchronizedField("notice_kind"),
        SynchronizedField("notice_date"),
        TranslatableField("notice"),
        # Copied as is: these point at source-language categories and articles, which
        # templates and the API map to the reader's language by translation_key.
        SynchronizedField("categories", overridable=False),
        SynchronizedField("related_news", overridable=False),
        SynchronizedField("tagged_items", overridable=False),
        SynchronizedField("show_in_menus", overridable=False),
    ]

    parent_page_types = ["wagtail_govnews.NewsIndexPage"]
    subpage_types: list[str] = []
    template = "wagtail_govnews/news_page.html"
    base_form_class = NewsPageForm

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.date is None and self.live:
            self.date = self.first_published_at or timezone.now()
        # Only a full save writes the page's own content (Wagtail saves a draft revision with
        # ``update_fields`` that leave it out), so the search text is always the row's text.
        if kwargs.get("update_fields") is None:
            self.search_folded = folded_document(self.searchable_texts(copy_body=True))
        super().save(*args, **kwargs)

    def searchable_texts(self, copy_body: bool = False) -> list[str]:
        """Title, lead, byline and the body's text: what readers' searches look at.

        ``copy_body`` reads a copy of the body, so the body to be saved keeps its stored form
        (reading blocks would give list items new ids, making them translatable segments).
        """
        stream_block, body = self.body.stream_block, self.body
        if copy_body:
            body = stream_block.to_python(body.get_prep_value())
        body = stream_block.get_searchable_content(body)
        return [self.title, self.lead, self.author, *body]

    def search_text(self) -> str:
        """Title, lead, byline and body without diacritics: "thi nghiem" finds "thí nghiệm"."""
        return fold_diacritics(" ".join(self.searchable_texts()))

    @property
    def display_date(self) -> datetime:
        """The dateline: the editor's date, else first publication, else now (for previews)."""
        return self.date or self.first_published_at or timezone.now()

    # Extra routes: the print view and the PDF download.

    @path("")
    def article(self, request: HttpRequest) -> HttpResponse:
        """The article page (view counting and the response cache hook in before serving)."""
        return self.render(request)

    @path("print/", name="print")
    def print_view(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, template="wagtail_govnews/news_page_print.html")

    @path("pdf/", name="pdf")
    def pdf_view(self, request: HttpRequest) -> HttpResponse:
        """The article as a PDF, made by ``wagtail_govnews.contrib.pdf`` (404 without it)."""
        for make_response in hooks.get_hooks(PDF_HOOK):
            return make_response(self, request)
        raise Http404("PDF downloads are not enabled on this site.")

    @property
    def pdf_available(self) -> bool:
        """Whether a PDF sub-app serves ``pdf/`` (templates show "Save as PDF" only then)."""
        return bool(hooks.get_hooks(PDF_HOOK))
