"""The draft a preview token stands for, with the API's problems (401, 404) for bad tokens.

Tokens are made and checked by :mod:`wagtail_govnews.preview_tokens`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja.errors import HttpError

from wagtail_govnews.models import NewsPage
from wagtail_govnews.preview_tokens import (
    ExpiredToken,
    InvalidToken,
    MissingToken,
    PreviewGone,
    read_token,
)


def page_for_token(token: str | None) -> NewsPage:
    """The previewed page a token stands for (401 if the token is bad, 404 if the data is gone)."""
    try:
        data = read_token(token, NewsPage._meta.label_lower)
    except MissingToken as error:
        raise HttpError(401, _("A preview token is required (?token=…).")) from error
    except ExpiredToken as error:
        raise HttpError(
            401, _("This preview token has expired. Open the preview again from the admin.")
        ) from error
    except InvalidToken as error:
        raise HttpError(401, _("This preview token is not valid.")) from error
    except PreviewGone as error:
        raise HttpError(
            404, _("This preview is no longer available. Open the preview again from the admin.")
        ) from error
    return NewsPage.from_serializable_data(data)
