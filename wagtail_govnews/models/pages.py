"""Page types: a news section (``NewsIndexPage``) and a news article (``NewsPage``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.functions import Length, Substr
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .. import response_cache
from ..blocks import NewsBodyBlock, prefetch_stream_images
from ..conf import govnews_settings
from ..forms import NewsPageForm
from ..slugs import ascii_slug, fold_diacritics
from ..viewcount import count_view
from ..widgets import AsciiSlugInput
from .snippets import NewsCategory


class NewsPageQuerySet(PageQuerySet):
    """Queries for news articles."""

    def published(self) -> NewsPageQuerySet:
        """Live articles anonymous visitors may see (no drafts, no private pages).

        Same result as ``live().public()``, but the view restrictions are checked in SQL
        (a correlated ``EXISTS``) instead of a separate query each time.
        """
        restricted_ancestor = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        # Wagtail keeps an expired page live until `publish_scheduled` runs: hide it already.
        return (
            self.live().exclude(Exists(restricted_ancestor)).exclude(expire_at__lte=timezone.now())
        )

    def matching(self, query: str, limit: int = 1000) -> NewsPageQuerySet:
        """Articles matching ``query`` with or without diacritics, at most ``limit`` of them.

        Searches the folded ``search_text`` of live articles (search backends cannot apply
        every ORM filter), then narrows this queryset to the hits. Only the words of ``query``
        are searched: punctuation such as a lone ``"`` is query syntax to SQLite's FTS5 (an
        error there) and NUL cannot be sent to PostgreSQL.
        """
        folded = " ".join(re.findall(r"\w+", fold_diacritics(query)))
        if not folded:
            return self
        hits = NewsPage.objects.live().search(folded, order_by_relevance=False)[:limit]
        return self.filter(pk__in=[page.pk for page in hits])

    def newest_first(self) -> NewsPageQuerySet:
        """Order by dateline, newest first."""
        return self.order_by("-date", "-pk")

    def for_listing(self) -> NewsPageQuerySet:
        """Load what a news list shows (hero image and its renditions, categories) up front."""
        image_model = get_image_model()
        renditions = image_model.get_rendition_model().objects.all()
        return self.select_related("hero_image", "locale").prefetch_related(
            Prefetch("hero_image__renditions", queryset=renditions),
            "categories",
        )


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class AsciiSlugMixin:
    """Give pages created without a slug an ASCII one ("Đại hội" → "dai-hoi"), de-duplicated.

    Wagtail fills empty slugs in ``_set_core_field_defaults`` with Django's ``slugify``, which
    drops "đ"; we fill the slug first so Wagtail keeps ours. The admin's slug field folds the
    same way as editors type (``AsciiSlugInput``). ``ASCII_SLUGS = False`` turns both off.
    """

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug", widget=AsciiSlugInput),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
            ],
            heading=_("For search engines"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("For site menus")),
    ]

    def _set_core_field_defaults(self) -> None:
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        if not self.slug and self.title and parent_is_known and govnews_settings.ASCII_SLUGS:
            base_slug = ascii_slug(self.title)
            if base_slug:
                self.slug = self._get_autogenerated_slug(base_slug)
        super()._set_core_field_defaults()


class NewsIndexPage(AsciiSlugMixin, Page):
    """A news section such as "Tin tức" or "Khoa giáo", listing its articles newest first."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    # What wagtail-localize translates and copies: docs/concepts/translation.md.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        SynchronizedField("show_in_menus", overridable=False),
    ]
    subpage_types = ["wagtail_govnews.NewsPage"]
    template = "wagtail_govnews/news_index_page.html"

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def published_news(self) -> NewsPageQuerySet:
        """Published articles of this section, newest first."""
        return NewsPage.objects.child_of(self).published().newest_first()

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        news = self.published_news()
        category = self._selected_category(request)
        tag = request.GET.get("tag", "").strip()
        if category is not None:
            news = news.filter(categories__translation_key=category.translation_key)
        elif request.GET.get("category"):
            news = news.none()
        if tag:
            # No slug holds NUL, and PostgreSQL refuses to compare text with it.
            news = news.none() if "\x00" in tag else news.filter(tags__slug=tag)
        query = request.GET.get("q", "").strip()[:200]
        if query:
            news = news.matching(query)
        paginator = Paginator(news.for_listing(), govnews_settings.NEWS_PER_PAGE)
        news_page: PaginatorPage = paginator.get_page(request.GET.get("page"))
        context.update(
            news_page=news_page,
            selected_category=category,
            selected_category_slug=request.GET.get("category", ""),
            selected_tag=tag,
            search_query=query,
            categories=NewsCategory.objects.filter(locale_id=self.locale_id),
        )
        return context

    def _selected_category(self, request: HttpRequest) -> NewsCategory | None:
        slug = request.GET.get("category", "").strip()
        if not slug or "\x00" in slug:  # PostgreSQL refuses to compare text with NUL
            return None
        return NewsCategory.objects.filter(slug=slug, locale_id=self.locale_id).first()


