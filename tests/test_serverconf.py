"""The web server configuration generated from an export's manifest, run by a real nginx."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command

from tests.factories import image_block, make_image, make_index, make_news
from wagtail_govnews.contrib.export import export_site
from wagtail_govnews.contrib.export.serverconf import (
    CachePolicy,
    content_type_overrides,
    nginx_config,
    static_host_files,
)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
POLICY = CachePolicy()


@pytest.fixture
def exported(db, tmp_path) -> tuple[Path, list]:
    """Two published articles with a photo, exported to a folder."""
    section = make_index()
    articles = [
        make_news(section, f"Tin số {n}", body=[image_block(make_image(), "Ảnh")]) for n in (1, 2)
    ]
    folder = tmp_path / "export"
    export_site(FileSystemStorage(location=str(folder), base_url="/"))
    return folder, articles


def manifest_of(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def test_feeds_get_their_content_type_and_nothing_else_does(exported):
    overrides = content_type_overrides(manifest_of(exported[0]))
    assert overrides, "the export holds feeds saved as index.html"
    assert {value.split(";")[0] for value in overrides.values()} <= {
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
    }
    assert all(path.startswith("/govnews/") for path in overrides)


def test_static_host_files(exported):
    files = static_host_files(manifest_of(exported[0]), origin="https://origin.example.gov.vn/")
    assert "/ /vi/ 302" in files["_redirects"]
    assert files["_redirects"].rstrip().endswith("/* https://origin.example.gov.vn/:splat 200")
    feed = next(iter(content_type_overrides(manifest_of(exported[0]))))
    assert f"{feed.removesuffix('index.html')}\n  Content-Type: application/" in files["_headers"]
    assert f"/media/*\n  Cache-Control: {POLICY.assets}" in files["_headers"]


def test_the_command_needs_a_manifest_and_an_http_origin(tmp_path, exported):
    with pytest.raises(CommandError, match=r"No readable manifest\.json"):
        call_command("govnews_serverconf", "nginx", str(tmp_path), "--origin", "http://o/")
    with pytest.raises(CommandError, match="http:// or https://"):
        call_command("govnews_serverconf", "nginx", str(exported[0]), "--origin", "o:8000")
    out = StringIO()
    call_command(
        "govnews_serverconf", "static-host", str(exported[0]), "--origin", "http://o/", stdout=out
    )
    assert (exported[0] / "_headers").is_file() and (exported[0] / "_redirects").is_file()


class Origin(BaseHTTPRequestHandler):
    """The live site behind nginx: answers who asked for what."""

    def answer(self) -> None:
        body = f"origin {self.command} {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = answer

    def log_message(self, format, *args):
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx did not listen")


def nginx_main_config(prefix: Path, include: Path) -> str:
    """A whole nginx configuration around the generated file, everything in ``prefix``."""
    temp = " ".join(
        f"{kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;" if os.geteuid() == 0 else ""  # workers must read the test's tmp dir
    return (
        f"{user} daemon off; worker_processes 1; pid {prefix / 'nginx.pid'};"
        f" error_log {prefix / 'error.log'} warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{ include /etc/nginx/mime.types; default_type application/octet-stream;"
        f" access_log off; {temp}\n include {include};\n}}\n"
    )


@pytest.fixture
def nginx(exported, tmp_path) -> Iterator[tuple[int, Path, list]]:
    if not Path(NGINX).is_file():
        pytest.skip(f"nginx not found at {NGINX} (apt-get install nginx-light)")
    folder, articles = exported
    origin = ThreadingHTTPServer(("127.0.0.1", 0), Origin)
    threading.Thread(target=origin.serve_forever, daemon=True).start()
    port = free_port()
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    include = prefix / "govnews.conf"
    call_command(
        "govnews_serverconf",
        "nginx",
        str(folder),
        "--origin",
        f"http://127.0.0.1:{origin.server_address[1]}",
        "--listen",
        f"127.0.0.1:{port}",
        "--output",
        str(include),
    )
    main = prefix / "nginx.conf"
    main.write_text(nginx_main_config(prefix, include))
    subprocess.run([NGINX, "-t", "-q", "-p", str(prefix), "-c", str(main)], check=True)
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(main)])
    try:
        wait_for_port(port, process, prefix / "error.log")
        yield port, folder, articles
    finally:
        process.terminate()
        process.wait(timeout=10)
        origin.shutdown()
        origin.server_close()


def fetch(port: int, path: str, method: str = "GET", **headers: str):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=b"x=1" if method == "POST" else None, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


@pytest.mark.slow  # starts nginx
def test_nginx_serves_the_export_with_the_live_site_behind_it(nginx):
    port, folder, articles = nginx
    page = articles[0].url
    response, body = fetch(port, page, **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body) == (folder / page.lstrip("/") / "index.html").read_bytes()
    assert response.getheader("Cache-Control") == POLICY.documents
    assert response.getheader("X-Content-Type-Options") == "nosniff"

    response, body = fetch(port, f"/api/govnews/news/{articles[0].pk}/")
    assert response.getheader("Content-Type") == "application/json; charset=utf-8"
    assert json.loads(body)["title"] == articles[0].title
    response, _ = fetch(port, f"/api/govnews/news/{articles[0].pk}/qr.svg")
    assert response.getheader("Content-Type") == "image/svg+xml; charset=utf-8"
    assert response.getheader("Cache-Control") == POLICY.assets

    for feed, content_type in content_type_overrides(manifest_of(folder)).items():
        response, body = fetch(port, feed.removesuffix("index.html"))
        assert (response.status, response.getheader("Content-Type")) == (200, content_type)
        assert body.startswith(b"<?xml")

    response, _ = fetch(port, "/")
    assert (response.status, response.getheader("Location")) == (
        302,
        f"http://127.0.0.1:{port}/vi/",
    )

    # What the export does not answer comes from the live site, unchanged.
    for method, path in [
        ("GET", "/vi/tin-tuc/?page=2"),
        ("GET", "/vi/tin-tuc/khong-co/"),
        ("POST", page),
        ("GET", "/admin/"),
        ("GET", "/api/govnews/news/?search=tin"),
    ]:
        response, body = fetch(port, path, method)
        assert (response.status, body.decode()) == (200, f"origin {method} {path}")

    for private in ("/manifest.json", "/.govnews-export/lock"):
        assert fetch(port, private)[0].status == 404


def test_hashed_static_files_are_cached_for_a_year():
    manifest = {
        "files": {
            "static/site.3f9a2c1b7e4d.css": {"content_type": "text/css"},
            "vi/index.html": {"content_type": "text/html; charset=utf-8"},
        }
    }
    config = nginx_config(manifest, root="/srv/export", origin="http://127.0.0.1:8000")
    hashed = config[config.index('location ~ "^/static/') :]
    assert POLICY.hashed in hashed[: hashed.index("\n    }")]
    headers = static_host_files(manifest, origin="http://o")["_headers"]
    assert f"/static/*\n  Cache-Control: {POLICY.hashed}" in headers
