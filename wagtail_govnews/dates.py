"""Datelines for news articles: how Vietnamese portals write dates, English, and Django's own.

Services layer: takes plain ``datetime``/``date`` values, no models.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format

#: Weekday names as Vietnamese news portals write them (Monday first; Django says "Thứ 5").
VI_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")

EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: Django date format used for languages without a hand-written dateline.
DEFAULT_DATETIME_FORMAT = "l, j F Y, H:i"
DEFAULT_DATE_FORMAT = "l, j F Y"


def _primary_subtag(language: str) -> str:
    """Return the primary language subtag: "vi-VN" / "vi_VN" → "vi"."""
    return language.replace("_", "-").split("-", 1)[0].lower()


def _local(value: date) -> date:
    """Convert an aware datetime to the current time zone; leave naive values and dates alone."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_dateline(value: datetime | date, language: str | None = None) -> str:
    """Return the localised dateline of a news article ("Thứ Năm, 29/12/2022 17:05")."""
    if not isinstance(value, date):
        raise TypeError(
            f"format_dateline() expects a datetime or date, not {type(value).__name__}."
        )
    value = _local(value)
    has_time = isinstance(value, datetime)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    primary = _primary_subtag(language)

    if primary == "vi":
        day = f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        text = f"{VI_WEEKDAYS[value.weekday()]}, {day}"
        return f"{text} {value.hour:02d}:{value.minute:02d}" if has_time else text
    if primary == "en":
        weekday, month = EN_WEEKDAYS[value.weekday()], EN_MONTHS[value.month - 1]
        text = f"{weekday}, {value.day} {month} {value.year}"
        return f"{text}, {value.hour:02d}:{value.minute:02d}" if has_time else text
    with translation.override(language):
        return date_format(value, DEFAULT_DATETIME_FORMAT if has_time else DEFAULT_DATE_FORMAT)


def iso_datetime(value: datetime | date) -> str:
    """Return ISO-8601 with a UTC offset, for APIs and ``<time datetime>`` (dates: YYYY-MM-DD)."""
    if not isinstance(value, date):
        raise TypeError(f"iso_datetime() expects a datetime or date, not {type(value).__name__}.")
    if not isinstance(value, datetime):
        return value.isoformat()
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).isoformat()
