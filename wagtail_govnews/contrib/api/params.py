"""Query and path parameters of the API: strict parsing and clear 400s."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import P, Path, Query, Schema
from ninja.errors import HttpError
from pydantic import Field, field_validator
from wagtail.models import Locale

#: Largest page id or offset accepted: Wagtail page ids are 32-bit integers in every database.
MAX_INT = 2**31 - 1

PageId = Path[int, P(ge=1, le=MAX_INT, description="Id of a published article.")]
ViewTokenParam = Query[
    str,
    P(
        min_length=1,
        max_length=64,
        description="A view token of the article: the detail's view_token, or GET this URL.",
    ),
]


def refuse_nul(value: str | None) -> str | None:
    """Refuse NUL characters, which no database text column can hold."""
    if value and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


class MostReadParams(Schema):
    """Parameters of ``GET /news/most-read/``."""

    locale: str | None = Field(None, description='Language code, e.g. "vi" or "en".')
    days: int | None = Field(
        None, ge=1, le=366, description="Days counted back from today (default 7)."
    )
    limit: int | None = Field(None, ge=1, le=50, description="Items (default 5).")

    _no_nul = field_validator("locale")(refuse_nul)


def reject_unknown_params(request: HttpRequest, allowed: set[str]) -> None:
    """Answer 400 when the query string has a parameter the endpoint does not know."""
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise HttpError(
            400,
            _("Unknown query parameter(s): %(unknown)s. Allowed: %(allowed)s.")
            % {"unknown": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))},
        )


def locale_or_400(language_code: str) -> Locale:
    """The locale of ``language_code``, or 400 when the site has none."""
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        raise HttpError(400, _("Unknown locale: %(locale)s.") % {"locale": language_code})
    return locale
