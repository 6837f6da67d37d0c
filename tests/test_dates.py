"""Datelines: Vietnamese portal style, English, Django's format for other languages."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.utils import translation
from django.utils.formats import date_format

from wagtail_govnews.dates import format_dateline, iso_datetime

VI_WEEK = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
EN_WEEK = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# 2022-12-26 is a Monday, 2023-01-01 a Sunday.
WEEK = [datetime(2022, 12, 26, 8, 5) + timedelta(days=i) for i in range(7)]


@pytest.mark.parametrize(("value", "weekday"), list(zip(WEEK, VI_WEEK, strict=True)))
def test_vietnamese_weekdays(value, weekday):
    assert format_dateline(value, "vi") == f"{weekday}, {value:%d/%m/%Y} 08:05"


@pytest.mark.parametrize(("value", "weekday"), list(zip(WEEK, EN_WEEK, strict=True)))
def test_english_weekdays(value, weekday):
    month = "December" if value.month == 12 else "January"
    assert format_dateline(value, "en") == f"{weekday}, {value.day} {month} {value.year}, 08:05"


def test_exact_example_from_utc():
    value = datetime(2022, 12, 29, 10, 5, tzinfo=UTC)
    assert format_dateline(value, "vi") == "Thứ Năm, 29/12/2022 17:05"
    assert format_dateline(value, "vi-VN") == "Thứ Năm, 29/12/2022 17:05"
    assert format_dateline(value, "en-GB") == "Thursday, 29 December 2022, 17:05"


def test_time_zone_conversion_crosses_midnight():
    value = datetime(2022, 12, 31, 20, 0, tzinfo=UTC)  # 03:00 on 1 January in Hanoi
    assert format_dateline(value, "vi") == "Chủ Nhật, 01/01/2023 03:00"


def test_active_language_is_the_default():
    value = datetime(2022, 12, 29, 17, 5)
    with translation.override("vi"):
        assert format_dateline(value) == "Thứ Năm, 29/12/2022 17:05"
    with translation.override("en"):
        assert format_dateline(value) == "Thursday, 29 December 2022, 17:05"


def test_english_names_do_not_depend_on_active_translation():
    with translation.override("vi"):
        assert format_dateline(datetime(2023, 1, 1, 9, 30), "en") == "Sunday, 1 January 2023, 09:30"


def test_date_without_time():
    assert format_dateline(date(2022, 12, 29), "vi") == "Thứ Năm, 29/12/2022"
    assert format_dateline(date(2022, 12, 29), "en") == "Thursday, 29 December 2022"
    assert format_dateline(date(2022, 12, 29), "fr") == "jeudi, 29 décembre 2022"


def test_naive_datetime_used_as_is():
    assert format_dateline(datetime(2022, 12, 29, 10, 5), "vi") == "Thứ Năm, 29/12/2022 10:05"


@pytest.mark.parametrize("bad", ["2022-12-29", None, 1672308300])
def test_type_error(bad):
    with pytest.raises(TypeError, match="datetime"):
        format_dateline(bad, "vi")
    with pytest.raises(TypeError, match="datetime"):
        iso_datetime(bad)


def test_other_language_uses_django_format():
    value = datetime(2022, 12, 29, 10, 5, tzinfo=UTC)
    assert format_dateline(value, "fr") == "jeudi, 29 décembre 2022, 17:05"
    with translation.override("de"):
        expected = date_format(datetime(2022, 12, 29, 17, 5), "l, j F Y, H:i")
    assert format_dateline(value, "de") == expected == "Donnerstag, 29 Dezember 2022, 17:05"


def test_unknown_language_falls_back_gracefully():
    result = format_dateline(datetime(2022, 12, 29, 17, 5), "xx-unknown")
    assert "29" in result and "2022" in result and "17:05" in result


def test_iso_datetime():
    aware = datetime(2022, 12, 29, 10, 5, tzinfo=UTC)
    assert iso_datetime(aware) == "2022-12-29T17:05:00+07:00"
    assert iso_datetime(datetime(2022, 12, 29, 17, 5)) == "2022-12-29T17:05:00+07:00"
    other = datetime(2022, 12, 29, 12, 5, tzinfo=timezone(timedelta(hours=2)))
    assert iso_datetime(other) == "2022-12-29T17:05:00+07:00"
    assert iso_datetime(date(2022, 12, 29)) == "2022-12-29"
