"""Debian's Chromium for the browser tests: where it is, the flags that work here, and how a
page rendered by Django's test client is handed to it."""

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# No GPU, no sandbox (root in CI), and no network of its own (the machine has none).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

try:
    import playwright.sync_api as _playwright
except ImportError:  # pragma: no cover - the test extra installs it
    _playwright = None

#: ``pytestmark`` of a browser test module: marked ``browser`` and ``slow``, skipped with a
#: clear reason when the playwright package or Chromium is missing.
BROWSER_TEST_MARKS = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(_playwright is None, reason="the playwright package is not installed"),
    pytest.mark.skipif(
        not Path(CHROMIUM).is_file(),
        reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)",
    ),
]


#: The origin the test client's pages are shown under in Chromium.
TEST_ORIGIN = "http://testserver"


def serve_rendered(path: str, response: Any) -> Callable[[Any, Any], None]:
    """A Playwright route handler: ``path`` is the test client's ``response``, static and
    media files come from disk, anything else of the site is a 404 and other hosts are
    refused, so nothing leaves the machine."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.files.storage import default_storage

    def serve(route: Any, request: Any) -> None:
        url = urlsplit(request.url)
        if f"{url.scheme}://{url.netloc}" != TEST_ORIGIN:
            route.abort()
        elif url.path == path:
            route.fulfill(status=200, headers=dict(response.items()), body=response.content)
        elif url.path.startswith(settings.STATIC_URL):
            found = finders.find(url.path.removeprefix(settings.STATIC_URL))
            route.fulfill(path=found) if found else route.fulfill(status=404)
        elif url.path.startswith(settings.MEDIA_URL):
            file = Path(default_storage.path(url.path.removeprefix(settings.MEDIA_URL)))
            route.fulfill(path=file) if file.is_file() else route.fulfill(status=404)
        else:
            route.fulfill(status=404)

    return serve
