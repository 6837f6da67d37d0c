"""Photos into Wagtail's image library, each file once: the same bytes find the same image."""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.images import get_image_model

from .article import Photo
from .fetch import Fetcher, FetchError

FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "AVIF": "avif"}


class ImageProblem(Exception):
    """A photo that could not be brought in (the message says why)."""


def download(url: str, fetcher: Fetcher, local: bool = False) -> bytes:
    """The bytes of the image at ``url``; ``file://`` addresses are read from disk only for
    ``local`` pages (saved pages of a folder, never a page from the web)."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        if not local:
            raise ImageProblem(f"{url}: a local file named by a page from the web")
        try:
            with open(url2pathname(unquote(parts.path)), "rb") as file:
                return file.read()
        except OSError as error:
            raise ImageProblem(f"{url}: {error}") from error
    try:
        return fetcher.get(url).body
    except FetchError as error:
        raise ImageProblem(str(error)) from error


def content_hash(data: bytes) -> str:
    """The hash Wagtail keeps of an image file (SHA-1, ``Image.file_hash``)."""
    return hashlib.sha1(data).hexdigest()


def image_for(data: bytes, photo: Photo, title: str):
    """The library's image with these bytes, created (titled ``title``) when there is none."""
    model = get_image_model()
    digest = content_hash(data)
    existing = model.objects.filter(file_hash=digest).order_by("pk").first()
    if existing is not None:
        return existing
    try:
        with PILImage.open(BytesIO(data)) as picture:
            kind = picture.format or ""
            picture.verify()
    except (UnidentifiedImageError, PILImage.DecompressionBombError, OSError, SyntaxError) as error:
        raise ImageProblem(f"{photo.url}: not an image ({error})") from error
    if kind not in FORMATS:
        raise ImageProblem(f"{photo.url}: unsupported image format {kind or 'unknown'}")
    stem = PurePosixPath(unquote(urlsplit(photo.url).path)).stem[:60] or "image"
    image = model(
        title=(title or photo.caption or photo.alt or stem)[:255],
        description=photo.alt[:255],
        file=ImageFile(BytesIO(data), name=f"{stem}.{FORMATS[kind]}"),
        file_hash=digest,
        file_size=len(data),
    )
    image.save()
    return image