class NewsTag(TagBase):
    """A free-form news tag with an ASCII slug ("tiêm chủng" → "tiem-chung")."""

    free_tagging = True

    class Meta:
        verbose_name = _("news tag")
        verbose_name_plural = _("news tags")

    def slugify(self, tag: str, i: int | None = None) -> str:
        slug = ascii_slug(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug


class NewsPageTag(ItemBase):
    """Links a news article to one of its tags."""

    tag = models.ForeignKey(NewsTag, on_delete=models.CASCADE, related_name="tagged_items")
    content_object = ParentalKey(
        "wagtail_govnews.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPageRelatedNews(Orderable):
    """An article an editor picked for the "other news" box of another article."""

    page = ParentalKey(
        "wagtail_govnews.NewsPage", on_delete=models.CASCADE, related_name="related_news"
    )
    news = models.ForeignKey(
        "wagtail_govnews.NewsPage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("news", page_type="wagtail_govnews.NewsPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("other news item")
        verbose_name_plural = _("other news")


class NewsPage(AsciiSlugMixin, RoutablePageMixin, Page):
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
        super().save(*args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        prefetch_stream_images(self.body)  # one query for the images of every block type
        return super().get_context(request, *args, **kwargs)

    def search_text(self) -> str:
        """Title, lead, byline and body without diacritics: "thi nghiem" finds "thí nghiệm"."""
        body = self.body.stream_block.get_searchable_content(self.body)
        return fold_diacritics(" ".join([self.title, self.lead, self.author, *body]))

    def localized_categories(self) -> list[NewsCategory]:
        """The categories in this page's language (translations keep the source's categories)."""
        cached = getattr(self, "_localized_categories", None)
        if cached is None:
            localize_categories([self])
            cached = self._localized_categories
        return cached

    @property
    def display_date(self) -> datetime:
        """The dateline: the editor's date, else first publication, else now (for previews)."""
        return self.date or self.first_published_at or timezone.now()

    def other_news(
        self, limit: int | None = None, queryset: NewsPageQuerySet | None = None
    ) -> list[NewsPage]:
        """The "other news" box: live curated picks if any, else the latest of this section.

        Pass ``queryset`` to choose what is loaded with each article (e.g. prefetches).
        """
        if limit is None and queryset is None:
            # The template and the response cache ask for the default box: compute it once.
            if getattr(self, "_other_news", None) is None:
                self._other_news = self.other_news(govnews_settings.OTHER_NEWS_COUNT, None)
            return self._other_news
        limit = limit or govnews_settings.OTHER_NEWS_COUNT
        published = (NewsPage.objects.all() if queryset is None else queryset).published()
        if self.pk:
            published = published.exclude(pk=self.pk)
            # Iterate the relation (not values_list) so previews of unsaved picks work too.
            picked_ids = [link.news_id for link in self.related_news.all()][:limit]
            # Translations keep the source's picks: show each pick's version in this language.
            key_of = dict(
                Page.objects.filter(pk__in=picked_ids).values_list("pk", "translation_key")
            )
            keys = [str(key_of[pk]) for pk in picked_ids if pk in key_of]
            if keys:
                versions = published.filter(translation_key__in=keys, locale_id=self.locale_id)
                by_key = {str(page.translation_key): page for page in versions}
                curated = [by_key[key] for key in keys if key in by_key]
                if curated:
                    return curated
        if not self.path or self.depth is None:
            return []
        return list(published.sibling_of(self, inclusive=False).newest_first()[:limit])

    # Previews: the site's own template (default) or the headless frontend.

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        """The default preview, plus "Headless frontend" when the site has a frontend URL."""
        modes = list(super().preview_modes)
        if self.headless_preview_url():
            modes.append(("headless", _("Headless frontend")))
        return modes

    def headless_preview_url(self) -> str:
        """The ``frontend_preview_url`` setting of this article's site ("" when not set)."""
        from wagtail.models import Site

        from .site_settings import GovNewsSettings

        site = self.get_site() or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return ""
        return GovNewsSettings.for_site(site).frontend_preview_url

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        """Render the preview, or send the editor to the headless frontend with a token.

        Without a frontend address (e.g. removed while an editor had the mode selected), the
        headless mode falls back to the default preview, as Wagtail does for unknown modes.
        """
        url_template = self.headless_preview_url() if mode_name == "headless" else ""
        if not url_template:
            return super().serve_preview(request, mode_name)
        from django.http import HttpResponseRedirect
        from django.utils.html import format_html

        from ..api.preview import frontend_url, make_token

        if self.pk is None:
            # The API describes an article by its id, QR and translations: a page that was
            # never saved has none of them yet.
            return HttpResponse(
                format_html(
                    "<!DOCTYPE html><title>{}</title><p>{}</p>",
                    _("Headless frontend"),
                    _("Save a draft first to preview this article on the headless frontend."),
                )
            )
        return HttpResponseRedirect(frontend_url(url_template, make_token(self)))

    # Extra routes: the print view and the PDF download.

    @path("")
    def article(self, request: HttpRequest) -> HttpResponse:
        """The article page; anonymous readers get it from the response cache when warm."""
        if self.live:
            count_view(request, self.pk)  # a cache increment, no database write
        if not response_cache.cacheable_request(request):
            return self.render(request)
        state, _modified = response_cache.content_state()
        key = response_cache.response_key(request, "article", state)
        return response_cache.cached_response(request, key, lambda: self._render_public(request))

    def _render_public(self, request: HttpRequest) -> HttpResponse:
        """Render for the cache, which keeps it until the article or its other news expire.

        Wagtail checks view restrictions before ``serve``: a reader without a session who got
        here may see the page, so anyone may (``cacheable_request`` requires no session).
        """
        response = self.render(request)
        response.render()
        for page in [self, *self.other_news()]:
            response_cache.note_expiry(request, page.expire_at)
        return response

    @path("print/", name="print")
    def print_view(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, template="wagtail_govnews/news_page_print.html")

    @path("pdf/", name="pdf")
    def pdf_view(self, request: HttpRequest) -> HttpResponse:
        """The article as a PDF download ("save" in Decree 42/2022/NĐ-CP)."""
        from ..pdf import article_pdf  # fpdf2 is loaded only when a PDF is asked for

        response = HttpResponse(article_pdf(self, request), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{self.slug}.pdf"
        )
        response["X-Robots-Tag"] = "noindex"
        return response


def localize_categories(pages: Iterable[NewsPage]) -> None:
    """Map each page's categories to its own locale, in one query for all ``pages``.

    wagtail-localize copies the categories of a translated article unchanged, so they point at
    the source language's categories; a category's translation shares its ``translation_key``.
    """
    pages = list(pages)
    categories = {page.pk: list(page.categories.all()) for page in pages}
    wanted = {
        (category.translation_key, page.locale_id)
        for page in pages
        for category in categories[page.pk]
        if category.locale_id != page.locale_id
    }
    translated = {}
    if wanted:
        candidates = NewsCategory.objects.filter(
            translation_key__in={key for key, _ in wanted},
            locale_id__in={locale for _, locale in wanted},
        )
        translated = {(c.translation_key, c.locale_id): c for c in candidates}
    for page in pages:
        page._localized_categories = [
            translated.get((category.translation_key, page.locale_id), category)
            for category in categories[page.pk]
        ]
