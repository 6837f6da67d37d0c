"""The "News" admin area: every article of every section in one filterable listing.

Built on Wagtail's :class:`~wagtail.admin.viewsets.pages.PageListingViewSet`, so search,
ordering, bulk actions (publish, unpublish, move, delete) and CSV/XLSX export come with it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.filters import (
    CharFilter,
    ChoiceFilter,
    DateFromToRangeFilter,
    ModelMultipleChoiceFilter,
)
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import NewsCategory, NewsIndexPage, NewsPage

STATUS_CHOICES = [
    ("live", _("Published")),
    ("draft", _("Draft (never published)")),
    ("changed", _("Published, with unpublished changes")),
    ("scheduled", _("Scheduled")),
    ("expired", _("Expired")),
    ("archived", _("Archived / outdated")),
]


class SectionFilter(ModelMultipleChoiceFilter):
    """Articles directly under the chosen news sections."""

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


class NewsFilterSet(PageFilterSet):
    """Filters of the News listing: section, category, author, status and dateline range."""

    section = SectionFilter(
        label=_("Section"),
        queryset=NewsIndexPage.objects.order_by("path"),
        widget=CheckboxSelectMultiple,
    )
    category = ModelMultipleChoiceFilter(
        label=_("Category"),
        field_name="categories",
        queryset=NewsCategory.objects.select_related("locale").order_by("name"),
        widget=CheckboxSelectMultiple,
        distinct=True,
    )
    author = CharFilter(label=_("Author"), field_name="author", lookup_expr="icontains")
    status = StatusFilter(
        label=_("Status"), choices=STATUS_CHOICES, empty_label=_("Any"), widget=RadioSelect
    )
    date = DateFromToRangeFilter(label=_("Dateline"), widget=DateRangePickerWidget)

    class Meta:
        model = NewsPage
        fields: list[str] = []


class NewsListingView(IndexView):
    """The listing with the dateline and byline added to Wagtail's page columns."""

    base_columns = [
        *IndexView.base_columns[:3],
        DateColumn("date", label=_("Dateline"), sort_key="date", width="12%"),
        Column("author", label=_("Author"), sort_key="author", width="12%"),
        *IndexView.base_columns[3:],
    ]
    default_ordering = "-date"


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
