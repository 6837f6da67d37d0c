"""Signed, expiring tokens that let a headless frontend render a draft (unsaved edits included).

When an editor picks the "Headless frontend" preview mode, :func:`make_token` serialises the
page being previewed (as built from the edit form, so it may hold unsaved changes) with
``serializable_data()``, stores it in the default cache under a random id for
``PREVIEW_MAX_AGE`` seconds and returns the id signed with a timestamp. The frontend sends the
token to ``GET /api/govnews/preview/``, where :func:`page_for_token` checks the signature and
its age and rebuilds the page with ``from_serializable_data()``.

The token is a bearer credential: whoever holds it can read that one draft until it expires.
Nothing else is readable with it, and it cannot be forged without ``SECRET_KEY``.
"""

from __future__ import annotations

import json
import secrets
from urllib.parse import quote

from django.core import signing
from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from ..conf import govnews_settings
from ..models import NewsPage
from .errors import APIError

SALT = "wagtail_govnews.preview"
CACHE_ALIAS = "default"
CACHE_PREFIX = "wagtail_govnews:preview:"
#: Keep the data a little longer than the token lives, so a token is refused as expired
#: (401) rather than as missing (404) when both run out at about the same time.
CACHE_GRACE = 60


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def _cache_key(preview_id: str) -> str:
    return CACHE_PREFIX + preview_id


def make_token(page: NewsPage) -> str:
    """Store ``page`` as it is now (saved or not) and return a token for it."""
    preview_id = secrets.token_urlsafe(24)
    payload = {
        "model": page._meta.label_lower,
        # JSON like a revision's content, so the cache holds plain text, not pickled models.
        "data": json.dumps(page.serializable_data(), cls=DjangoJSONEncoder),
    }
    caches[CACHE_ALIAS].set(
        _cache_key(preview_id), payload, timeout=govnews_settings.PREVIEW_MAX_AGE + CACHE_GRACE
    )
    return _signer().sign(preview_id)


def preview_id_for_token(token: str | None) -> str:
    """The preview id a token carries, or a 401 problem if it is missing, forged or expired."""
    if not token:
        raise APIError(401, _("A preview token is required (?token=…)."))
    try:
        return _signer().unsign(token, max_age=govnews_settings.PREVIEW_MAX_AGE)
    except signing.SignatureExpired as error:
        raise APIError(
            401, _("This preview token has expired. Open the preview again from the admin.")
        ) from error
    except signing.BadSignature as error:
        raise APIError(401, _("This preview token is not valid.")) from error


def page_for_token(token: str | None) -> NewsPage:
    """The previewed page a token stands for (401 if the token is bad, 404 if the data is gone)."""
    preview_id = preview_id_for_token(token)
    payload = caches[CACHE_ALIAS].get(_cache_key(preview_id))
    if not isinstance(payload, dict) or payload.get("model") != NewsPage._meta.label_lower:
        raise APIError(
            404, _("This preview is no longer available. Open the preview again from the admin.")
        )
    return NewsPage.from_serializable_data(json.loads(payload["data"]))


def discard(token: str) -> None:
    """Forget the data of a (valid) token before it expires."""
    caches[CACHE_ALIAS].delete(_cache_key(preview_id_for_token(token)))


def frontend_url(template: str, token: str) -> str:
    """``template`` with ``{token}`` replaced by the URL-encoded token."""
    return template.replace("{token}", quote(token, safe=""))
