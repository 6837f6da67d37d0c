"""Fixtures of the frontend's end-to-end test: the example site with demo data, static builds
of the frontend against it, and local servers for them. Every process started here is
stopped when the session ends, also after a failure.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FRONTEND = Path(__file__).resolve().parent.parent
EXAMPLE = FRONTEND.parent
REPO = EXAMPLE.parent
PREVIEW_PATH = "/preview/?token={token}"
BUILD_REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:
    """Size and time of the static builds, for the record."""
    for line in BUILD_REPORT:
        terminalreporter.write_line(line)


def free_port(env_name: str) -> int:
    """The port in ``env_name`` if set, else any free local port."""
    if os.environ.get(env_name):
        return int(os.environ[env_name])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


@dataclass
class Site:
    url: str
    env: dict[str, str]

    def api(self, path: str) -> dict:
        return get_json(f"{self.url}/api/govnews/{path}")

    def all_news(self) -> list[dict]:
        items, offset = [], 0
        while True:
            page = self.api(f"news/?limit=100&offset={offset}")
            items += page["items"]
            if not page["next"]:
                return items
            offset += 100


@dataclass
class Frontend:
    url: str
    dist: Path
    qr_target: str


@pytest.fixture(scope="session")
def frontend_ports() -> dict[str, int]:
    """Ports of the two frontend builds, fixed before the site starts (CORS, preview URL)."""
    return {
        "canonical": free_port("E2E_FRONTEND_PORT"),
        "frontend": free_port("E2E_FRONTEND_QR_PORT"),
    }


@pytest.fixture(scope="session")
def site(tmp_path_factory, frontend_ports) -> Iterator[Site]:
    """The example project with the demo content, served by runserver on a free port."""
    port = free_port("E2E_DJANGO_PORT")
    data = tmp_path_factory.mktemp("site")
    origins = ",".join(f"http://127.0.0.1:{p}" for p in frontend_ports.values())
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        "DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(data / "media"),
        "CORS_ALLOWED_ORIGINS": origins,
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
    }
    manage = [sys.executable, "manage.py"]

    def run(*args: str) -> None:
        subprocess.run(
            [*manage, *args], cwd=EXAMPLE, env=env, check=True, stdout=subprocess.DEVNULL
        )

    run("migrate", "--noinput")
    # E2E_DEMO_NOW (ISO 8601) dates the demo from a fixed moment, e.g. a Sunday.
    now = ["--now", os.environ["E2E_DEMO_NOW"]] if os.environ.get("E2E_DEMO_NOW") else []
    run("load_demo_content", "--hostname", "127.0.0.1", "--port", str(port), *now)
    # The admin's "Headless frontend" preview opens the default build's preview page.
    preview_url = f"http://127.0.0.1:{frontend_ports['canonical']}{PREVIEW_PATH}"
    run(
        "shell",
        "-c",
        "from wagtail.models import Site; from wagtail_govnews.models import GovNewsSettings; "
        "s = GovNewsSettings.for_site(Site.objects.get(is_default_site=True)); "
        f"s.frontend_preview_url = {preview_url!r}; s.full_clean(); s.save()",
    )
    log = open(data / "runserver.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=EXAMPLE,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, stopped as a whole
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/api/govnews/news/?limit=1")
        yield Site(url=f"http://127.0.0.1:{port}", env=env)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


def build(site: Site, port: int, qr_target: str, out_dir: Path) -> Frontend:
    """``npm run build`` against the site; reports the build's time and size."""
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "GOVNEWS_API_URL": site.url,
        "PUBLIC_SITE_URL": url,
        "FRONTEND_QR_TARGET": qr_target,
    }
    started = time.monotonic()
    subprocess.run(
        ["npm", "run", "build", "--", "--outDir", str(out_dir)],
        cwd=FRONTEND,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.monotonic() - started
    files = [path for path in out_dir.rglob("*") if path.is_file()]
    size = sum(path.stat().st_size for path in files)
    pages = sum(1 for path in files if path.name == "index.html")
    BUILD_REPORT.append(
        f"static build (FRONTEND_QR_TARGET={qr_target}): {pages} pages, {len(files)} files, "
        f"{size / 1024:.0f} KiB, {seconds:.1f} s"
    )
    return Frontend(url=url, dist=out_dir, qr_target=qr_target)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """Serve a built folder on a port, as a CDN would (plain files, no server code)."""
    servers = []

    def start(directory: Path, port: int) -> None:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def frontend(site, frontend_ports, serve, tmp_path_factory) -> Frontend:
    """The default build: the article QR is the API's, encoding the canonical (Wagtail) URL."""
    built = build(site, frontend_ports["canonical"], "canonical", tmp_path_factory.mktemp("dist"))
    serve(built.dist, frontend_ports["canonical"])
    return built


@pytest.fixture(scope="session")
def frontend_qr(site, frontend_ports, serve, tmp_path_factory) -> Frontend:
    """A build with FRONTEND_QR_TARGET=frontend: QR codes of the frontend's own URLs."""
    port = frontend_ports["frontend"]
    built = build(site, port, "frontend", tmp_path_factory.mktemp("dist-qr"))
    serve(built.dist, port)
    return built
