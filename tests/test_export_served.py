"""The static export of the demo portal, served by a plain static file server, equals the site."""

from __future__ import annotations

import functools
import json
import os
import socket
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from django.core.management import call_command
from wagtail.images.models import get_rendition_storage

from home.demo import content
from home.demo.builder import load_demo_content
from tests.factories import make_news
from tests.qr_decode import decode
from wagtail_govnews.contrib.export.paths import NAMESPACE
from wagtail_govnews.models import NewsPage

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # the whole demo, exported and served
PORTS = range(8850, 8900)  # this suite's share of the helpers' port range


class StaticHandler(SimpleHTTPRequestHandler):
    """``python -m http.server``, plus ``index.json`` as a directory index (like nginx's
    ``index index.html index.json``), as the static export documentation asks."""

    def translate_path(self, path: str) -> str:
        translated = super().translate_path(path)
        if os.path.isdir(translated) and not os.path.exists(os.path.join(translated, "index.html")):
            index = os.path.join(translated, "index.json")
            if os.path.exists(index):
                return index
        return translated

    def log_message(self, format, *args):  # keep the test output clean
        pass


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 8850-8899")


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def served(tmp_path: Path, port: int) -> Iterator[tuple[str, Path]]:
    """The export folder, served on http://127.0.0.1:<port>."""
    folder = tmp_path / "export"
    handler = functools.partial(StaticHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}", folder
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def manifest_paths(folder: Path) -> set[str]:
    """Every file of the export but the manifest and the export's own folder (its lock)."""
    return {
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file()
        and path.name != "manifest.json"
        and path.relative_to(folder).parts[0] != NAMESPACE
    }


def fetch(url: str) -> tuple[bytes, str]:
    with urlopen(url, timeout=10) as response:
        return response.read(), response.headers["Content-Type"]


def test_served_export_equals_the_live_site(client, served, port):
    origin, folder = served
    demo = load_demo_content(hostname="127.0.0.1", port=port)
    draft = make_news(demo.featured.get_parent().specific, "Bản nháp chưa đăng", publish=False)
    call_command("govnews_export", str(folder), stdout=StringIO())
    host = {"host": f"127.0.0.1:{port}"}
    article = NewsPage.objects.get(slug=content.FEATURED_SLUG)
    page_url = article.get_full_url()
    assert page_url.startswith(origin + "/vi/")

    # The article page, its print view, API JSON and QR images: the live bytes.
    api = f"/api/govnews/news/{article.pk}/"
    path = page_url[len(origin) :]
    for url in (path, path + "print/", api, api + "qr.png", api + "qr.svg"):
        live = client.get(url, headers=host)
        assert live.status_code == 200
        body, content_type = fetch(origin + url)
        assert body == live.content, url
    assert fetch(origin + api)[1] == "application/json"
    png, content_type = fetch(origin + api + "qr.png")
    assert content_type == "image/png"
    assert decode(png) == [page_url]

    # Image renditions point into the export, never at the dynamic image-serve view.
    detail = json.loads(fetch(origin + api)[0])
    hero = detail["hero_image"]["url"]
    assert hero.startswith(origin + "/media/images/")
    with get_rendition_storage().open(hero[len(origin + "/media/") :], "rb") as file:
        assert fetch(hero)[0] == file.read()
    html = fetch(origin + path)[0].decode()
    assert "/media/images/" in html and "/images/" not in html.replace("/media/images/", "")

    # The API list pages chain by their next links; every published article is listed.
    seen, url = [], origin + "/api/govnews/news/"
    while url:
        page = json.loads(fetch(url)[0])
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == NewsPage.objects.published().count()
    assert article.pk in seen

    # Feeds are served as rendered by the site.
    feed = "/govnews/feeds/vi/rss.xml"
    assert fetch(origin + feed)[0] == client.get(feed, headers=host).content

    # Drafts are not exported.
    with pytest.raises(HTTPError):
        fetch(f"{origin}/api/govnews/news/{draft.pk}/")
    assert not any(str(draft.pk) in path.split("/") for path in manifest_paths(folder))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert set(manifest["files"]) == manifest_paths(folder)
    assert manifest["files"][f"api/govnews/news/{article.pk}/index.json"]["content_type"] == (
        "application/json; charset=utf-8"
    )
