"""The example portal as a single process serves it in production: gunicorn, ``DEBUG`` off.

``collectstatic`` writes hashed, gzipped static files to a temporary ``STATIC_ROOT``; the
test database (an article with a photo, an editor) is copied to a SQLite file; gunicorn
serves the example project on it with ``DJANGO_DEBUG=0`` and ``DJANGO_SERVE_MEDIA=1``. A real
HTTP client then checks what a browser and a CDN get: static files, the favicon and image
renditions answer 200 with long-lived caching, text is gzipped once, readers' pages are
public for a minute, signed-in users' pages and the admin are ``private, no-store``.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from tests.factories import make_image, make_index, make_news
from tests.portal_server import EXAMPLE, ROOT, free_port, wait_until_up

pytestmark = pytest.mark.slow  # collectstatic and gunicorn in subprocesses

YEAR = 31536000
GZIP = {"Accept-Encoding": "gzip"}


@dataclass(frozen=True)
class Answer:
    """One HTTP response, its body as sent (not decompressed)."""

    status: int
    headers: Message
    body: bytes

    def text(self) -> str:
        """The body, gunzipped if it was sent compressed."""
        gzipped = self.headers.get("Content-Encoding") == "gzip"
        return (gzip.decompress(self.body) if gzipped else self.body).decode()


@dataclass(frozen=True)
class Portal:
    """The running server, a section's and its article's paths, an editor's session cookie."""

    port: int
    section_path: str
    article_path: str
    editor_cookie: str

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        """``GET path`` with exactly these headers; redirects are not followed."""
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            client.request("GET", path, headers=headers or {})
            response = client.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            client.close()


def _copy_test_database(target: Path) -> None:
    """Write the test database (committed data) to a SQLite file another process can open."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


@pytest.fixture
def portal(
    django_db_serialized_rollback, transactional_db, client, tmp_path: Path
) -> Iterator[Portal]:
    """gunicorn serving the example project with DEBUG off on a copy of the test database."""
    if connection.vendor != "sqlite":
        pytest.skip("the server gets a copy of the SQLite test database")
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(EXAMPLE)]),
        "DJANGO_SETTINGS_MODULE": "example_project.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SERVE_MEDIA": "1",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # the editor's session stays valid
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    }
    env.pop("REDIS_URL", None)
    collect = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=EXAMPLE,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    section = make_index()
    article = make_news(
        section, "Khai trương tuyến xe buýt", lead="Tóm tắt.", hero_image=make_image()
    )
    editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(editor)
    _copy_test_database(tmp_path / "portal.sqlite3")
    assert collect.wait(timeout=120) == 0, collect.stderr.read().decode()

    port = free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "example_project.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2"],
        cwd=EXAMPLE, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/favicon.ico", server, timeout=30)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield Portal(
            port=port,
            section_path=section.url,
            article_path=article.url,
            editor_cookie=f"{settings.SESSION_COOKIE_NAME}={session}",
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _assert_immutable(answer: Answer) -> None:
    cache_control = answer.headers["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", cache_control)[1])
    assert "public" in cache_control and "immutable" in cache_control, cache_control
    assert max_age >= YEAR, cache_control


def check_static_files_are_hashed_gzipped_and_cached_for_ever(portal: Portal) -> None:
    page = portal.get(portal.article_path, GZIP)
    assert page.status == 200
    html = page.text()
    stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', html)
    scripts = re.findall(r'src="(/static/[^"]+\.js)"', html)
    assert stylesheets and scripts
    for url in stylesheets + scripts:
        assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", url), f"{url} has no content hash"
        plain, packed = portal.get(url), portal.get(url, GZIP)
        assert plain.status == packed.status == 200, url
        assert "Content-Encoding" not in plain.headers
        assert packed.headers["Content-Encoding"] == "gzip", url
        assert gzip.decompress(packed.body) == plain.body
        assert len(packed.body) < len(plain.body)
        _assert_immutable(packed)


def check_favicon_redirects_to_the_hashed_file(portal: Portal) -> None:
    redirect = portal.get("/favicon.ico")
    assert redirect.status == 302
    location = redirect.headers["Location"]
    assert re.fullmatch(r"/static/wagtail_govnews/img/favicon\.[0-9a-f]{12}\.svg", location)
    icon = portal.get(location)
    assert icon.status == 200 and icon.headers["Content-Type"].startswith("image/svg+xml")
    _assert_immutable(icon)


def check_image_renditions_are_served_and_cached_for_ever(portal: Portal) -> None:
    html = portal.get(portal.section_path).text()  # its card shows the article's photo
    renditions = re.findall(r'src="(/media/images/[^"]+)"', html)
    assert renditions
    photo = portal.get(renditions[0], GZIP)
    assert photo.status == 200
    assert photo.headers["Content-Type"] == "image/jpeg"
    assert "Content-Encoding" not in photo.headers  # a JPEG is not gzipped again
    assert photo.body.startswith(b"\xff\xd8")
    _assert_immutable(photo)
    assert "sandbox" in photo.headers["Content-Security-Policy"]
    revalidated = portal.get(renditions[0], {"If-Modified-Since": photo.headers["Last-Modified"]})
    assert revalidated.status == 304


def check_only_image_folders_are_served_from_media(portal: Portal) -> None:
    for path in (
        "/media/documents/report.pdf",
        "/media/../example_project/settings.py",
        "/media/images/../../pyproject.toml",
        "/media/images/missing.jpg",
    ):
        assert portal.get(path).status == 404, path


def check_readers_pages_are_gzipped_and_public(portal: Portal) -> None:
    for attempt in ("rendered", "from the response cache"):
        page = portal.get(portal.article_path, GZIP)
        assert page.status == 200, attempt
        assert page.headers["Content-Encoding"] == "gzip", attempt
        assert page.text().lstrip().lower().startswith("<!doctype html>"), attempt
        assert page.headers["Cache-Control"].startswith("public, max-age=60, s-maxage=600")
        assert "Accept-Encoding" in page.headers["Vary"]


def check_signed_in_pages_and_the_admin_are_private(portal: Portal) -> None:
    signed_in = {"Cookie": portal.editor_cookie, **GZIP}
    for path in (portal.article_path, "/admin/"):
        page = portal.get(path, signed_in)
        assert page.status == 200, path
        cache_control = page.headers["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, (path, cache_control)
        assert "public" not in cache_control


def test_served_as_in_production(portal: Portal):
    """One server for every check: starting it (collectstatic, gunicorn) is the slow part."""
    check_readers_pages_are_gzipped_and_public(portal)  # first: rendered, then cached
    check_static_files_are_hashed_gzipped_and_cached_for_ever(portal)
    check_favicon_redirects_to_the_hashed_file(portal)
    check_image_renditions_are_served_and_cached_for_ever(portal)
    check_only_image_folders_are_served_from_media(portal)
    check_signed_in_pages_and_the_admin_are_private(portal)
