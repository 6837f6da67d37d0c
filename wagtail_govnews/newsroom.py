"""The "News" admin area: every article of every section in one filterable listing.

Built on Wagtail's :class:`~wagtail.admin.viewsets.pages.PageListingViewSet`, so search,
ordering, bulk actions (publish, unpublish, move, delete) and CSV/XLSX export come with it.
Unlike Wagtail's page listings it names the parent column "Section" and shows the dateline
and the last update as dates (``05/12/2026 08:17``), not as "20 hours ago".
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext_lazy as _
from django_filters.filters import (
    CharFilter,
    ChoiceFilter,
    DateFromToRangeFilter,
    ModelMultipleChoiceFilter,
)
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import ParentPageColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import NewsCategory, NewsIndexPage, NewsPage

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


class NewsListingView(IndexView):
    """The listing with the section, dateline and byline among Wagtail's page columns."""

    base_columns = _news_columns()
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
