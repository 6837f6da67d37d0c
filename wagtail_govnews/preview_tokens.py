"""Signed, expiring tokens that let a headless frontend render a draft (unsaved edits included).

When an editor picks the "Headless frontend" preview mode, :func:`make_token` serialises the
page being previewed (as built from the edit form, so it may hold unsaved changes) with
``serializable_data()``, stores it in the default cache under a random id for
``PREVIEW_MAX_AGE`` seconds and returns the id signed with a timestamp. The API's preview
endpoint reads it back with :func:`read_token`, which checks the signature and its age.

The token is a bearer credential: whoever holds it can read that one draft until it expires.
Nothing else is readable with it, and it cannot be forged without ``SECRET_KEY``.
Services layer: no models, no HTTP; problems are :class:`PreviewTokenError` subclasses.
"""

from __future__ import annotations

import json
import secrets
from typing import Any
from urllib.parse import quote

from django.core import signing
from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder

from .conf import govnews_settings

SALT = "wagtail_govnews.preview"
CACHE_ALIAS = "default"
CACHE_PREFIX = "wagtail_govnews:preview:"
#: Keep the data a little longer than the token lives, so a token is refused as expired
#: rather than as missing when both run out at about the same time.
CACHE_GRACE = 60


class PreviewTokenError(Exception):
    """A preview token that cannot be used."""


class MissingToken(PreviewTokenError):
    """No token was given."""


class ExpiredToken(PreviewTokenError):
    """The token is older than ``PREVIEW_MAX_AGE``."""


class InvalidToken(PreviewTokenError):
    """The token's signature does not match: forged or damaged."""


class PreviewGone(PreviewTokenError):
    """The token is valid but its draft is no longer stored."""


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def _cache_key(preview_id: str) -> str:
    return CACHE_PREFIX + preview_id


def make_token(page: Any) -> str:
    """Store ``page`` (a page instance, saved or not) as it is now and return a token for it."""
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
    """The preview id a token carries (:class:`PreviewTokenError` if missing, forged, expired)."""
    if not token:
        raise MissingToken
    try:
        return _signer().unsign(token, max_age=govnews_settings.PREVIEW_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except signing.BadSignature as error:
        raise InvalidToken from error


def read_token(token: str | None, model_label: str) -> dict[str, Any]:
    """The serialised data of the ``model_label`` page a token stands for."""
    payload = caches[CACHE_ALIAS].get(_cache_key(preview_id_for_token(token)))
    if not isinstance(payload, dict) or payload.get("model") != model_label:
        raise PreviewGone
    return json.loads(payload["data"])


def discard(token: str) -> None:
    """Forget the data of a (valid) token before it expires."""
    caches[CACHE_ALIAS].delete(_cache_key(preview_id_for_token(token)))


def frontend_url(template: str, token: str) -> str:
    """``template`` with ``{token}`` replaced by the URL-encoded token."""
    return template.replace("{token}", quote(token, safe=""))
