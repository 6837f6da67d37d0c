"""The importer in the News area: an "Imported" filter, and each imported article's origin
shown in its edit form (through the core's extension points, :mod:`wagtail_govnews.extensions`).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.forms import RadioSelect
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext_lazy as _
from django_filters.filters import ChoiceFilter
from wagtail import hooks

from wagtail_govnews.extensions import FILTERS_HOOK, ORIGIN_HOOK

from .models import ImportedArticle


class ImportedFilter(ChoiceFilter):
    """Articles brought in by an import, or written in Wagtail."""

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        records = Exists(ImportedArticle.objects.filter(page_id=OuterRef("pk")))
        if value == "yes":
            return qs.filter(records)
        if value == "no":
            return qs.exclude(records)
        return qs


@hooks.register(FILTERS_HOOK)
def imported_filter() -> dict[str, ImportedFilter]:
    """The News listing's "Imported" filter."""
    choices = [("yes", _("Imported")), ("no", _("Written here"))]
    return {
        "imported": ImportedFilter(
            label=_("Origin"), choices=choices, empty_label=_("Any"), widget=RadioSelect
        )
    }


@hooks.register(ORIGIN_HOOK)
def import_origin(page) -> list[tuple[str, str]]:
    """The original address, the source it was imported from, and when."""
    record = ImportedArticle.objects.filter(page_id=page.pk).first()
    if record is None:
        return []
    when = format_date(timezone.localtime(record.updated_at), "d/m/Y H:i")
    return [
        (_("Imported from"), record.original_url),
        (_("Import source"), record.source),
        (_("Last imported"), when),
    ]
