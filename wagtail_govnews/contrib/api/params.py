"""Query and path parameters of the API: strict parsing, clear 400s, a schema that says so.

Some bounds depend on settings (``API_MAX_LIMIT``, the site's languages); they are written
into the OpenAPI document when it is built, so the document always states the bounds in force.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import P, Path, Query, Schema
from ninja.errors import HttpError
from pydantic import AfterValidator, BeforeValidator, Field
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale

from wagtail_govnews.conf import govnews_settings

#: Largest page id or offset accepted: Wagtail page ids are 32-bit integers in every database.
MAX_INT = 2**31 - 1

#: A JSON Schema pattern for text without NUL characters, which no database text column can hold.
NO_NUL_PATTERN = "^[^\\u0000]*$"

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

PageId = Path[int, P(ge=1, le=MAX_INT, description="Id of a published article.")]
ViewTokenParam = Query[
    str,
    P(
        min_length=1,
        max_length=64,
        description="A view token of the article: the detail's view_token, or GET this URL.",
    ),
]


def refuse_nul(value: str) -> str:
    """Refuse NUL characters, which no database text column can hold."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def site_languages() -> list[str]:
    """The language codes of the site's content (``WAGTAIL_CONTENT_LANGUAGES``), in order."""
    return list(get_content_languages())


def _known_language(value: str) -> str:
    languages = site_languages()
    if value not in languages:
        raise ValueError(f"must be one of the site's languages: {', '.join(languages)}")
    return value


def _iso_date_text(value: Any) -> Any:
    # pydantic alone also reads "1893456000" as a Unix time; the API takes calendar days only.
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("must be a date written YYYY-MM-DD, e.g. 2024-05-01")
    return value


#: Text without NUL characters (400 otherwise).
Text = Annotated[
    str, AfterValidator(refuse_nul), Field(json_schema_extra={"pattern": NO_NUL_PATTERN})
]

#: One of the site's language codes (400 otherwise); the OpenAPI document lists them.
LanguageCode = Annotated[
    str,
    AfterValidator(_known_language),
    Field(json_schema_extra=lambda schema: schema.update(enum=site_languages())),
]

#: A calendar day written ``YYYY-MM-DD`` (``format: date``); anything else, numbers too, is a 400.
IsoDate = Annotated[date, BeforeValidator(_iso_date_text)]

#: A page size from 1; the OpenAPI document states ``API_MAX_LIMIT`` as its maximum.
PageSize = Annotated[
    int,
    Field(
        ge=1,
        json_schema_extra=lambda schema: schema.update(maximum=govnews_settings.API_MAX_LIMIT),
    ),
]


class MostReadParams(Schema):
    """Parameters of ``GET /news/most-read/``."""

    locale: LanguageCode | None = Field(None, description='Language code, e.g. "vi" or "en".')
    days: int | None = Field(
        None, ge=1, le=366, description="Days counted back from today (default 7)."
    )
    limit: int | None = Field(None, ge=1, le=50, description="Items (default 5).")


class SocialParams(Schema):
    """Parameters of ``GET /social/``."""

    locale: LanguageCode | None = Field(
        None,
        description='Language code, e.g. "vi" or "en": the portal name and the accounts shown '
        "on pages in that language (default: the site's default language).",
    )


def reject_unknown_params(request: HttpRequest, allowed: set[str]) -> None:
    """Answer 400 when the query string has a parameter the endpoint does not know."""
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise HttpError(
            400,
            _("Unknown query parameter(s): %(unknown)s. Allowed: %(allowed)s.")
            % {"unknown": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))},
        )


def locale_of(language_code: str) -> Locale | None:
    """The locale of one of the site's languages; ``None`` while it has no pages yet."""
    return Locale.objects.filter(language_code=language_code).first()
