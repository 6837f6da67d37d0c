"""End to end on the production-like stack (example_project/stack/stack.sh, ``make stack``).

nginx serves the static export with gunicorn behind it, the database task worker updates the
export when an editor publishes, PostgreSQL and Redis hold the data and the cache. An article
is published as the admin does it (a revision, published, in another process): within 10 s
nginx serves its page, print view, API JSON and QR code from the export, with the export's
headers. It is unpublished: within 10 s all of them answer 404 and the lists leave it out.
``down`` leaves no process of the stack running.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from wagtail_govnews.contrib.export.serverconf import CachePolicy

ROOT = Path(__file__).resolve().parent.parent
STACK = ROOT / "example_project" / "stack" / "stack.sh"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
VISIBLE_WITHIN = 10.0  # seconds from the publish to what nginx answers

pytestmark = [
    pytest.mark.slow,
    pytest.mark.stack,
    pytest.mark.skipif(not Path(NGINX).is_file(), reason="nginx not installed (nginx-light)"),
    pytest.mark.skipif(shutil.which("psql") is None, reason="PostgreSQL's client not installed"),
]

PUBLISH = """
from wagtail_govnews.models import NewsIndexPage, NewsPage
section = NewsIndexPage.objects.filter(locale__language_code="vi").live().first()
page = NewsPage(title={title!r}, lead="Tin đăng thử qua hàng đợi tác vụ.")
section.add_child(instance=page)
page.save_revision().publish()
print(page.pk, page.url)
"""

UNPUBLISH = """
from wagtail_govnews.models import NewsPage
NewsPage.objects.get(pk={pk}).unpublish()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Stack:
    url: str
    directory: Path
    run: Callable[..., subprocess.CompletedProcess]


@pytest.fixture
def stack(tmp_path_factory) -> Iterator[Stack]:
    directory = tmp_path_factory.mktemp("stack")
    port = free_port()
    env = os.environ | {
        "PYTHON": sys.executable,
        "STACK_DIR": str(directory),
        "STACK_PORT": str(port),
        "STACK_APP_PORT": str(free_port()),
        "STACK_DB": f"govnews_stack_test_{os.getpid()}",
        "STACK_REDIS_DB": "5",
        "STACK_WORKERS": "2",
    }
    database = env["STACK_DB"]
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)

    def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", str(STACK), *args],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=600,
            **kwargs,
        )

    try:
        run("up")
    except subprocess.CalledProcessError as error:
        run("down")
        pytest.fail(f"stack up failed:\n{error.stdout}\n{error.stderr}")
    try:
        yield Stack(url=f"http://127.0.0.1:{port}", directory=directory, run=run)
    finally:
        run("down")
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE {database}"],
            check=False,
            capture_output=True,
        )


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_until(check: Callable[[], bool], seconds: float) -> float:
    """Seconds until ``check()`` holds; fails after ``seconds``."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > seconds:
            pytest.fail(f"not within {seconds} s")
        time.sleep(0.1)
    return time.monotonic() - started


def test_the_stack_end_to_end(stack):
    """One stack for every check (one test keeps them on one xdist worker)."""
    check_publish_and_unpublish_reach_nginx_within_ten_seconds(stack)
    check_static_files_come_hashed_compressed_and_cached_for_long(stack)
    check_down_leaves_nothing_running(stack)


def check_publish_and_unpublish_reach_nginx_within_ten_seconds(stack: Stack) -> None:
    documents = CachePolicy().documents
    title = f"Tin thử hàng đợi {os.getpid()}"
    published = stack.run("manage", "shell", "-c", PUBLISH.format(title=title))
    pk, url = published.stdout.split()[-2:]
    path = url.removeprefix(stack.url)
    urls = {
        "page": f"{stack.url}{path}",
        "print": f"{stack.url}{path}print/",
        "api": f"{stack.url}/api/govnews/news/{pk}/",
        "qr": f"{stack.url}/api/govnews/news/{pk}/qr.svg",
    }
    exported = stack.directory / "export" / path.strip("/") / "index.html"

    # The worker writes the files; until then nginx hands the page to gunicorn.
    seconds = wait_until(exported.is_file, VISIBLE_WITHIN)
    answers = {name: get(address) for name, address in urls.items()}
    assert {name: answer[0] for name, answer in answers.items()} == dict.fromkeys(urls, 200)
    for name in ("page", "print", "api"):
        assert answers[name][1]["Cache-Control"] == documents, name  # the export's, not Django's
    assert answers["page"][1]["Content-Type"] == "text/html; charset=utf-8"
    assert title.encode() in answers["page"][2]
    assert answers["api"][1]["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(answers["api"][2])["title"] == title
    assert answers["qr"][1]["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert b"<svg" in answers["qr"][2]
    listed = json.loads(get(f"{stack.url}/api/govnews/news/locale/vi/")[2])
    assert int(pk) in [item["id"] for item in listed["items"]]
    print(f"publish to visible: {seconds:.1f} s")

    stack.run("manage", "shell", "-c", UNPUBLISH.format(pk=pk))
    wait_until(lambda: not exported.exists(), VISIBLE_WITHIN)
    assert {name: get(address)[0] for name, address in urls.items()} == dict.fromkeys(urls, 404)
    listed = json.loads(get(f"{stack.url}/api/govnews/news/locale/vi/")[2])
    assert int(pk) not in [item["id"] for item in listed["items"]]


def check_static_files_come_hashed_compressed_and_cached_for_long(stack: Stack) -> None:
    status, _, body = get(f"{stack.url}/vi/")
    assert status == 200
    css = body.decode().split('href="/static/wagtail_govnews/css/govnews.', 1)[1].split('"')[0]
    request = urllib.request.Request(
        f"{stack.url}/static/wagtail_govnews/css/govnews.{css}",
        headers={"Accept-Encoding": "gzip"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert "immutable" in response.headers["Cache-Control"]


def check_down_leaves_nothing_running(stack: Stack) -> None:
    pids = [
        int((stack.directory / "run" / f"{name}.pid").read_text())
        for name in ("nginx", "gunicorn", "worker", "scheduler")
    ]
    stack.run("down")
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    leftover = subprocess.run(
        ["pgrep", "-f", str(stack.directory)], capture_output=True, text=True
    ).stdout.split()
    assert leftover == [], f"processes of the stack still running: {leftover}"
    assert not list((stack.directory / "run").glob("*.pid"))
