"""Each optional feature is a sub-app a site may leave out: the core works without any."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import make_index, make_news
from wagtail_govnews.models import NewsPage

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_core_works_without_any_sub_app():
    """tests/without_subapps/checks_core_alone.py, in a process with those settings."""
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "tests.without_subapps.settings"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-o",
            "python_files=checks_*.py",
            "-q",
            "tests/without_subapps/checks_core_alone.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "4 passed" in result.stdout


@pytest.mark.django_db
def test_with_the_pdf_sub_app_articles_offer_the_pdf(client):
    page = make_news(make_index(), "Tin có PDF")
    assert NewsPage.objects.get(pk=page.pk).pdf_available
    assert page.url + "pdf/" in client.get(page.url).content.decode()
