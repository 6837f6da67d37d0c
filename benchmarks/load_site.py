"""The site under test of ``benchmarks/load.py``: database, cache, demo content and gunicorn.

Everything started or created here is registered on an ``ExitStack``, so closing the stack
(at the end, on Ctrl-C or on an error) stops the processes, flushes the Redis database and
drops the PostgreSQL database again.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from benchmarks.load_client import HOST

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = REPO_ROOT / "example_project"
BIN = Path(sys.executable).parent
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
STARTED = time.monotonic()


def step(message: str) -> None:
    """Print a progress line at once, with the seconds since the start."""
    print(f"[load {time.monotonic() - STARTED:5.1f} s] {message}", flush=True)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def create_database(stack: ExitStack, name: str | None = None) -> str:
    """Create ``name`` (default ``govnews_load_<pid>``), dropped when ``stack`` closes; return
    its URL."""
    import psycopg

    name = name or f"govnews_load_{os.getpid()}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    step(f"created database {name}")

    def drop() -> None:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        step(f"dropped database {name}")

    stack.callback(drop)
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def redis_cache(stack: ExitStack, db: int | None = None) -> str | None:
    """The URL of an empty Redis database on 127.0.0.1 (``db`` if given, flushed at the end),
    or None."""
    try:
        import redis
    except ImportError:
        return None
    for number in [db] if db is not None else range(15, 0, -1):
        client = redis.Redis(host=HOST, port=6379, db=number, socket_timeout=2)
        try:
            if client.dbsize() == 0:
                stack.callback(client.flushdb)
                return f"redis://{HOST}:6379/{number}"
        except redis.RedisError:
            return None
    return None


def manage(env: dict[str, str], *arguments: str) -> None:
    """Run ``manage.py`` of the example project with ``env``; show its output if it fails."""
    command = [str(BIN / "python"), "manage.py", *arguments]
    done = subprocess.run(command, cwd=EXAMPLE, env=env, capture_output=True, text=True)
    if done.returncode:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        raise RuntimeError(f"manage.py {arguments[0]} failed with status {done.returncode}")


def seed_articles(env: dict[str, str], count: int) -> None:
    """Add ``count`` generated articles with benchmarks/seed.py."""
    code = (
        "import sys, django; sys.path[:0] = [sys.argv[1], sys.argv[1] + '/example_project']; "
        "django.setup(); from benchmarks.seed import build_news; build_news(int(sys.argv[2]))"
    )
    subprocess.run(
        [str(BIN / "python"), "-c", code, str(REPO_ROOT), str(count)], env=env, check=True
    )


def start_process(stack: ExitStack, command: list[str], env: dict[str, str], log: Path):
    """Start ``command`` in its own session; stop it (TERM, then KILL) when ``stack`` closes."""
    with log.open("ab") as output:
        process = subprocess.Popen(
            command,
            cwd=EXAMPLE,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop() -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    stack.callback(stop)
    return process


def get(port: int, path: str) -> tuple[int, bytes]:
    """One GET request to the server under test."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Language": "vi"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_until_up(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    """Wait for gunicorn to answer the news API."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            if get(port, "/api/govnews/news/?limit=1")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in time")


def start_site(
    stack: ExitStack,
    args: argparse.Namespace,
    database_url: str | None = None,
    redis_url: str | None = None,
) -> tuple[int, dict, subprocess.Popen]:
    """Database, cache, demo content and gunicorn; return the port, environment and server.

    ``database_url`` and ``redis_url`` name servers of the caller's; by default a new
    database on the local PostgreSQL and an empty database of the local Redis are used.
    """
    workdir = Path(tempfile.mkdtemp(prefix="govnews-load-"))
    stack.callback(shutil.rmtree, workdir, ignore_errors=True)
    port = args.port or free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "example_project.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DATABASE_URL": database_url or create_database(stack, args.database_name),
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{port}",
        "LOAD_WORKDIR": str(workdir),
    }
    env.pop("REDIS_URL", None)
    if redis_url is None and not args.no_redis:
        redis_url = redis_cache(stack, args.redis_db)
    if redis_url:
        env["REDIS_URL"] = redis_url
    step(f"cache: {redis_url or 'local memory (one per worker)'}")
    step("migrating, collecting static files …")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")  # WhiteNoise serves them
    step("loading demo content …")
    manage(env, "load_demo_content", "--hostname", HOST, "--port", str(port))
    if args.articles:
        step(f"seeding {args.articles} more articles …")
        seed_articles(env, args.articles)
    command = [
        str(BIN / "gunicorn"), "example_project.wsgi:application",
        "--bind", f"{HOST}:{port}", "--workers", str(args.workers),
        "--worker-class", args.worker_class, "--threads", "2",
        "--timeout", "30", "--graceful-timeout", "5", "--log-level", "warning",
    ]  # fmt: skip
    gunicorn = start_process(stack, command, env, workdir / "gunicorn.log")
    wait_until_up(port, gunicorn)
    step(f"gunicorn: {args.workers} {args.worker_class} workers on http://{HOST}:{port}/")
    return port, env, gunicorn
