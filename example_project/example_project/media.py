"""Uploaded images served by Django itself, for a single-process deployment without nginx.

Mounted only when ``DJANGO_SERVE_MEDIA=1`` (or under ``DEBUG``); in the stack, nginx serves
``/media/`` and Django never sees those requests. Unlike ``django.views.static.serve``
(documented as unfit for production), it serves only Wagtail's image folders of the default
storage, answers ``GET`` and ``HEAD`` only, streams the file, honours ``If-Modified-Since``,
and forbids the browser to run anything in a file (an uploaded SVG cannot script the site).

- ``images/``: renditions. A rendition's name holds its filter and focal point, and a new
  original gets new names, so its bytes never change: cached for a year, ``immutable``.
- ``original_images/``: originals (the admin links them), cached for a day.
- Everything else, ``documents/`` included, is a 404: documents go through Wagtail's
  ``/documents/<id>/<name>`` view, which enforces collection privacy.
"""

from __future__ import annotations

import mimetypes
import os
import posixpath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

#: ``Cache-Control`` of each folder served; anything outside them is a 404.
FOLDERS = {
    "images": "public, max-age=31536000, immutable",
    "original_images": "public, max-age=86400",
}
#: Nothing in a served file may run: no script, no plugin, no form; styles inline only.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """The uploaded image at ``path`` in the default storage, with long-lived caching."""
    name = posixpath.normpath(path).lstrip("/")
    folder = name.partition("/")[0]
    if folder not in FOLDERS or "\x00" in name:
        raise Http404("Not a served media file.")
    try:
        full_path = default_storage.path(name)
    except (SuspiciousFileOperation, NotImplementedError) as error:
        raise Http404("Not a served media file.") from error
    try:
        handle = open(full_path, "rb")  # noqa: SIM115 (FileResponse closes it)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as error:
        raise Http404("No such media file.") from error
    modified = int(os.fstat(handle.fileno()).st_mtime)
    not_modified = get_conditional_response(request, last_modified=modified)
    if not_modified is not None:
        handle.close()
        response = not_modified
    else:
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        response = FileResponse(handle, content_type=content_type)
        response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = FOLDERS[folder]
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response
