"""Sign webhook bodies and verify signatures (HMAC-SHA256 over ``"{timestamp}.{body}"``).

Standard library only, so a Python receiver can use :func:`verify_signature` as it is.
The header looks like ``t=1767225600,v1=5257a869…``; several ``v1`` values may be sent
while a secret is being rotated.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-GovNews-Signature"
DEFAULT_TOLERANCE = 300  # seconds a signature stays acceptable to a receiver


def compute_signature(secret: str, timestamp: int, body: bytes) -> str:
    """Hex HMAC-SHA256 of ``"{timestamp}.{body}"`` keyed with ``secret``."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secrets: list[str], body: bytes, timestamp: int | None = None) -> str:
    """The value of :data:`SIGNATURE_HEADER` for ``body``: ``t=<unix time>,v1=<hex>,…``."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signatures = ",".join(f"v1={compute_signature(s, timestamp, body)}" for s in secrets)
    return f"t={timestamp},{signatures}"


def verify_signature(
    secret: str,
    body: bytes,
    header: str | None,
    tolerance: int = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> bool:
    """Whether ``header`` signs exactly ``body`` with ``secret`` within ``tolerance`` seconds.

    ``body`` must be the raw request body, byte for byte (not re-serialised JSON).
    Comparison is constant-time; a signature older or further in the future than
    ``tolerance`` fails, so a captured request cannot be replayed later.
    """
    if not header or not secret:
        return False
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        return False
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        return False
    expected = compute_signature(secret, timestamp, body)
    # Check every candidate (no early exit) so timing does not reveal which one matched.
    matches = [hmac.compare_digest(expected, candidate) for candidate in candidates]
    return any(matches)
