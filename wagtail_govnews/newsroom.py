"""The "News" admin area: every article of every section in one filterable listing.

Built on Wagtail's :class:`~wagtail.admin.viewsets.pages.PageListingViewSet`, so search,
ordering, bulk actions (publish, unpublish, move, delete) and CSV/XLSX export come with it.
Unlike Wagtail's page listings it names the parent column "Section" and shows the dateline
and the last update as dates (``05/12/2026 08:17``), not as "20 hours ago".

It stays fast on a large archive (docs/reference/performance.md, "The News area"): its search
reads the articles' folded search text (:meth:`.NewsPageQuerySet.matching`, a full-text index
on PostgreSQL, up to date as soon as an article is saved) instead of Wagtail's search index,
the category filter is a subquery rather than a join made distinct, the count reads the
articles' table without the listing's annotations (and their join), the "Owner" and "Edited
by" choices are found by index look-ups, superusers' listings skip the permission subquery, and
wagtail-localize's row buttons and the "Headless frontend" preview mode are worked out for the
whole page of results at once rather than row by row.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters.filters import (
    CharFilter,
    ChoiceFilter,
    DateFromToRangeFilter,
    ModelMultipleChoiceFilter,
)
from wagtail.admin.filters import DateRangePickerWidget, MultipleUserFilter
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import ParentPageColumn
from wagtail.admin.views.pages.listing import EditedByFilter, IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page, PageLogEntry, PagePermissionTester

from . import extensions, newsroom_translation
from .models import NewsCategory, NewsIndexPage, NewsPage
from .models.headless_preview import prime_headless_preview_urls
from .search_text import query_words, search_vector

#: How the News listing shows datelines and updates, in the editor's time zone.
ADMIN_DATETIME_FORMAT = "d/m/Y H:i"

STATUS_CHOICES = [
    ("live", _("Published")),
    ("draft", _("Draft (never published)")),
    ("changed", _("Published, with unpublished changes")),
    ("scheduled", _("Scheduled")),
    ("expired", _("Expired")),
    ("archived", _("Archived / outdated")),
]


class SectionFilter(ModelMultipleChoiceFilter):
    """Articles directly under the chosen news sections.

    Not made distinct (``distinct=False``, unlike django-filter's default): a filter on the
    article's own path, without a join, finds each article once, and a DISTINCT over every
    listed column and annotation made PostgreSQL sort a whole section to count it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    def get_filter_predicate(self, v: NewsIndexPage) -> dict[str, Any]:
        return {"path__startswith": v.path, "depth": v.depth + 1}


class StatusFilter(ChoiceFilter):
    """Where an article is in its life: draft, live, scheduled, expired, archived."""

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        now = timezone.now()
        conditions = {
            "live": Q(live=True),
            "draft": Q(live=False, first_published_at__isnull=True),
            "changed": Q(live=True, has_unpublished_changes=True),
            "scheduled": Q(latest_revision__approved_go_live_at__isnull=False)
            | Q(go_live_at__gt=now, live=False),
            "expired": Q(expired=True) | Q(expire_at__lte=now),
            "archived": Q(is_archived=True),
        }
        return qs.filter(conditions[value]) if value in conditions else qs


class CategoryFilter(ModelMultipleChoiceFilter):
    """Articles filed under any of the chosen categories.

    A ``pk IN (subquery)`` of the categories' link table: no join to make distinct, so the
    database can count the matches and read the newest 50 along the dateline index.
    """

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if not value:
            return qs
        field = NewsPage._meta.get_field("categories")
        links = field.remote_field.through.objects.filter(
            **{f"{field.m2m_reverse_field_name()}__in": value}
        )
        return qs.filter(pk__in=links.values(field.m2m_field_name()))


def _page_owners(request: Any) -> QuerySet:
    """Users owning a page: one index look-up per user, not a DISTINCT over every page."""
    return get_user_model().objects.filter(Exists(Page.objects.filter(owner=OuterRef("pk"))))


def _page_editors(request: Any) -> QuerySet:
    """Users who edited a page (as Wagtail's "Edited by" filter), found by index look-ups."""
    edits = PageLogEntry.objects.filter(action="wagtail.edit", user_id=OuterRef("pk"))
    return get_user_model().objects.filter(Exists(edits))


class NewsFilterSet(extensions.HookedFilters, PageFilterSet):
    """Filters of the News listing: section, category, author, status, dateline, sub-apps'."""

    section = SectionFilter(
        label=_("Section"),
        queryset=NewsIndexPage.objects.order_by("path"),
        widget=CheckboxSelectMultiple,
    )
    category = CategoryFilter(
        label=_("Category"),
        queryset=NewsCategory.objects.select_related("locale").order_by("name"),
        widget=CheckboxSelectMultiple,
    )
    author = CharFilter(label=_("Author"), field_name="author", lookup_expr="icontains")
    status = StatusFilter(
        label=_("Status"), choices=STATUS_CHOICES, empty_label=_("Any"), widget=RadioSelect
    )
    date = DateFromToRangeFilter(label=_("Dateline"), widget=DateRangePickerWidget)
    # Wagtail's own, with choices that do not read every page or log entry.
    owner = MultipleUserFilter(
        label=_("Owner"), queryset=_page_owners, widget=CheckboxSelectMultiple
    )
    edited_by = EditedByFilter(
        label=_("Edited by"), queryset=_page_editors, widget=CheckboxSelectMultiple
    )

    class Meta:
        model = NewsPage
        fields: list[str] = []


class DateTimeColumn(Column):
    """A date and time as a newsroom writes it (``05/12/2026 08:17``), in the local time zone."""

    cell_template_name = "wagtail_govnews/admin/datetime_cell.html"

    def get_cell_context_data(self, instance: Any, parent_context: dict) -> dict:
        context = super().get_cell_context_data(instance, parent_context)
        value = context["value"]
        # A no-break space keeps the date and the time on one line in a narrow column.
        text = format_date(timezone.localtime(value), ADMIN_DATETIME_FORMAT) if value else ""
        context["text"] = text.replace(" ", "\N{NO-BREAK SPACE}")
        return context


def _news_columns() -> list[Column]:
    """Wagtail's page columns with "Section" for "Parent", the dateline, byline and dates."""
    columns = []
    for column in IndexView.base_columns:
        if isinstance(column, ParentPageColumn):
            column = ParentPageColumn("parent", label=_("Section"))
        elif column.name == "latest_revision_created_at":
            column = DateTimeColumn(
                column.name, label=column.label, sort_key=column.sort_key, width="12%"
            )
        columns.append(column)
        if column.name == "parent":
            columns += [
                DateTimeColumn("date", label=_("Dateline"), sort_key="date", width="12%"),
                Column("author", label=_("Author"), sort_key="author", width="12%"),
            ]
    return columns


class ListedArticlePermissionTester(PagePermissionTester):
    """Wagtail's permission tester, knowing that a listed article without children is all
    there is to delete: whether it may be deleted needs no query for its live descendants.

    Used only to show the listing's buttons; the delete view checks again with Wagtail's own.
    """

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if self.page.numchild or not self.user.is_active or self.user.is_superuser:
            return super().can_delete(ignore_bulk)
        if "change" in self.permissions:  # the page alone is "the page and its descendants"
            return "publish" in self.permissions or not self.page.live
        if "add" in self.permissions:
            owned = self.page.owner_id == self.user.pk
            return owned if "publish" in self.permissions else owned and not self.page.live
        return False


def search_news(queryset: QuerySet, query: str) -> QuerySet:
    """Articles holding every word of ``query``, with or without diacritics, the last word
    possibly cut short ("xe bu" finds "xe buýt").

    Reads the articles' folded search text (:mod:`wagtail_govnews.search_text`), which
    ``NewsPage.save()`` keeps up to date: through its full-text (GIN) index on PostgreSQL, by
    ``LIKE`` elsewhere. A query without words matches nothing.
    """
    words = query_words(query)
    if not words:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        # Words are letters and digits only (query_words), safe in a raw tsquery.
        terms = [*words[:-1], f"{words[-1]}:*"]
        return queryset.alias(search_document=search_vector()).filter(
            search_document=SearchQuery(" & ".join(terms), config="simple", search_type="raw")
        )
    for word in words[:-1]:
        queryset = queryset.filter(search_folded__contains=f" {word} ")
    return queryset.filter(search_folded__contains=f" {words[-1]}")


class NewsPaginator(WagtailPaginator):
    """Wagtail's paginator, counting ``count_queryset`` (the same rows) when given one."""

    def __init__(self, *args: Any, count_queryset: QuerySet | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.count_queryset = count_queryset

    @cached_property
    def count(self) -> int:
        if self.count_queryset is None:
            return super().count
        return self.count_queryset.count()


class NewsListingView(IndexView):
    """The listing with the section, dateline and byline among Wagtail's page columns."""

    base_columns = _news_columns()
    default_ordering = "-date"
    paginator_class = NewsPaginator
    # The "Download CSV / XLSX" buttons: one row per article of the filtered listing.
    list_export = [
        "title",
        "date",
        "author",
        "status_string",
        "first_published_at",
        "full_url",
    ]
    export_headings = {
        "title": _("Title"),
        "date": _("Dateline"),
        "author": _("Author"),
        "status_string": _("Status"),
        "first_published_at": _("First published"),
        "full_url": _("URL"),
    }
    export_filename = "news"

    def _explorable(self, pages: QuerySet) -> QuerySet:
        """The pages of ``pages`` the user may explore, as Wagtail's listing has them, except
        that superusers (who may explore every page) get no subquery that reads every page."""
        user = self.request.user
        if user.is_active and user.is_superuser:
            return pages
        if not self.is_searching or getattr(
            settings, "WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS", True
        ):
            explorable = self.permission_policy.explorable_instances(user)
            pages = pages.filter(pk__in=explorable.values_list("pk", flat=True))
        return pages

    def get_base_queryset(self) -> QuerySet:
        return self.annotate_queryset(self._explorable(self.model.objects.filter(depth__gt=1)))

    @cached_property
    def count_queryset(self) -> QuerySet:
        """The listed articles without the listing's annotations, which join Wagtail's page
        table: what the paginator counts (articles are never the root, so the listing's
        ``depth > 1`` is left out too)."""
        articles = self._explorable(self.model.objects.all())
        return self.search_queryset(self.filter_queryset(articles))

    def get_paginator(self, *args: Any, **kwargs: Any) -> Paginator:
        return super().get_paginator(*args, count_queryset=self.count_queryset, **kwargs)

    def get_ordering(self) -> str | None:
        """Searches list the newest articles first too (there is no relevance to order by)."""
        ordering = self.request.GET.get("ordering", self.default_ordering)
        return ordering if ordering in self.get_valid_orderings() else self.default_ordering

    def order_queryset(self, queryset: QuerySet) -> QuerySet:
        if self.is_searching and not self.is_explicitly_ordered:
            return queryset.order_by("-date", "-pk")
        return super().order_queryset(queryset)

    def search_queryset(self, queryset: QuerySet) -> QuerySet:
        """The articles' own search text instead of Wagtail's search index."""
        return search_news(queryset, self.search_query) if self.is_searching else queryset

    def paginate_queryset(self, queryset: QuerySet, page_size: int) -> tuple:
        """Wagtail's; on PostgreSQL a search's count is planned for the full-text index.

        With PostgreSQL's default ``random_page_cost`` (4, for spinning disks) the planner
        counts a common word's matches by reading every article's stored search text (about
        300 ms at 100,000 articles) rather than through the GIN index (about 40 ms): for this
        one count, the cost is set to the value usual for SSDs, in a transaction of its own.
        """
        db = queryset.db
        if not self.is_searching or connections[db].vendor != "postgresql":
            return super().paginate_queryset(queryset, page_size)
        with transaction.atomic(using=db), connections[db].cursor() as cursor:
            cursor.execute("SET LOCAL random_page_cost = 1.1")
            return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        pages = context["object_list"]
        newsroom_translation.prepare_buttons(pages, self.request.user)
        prime_headless_preview_urls(pages, self.request)
        for page in pages:  # the row buttons' permission checks, without a query per row
            page.permissions_for_user = partial(ListedArticlePermissionTester, page=page)
        return context


class NewsListingViewSet(PageListingViewSet):
    """Admin menu item "News": all articles of every section, filterable."""

    model = NewsPage
    index_view_class = NewsListingView
    filterset_class = NewsFilterSet
    icon = "doc-full-inverse"
    menu_label = _("News")
    menu_order = 150
    add_to_admin_menu = True
    name = "govnews_news"


news_listing_viewset = NewsListingViewSet("govnews_news")
