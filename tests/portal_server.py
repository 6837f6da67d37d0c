"""A real example-portal server for browser tests: its own SQLite file, media and port.

The editor tests need what Django's test client cannot give: a browser posting forms,
uploading and choosing images and reading the pages a WSGI server answers. The server runs
in a child process (``manage.py runserver``) on a database of its own, loaded with the demo
content, so no database connection is shared between threads or with other tests.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example_project"
#: Ports to try, e.g. "8600-8699" (one range per developer on a shared machine); default: any.
PORTS_ENV = "GOVNEWS_TEST_PORTS"


@dataclass(frozen=True)
class PortalServer:
    """A running example portal."""

    base_url: str
    port: int
    workdir: Path


def free_port() -> int:
    """A free loopback port (within ``GOVNEWS_TEST_PORTS`` when it is set)."""
    low, _, high = os.environ.get(PORTS_ENV, "0-0").partition("-")
    ports = list(range(int(low), int(high or low) + 1))
    # Not the global `random`: Hypothesis seeds it, and every xdist worker would pick alike.
    random.SystemRandom().shuffle(ports)
    for port in ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError(f"no free port in {os.environ.get(PORTS_ENV)}")


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=EXAMPLE, env=env, check=True, capture_output=True
    )


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until ``url`` answers 200 (following redirects); fail if ``process`` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the portal server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the portal server did not answer {url} in {timeout} s")


@contextmanager
def portal_server(workdir: Path) -> Iterator[PortalServer]:
    """Migrate, load the demo content and serve the example portal until the block ends."""
    port = free_port()
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "DJANGO_SETTINGS_MODULE": "tests.portal_settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'portal.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_DEBUG": "1",  # runserver then serves static and media files itself
    }
    env.pop("REDIS_URL", None)
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_demo_content", "--hostname", "127.0.0.1", "--port", str(port))
    log = (workdir / "server.log").open("wb")
    process = subprocess.Popen(
        # One request at a time: SQLite allows one writer, and admin pages send several
        # requests at once (previews, autosave checks) that would meet "database is locked".
        [
            sys.executable,
            "manage.py",
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
            "--nothreading",
        ],
        cwd=EXAMPLE,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url + "/admin/login/", process)
        time.sleep(1)  # a server that lost the port race exits right after its checks
        if process.poll() is not None:
            raise RuntimeError(f"the portal server exited: see {workdir / 'server.log'}")
        yield PortalServer(base_url=base_url, port=port, workdir=workdir)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
