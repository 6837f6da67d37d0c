"""Path converters of the package's URLs (``wagtail_govnews.urls``)."""

from __future__ import annotations


class RowIdConverter:
    """A database id in a path: 1 to 18 digits, so that it always fits a 64-bit column.

    Django's ``int`` converter takes any number of digits; an id of 2^63 or more then makes
    the database fail (a 500). With this converter such a path is simply not found (404).
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(int(value))
