"""The example project's media view (``DJANGO_SERVE_MEDIA=1``): Wagtail's image folders only,
with long-lived caching for renditions and no way out of ``MEDIA_ROOT``."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.http import Http404

from example_project.media import serve_media

RENDITION = "images/tin-1.fill-480x270.jpg"
ORIGINAL = "original_images/tin-1.jpg"
JPEG = b"\xff\xd8\xff\xe0 not a real photo, but bytes on disk"


@pytest.fixture
def uploads(settings, tmp_path: Path) -> None:
    """A rendition, an original and a document in a media folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for name in (RENDITION, ORIGINAL, "documents/bao-cao.pdf"):
        (settings.MEDIA_ROOT / name).parent.mkdir(parents=True, exist_ok=True)
        (settings.MEDIA_ROOT / name).write_bytes(JPEG)
    (tmp_path / "settings.py").write_text("SECRET_KEY = 'not to be served'\n")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_renditions_are_immutable_for_a_year(rf, uploads):
    response = serve_media(rf.get(f"/media/{RENDITION}"), RENDITION)
    assert response.status_code == 200 and body(response) == JPEG
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "sandbox" in response["Content-Security-Policy"]


def test_originals_are_cached_for_a_day_and_revalidate(rf, uploads):
    response = serve_media(rf.get(f"/media/{ORIGINAL}"), ORIGINAL)
    assert response["Cache-Control"] == "public, max-age=86400"
    revalidated = serve_media(
        rf.get(f"/media/{ORIGINAL}", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]), ORIGINAL
    )
    assert revalidated.status_code == 304


def test_only_get_and_head(rf, uploads):
    assert serve_media(rf.head(f"/media/{RENDITION}"), RENDITION).status_code == 200
    assert serve_media(rf.post(f"/media/{RENDITION}"), RENDITION).status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "documents/bao-cao.pdf",  # only through Wagtail's /documents/ view (privacy)
        "images/../documents/bao-cao.pdf",
        "images/../../settings.py",  # exists, beside the media folder
        "/etc/passwd",
        "images/missing.jpg",
        "images",
        "images/tin-1.jpg\x00.png",
    ],
)
def test_nothing_else_is_served(rf, uploads, path):
    with pytest.raises(Http404):
        serve_media(rf.get("/media/x"), path)
