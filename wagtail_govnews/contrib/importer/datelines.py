"""Reading datelines as old portals write them: ISO 8601, RFC 822 (feeds) and Vietnamese.

"Thứ Năm, 29/12/2022 17:05", "17:05 29/12/2022", "29-12-2022 - 17h05" and
"2022-12-29T17:05:00+07:00" all give an aware ``datetime``; a dateline without a time zone is
read in the site's (``TIME_ZONE``) or the given one.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from email.utils import parsedate_to_datetime

from django.utils import timezone

_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_TIME = re.compile(r"(?<!\d)(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})(?:\s*:\s*(\d{2}))?(?!\d)", re.I)
_PM = re.compile(r"\b(pm|chiều|tối)\b", re.I)


def parse_dateline(text: str | None, tz: tzinfo | None = None) -> datetime | None:
    """The moment a dateline names, aware; ``None`` when ``text`` holds no date."""
    text = (text or "").strip()
    if not text:
        return None
    value = _iso(text) or _rfc822(text) or _written(text)
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value, tz or timezone.get_default_timezone())
    return value


def _iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _rfc822(text: str) -> datetime | None:
    if not re.search(r"[A-Za-z]{3},? \d", text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _written(text: str) -> datetime | None:
    """Day/month/year as Vietnamese portals write it, with an optional time before or after."""
    match = _DATE.search(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.search(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    rest = text[: match.start()] + " " + text[match.end() :]
    hour = minute = second = 0
    if clock := _TIME.search(rest):
        hour, minute = int(clock.group(1)), int(clock.group(2))
        second = int(clock.group(3) or 0)
        if hour < 12 and _PM.search(rest):
            hour += 12
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
