"""Short-lived signed view tokens: what a view beacon must carry to be counted.

A token is an HMAC (keyed by ``SECRET_KEY``) over an article's id and a five-minute time
bucket, handed out only with a published article (the API detail and ``GET .../views/``).
It proves the beacon's sender read the article from this site recently; a page on another
site cannot read one (CORS) and so cannot make its visitors' browsers vote.
"""

from __future__ import annotations

import time

from django.utils.crypto import constant_time_compare, salted_hmac

from .conf import govnews_settings

#: Length of a time bucket; a token stays valid ``VIEW_TOKEN_MAX_AGE`` (+ at most this).
BUCKET_SECONDS = 300
_KEY_SALT = "wagtail_govnews.view_token"
_MAX_LENGTH = 64


def _bucket(now: float | None) -> int:
    return int((time.time() if now is None else now) // BUCKET_SECONDS)


def _signature(page_id: int, bucket: int) -> str:
    return salted_hmac(_KEY_SALT, f"{page_id}:{bucket}", algorithm="sha256").hexdigest()[:32]


def make_view_token(page_id: int, now: float | None = None) -> str:
    """A token for counting one view of article ``page_id``, valid from ``now``."""
    bucket = _bucket(now)
    return f"{bucket:x}.{_signature(page_id, bucket)}"


def token_epoch() -> str:
    """A token that changes every half ``VIEW_TOKEN_MAX_AGE``: responses carrying a view
    token add it to their ``ETag`` and cache key, so no cache keeps revalidating (304) or
    serving a body whose token has expired."""
    period = max(govnews_settings.VIEW_TOKEN_MAX_AGE // 2, BUCKET_SECONDS)
    return str(int(time.time() // period))


def check_view_token(page_id: int, token: str, now: float | None = None) -> bool:
    """Whether ``token`` was made for ``page_id`` and has not expired (nor comes from later)."""
    bucket_hex, _dot, signature = token.partition(".")
    if len(token) > _MAX_LENGTH or not signature:
        return False
    try:
        bucket = int(bucket_hex, 16)
    except ValueError:
        return False
    age = _bucket(now) - bucket
    if not 0 <= age <= govnews_settings.VIEW_TOKEN_MAX_AGE // BUCKET_SECONDS:
        return False
    return constant_time_compare(signature, _signature(page_id, bucket))
