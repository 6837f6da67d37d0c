"""The admin form of a news article: checks editors get a clear message for, not a 500."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .conf import govnews_settings


class NewsPageForm(WagtailAdminPageForm):
    """``NewsPage`` edit form: no far-future datelines, no undated or empty notices."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._check_dateline(cleaned.get("date"))
        self._check_notice(cleaned.get("notice", ""), cleaned.get("notice_date"))
        return cleaned

    def _check_dateline(self, value: Any) -> None:
        days = govnews_settings.DATELINE_MAX_FUTURE_DAYS
        if value and value > timezone.now() + timedelta(days=days):
            self.add_error(
                "date",
                ValidationError(
                    _(
                        "The dateline is more than %(days)d days in the future. Check the "
                        "year; to publish later, set a publishing schedule instead."
                    ),
                    params={"days": days},
                    code="far_future",
                ),
            )

    def _check_notice(self, text: str, date: Any) -> None:
        if text.strip() and not date:
            self.add_error(
                "notice_date", _("Give the date of the correction or update shown to readers.")
            )
        elif date and not text.strip():
            self.add_error("notice", _("Write the notice, or clear its date."))
