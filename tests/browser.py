"""Debian's Chromium for the browser tests: where it is and the flags that work here."""

import os
import shutil
from pathlib import Path

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
