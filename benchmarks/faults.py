"""Faults survived: Redis stopped, then PostgreSQL restarted, in the middle of a load run.

Starts servers of its own, so nothing else on the machine is disturbed: a PostgreSQL cluster
(``initdb`` in a temporary folder, a free port) and a ``redis-server`` (a free port, nothing
on disk). On them, the example portal runs under gunicorn as in production (``DEBUG`` off,
``FailSoftRedisCache``, ``DatabaseUnavailableMiddleware``, persistent connections with
health checks), loaded with the demo content. ``wrk`` (Debian's ``wrk``) then drives a mix of
article pages, news indexes, API list/detail and QR codes, in phases of ``--phase`` seconds:

- **Redis**: before; Redis killed; Redis started again (empty, as after a restart).
- **PostgreSQL**: before; during (PostgreSQL stopped ``--gap`` seconds into the phase, and
  started again ``--gap`` seconds later); after.

It prints requests/s and the answers by status code of each phase, whether caching resumed
(keys in Redis after it came back), and exits 1 if a phase had a 5xx other than the 503s
of the database gap, a connection error, or a phase after a fault that was not all 2xx.

    .venv/bin/python benchmarks/faults.py             # 10 s phases (about 2 minutes)
    .venv/bin/python benchmarks/faults.py --phase 30
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load_client import HOST
from benchmarks.load_site import free_port, get, start_site, step

PG_BIN = Path("/usr/lib/postgresql") / os.environ.get("PG_VERSION", "15") / "bin"
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_paths.lua"


@dataclass
class Phase:
    """What ``wrk`` saw in one phase."""

    name: str
    seconds: float
    statuses: Counter = field(default_factory=Counter)
    socket_errors: int = 0
    p50_ms: float = 0.0
    p99_ms: float = 0.0

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    def server_errors(self, allowed: set[int] = frozenset()) -> int:
        return sum(n for code, n in self.statuses.items() if code >= 500 and code not in allowed)

    def line(self) -> str:
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (
            f"{self.name:<28} {self.requests:>7} requests {self.requests / self.seconds:>7.0f}/s  "
            f"p50 {self.p50_ms:6.1f} ms  p99 {self.p99_ms:7.1f} ms  [{codes}]"
            f"  socket errors {self.socket_errors}"
        )


def run_as_postgres(*command: str) -> None:
    """Run a PostgreSQL server program as the ``postgres`` user when this is root."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, stdout=subprocess.DEVNULL)


class PostgresCluster:
    """A throw-away PostgreSQL cluster on a free loopback port."""

    def __init__(self, stack: ExitStack) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="govnews-faults-pg-"))
        stack.callback(shutil.rmtree, self.folder, ignore_errors=True)
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        self.data, self.port = self.folder / "data", free_port()
        run_as_postgres(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"
        )
        stack.callback(self.stop)
        self.start()
        createdb = [str(PG_BIN / "createdb"), "-h", HOST, "-p", str(self.port), "-U", "postgres"]
        subprocess.run([*createdb, "govnews"], check=True)

    @property
    def url(self) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/govnews"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses={HOST} -c fsync=off"
        run_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "start")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            run_as_postgres(
                str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"
            )


class RedisServer:
    """A redis-server on a free loopback port that keeps nothing on disk."""

    def __init__(self, stack: ExitStack) -> None:
        self.port, self.process = free_port(), None
        stack.callback(self.stop)
        self.start()

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", HOST]
        self.process = subprocess.Popen(
            [*command, "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
        )
        for _ in range(100):
            if self.keys() is not None:
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def keys(self) -> int | None:
        """Keys in database 0, or None when the server does not answer."""
        done = subprocess.run(
            ["redis-cli", "-p", str(self.port), "dbsize"], capture_output=True, text=True
        )
        return int(done.stdout) if done.returncode == 0 and done.stdout.strip().isdigit() else None


def wrk(port: int, paths_file: Path, name: str, seconds: float, connections: int) -> Phase:
    """One phase of load; the answers by status code."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds:.0f}s", "--timeout", "10s"]
    command += ["-s", str(WRK_SCRIPT), f"http://{HOST}:{port}", "--", str(paths_file)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    phase = Phase(name, seconds)
    for line in output.splitlines():
        parts = line.split()
        if parts[:1] == ["status"]:
            phase.statuses[int(parts[1])] += int(parts[2])
        elif parts[:1] == ["errors"]:
            phase.socket_errors = sum(int(n) for n in parts[1:])
        elif parts[:1] == ["latency"]:
            phase.p50_ms, phase.p99_ms = int(parts[1]) / 1000, int(parts[2]) / 1000
    return phase


def request_paths(port: int) -> list[str]:
    """Article pages, section indexes, API list and details and QR codes of the demo."""
    items = json.loads(get(port, "/api/govnews/news/?limit=100")[1])["items"]
    paths = ["/api/govnews/news/", "/api/govnews/news/?locale=en", "/vi/"]
    sections = {urlsplit(item["url"]).path.rsplit("/", 2)[0] + "/" for item in items}
    paths += sorted(sections)
    for item in items[:30]:
        paths += [urlsplit(item["url"]).path, f"/api/govnews/news/{item['id']}/"]
        paths.append(f"/govnews/news/{item['id']}/qr.svg")
    return paths


def later(seconds: float, action) -> threading.Thread:
    """Run ``action`` in ``seconds`` on another thread."""
    thread = threading.Timer(seconds, action)
    thread.start()
    return thread


def run(args: argparse.Namespace) -> int:
    """Start everything, run both faults, print the report; the exit status."""
    with ExitStack() as stack:
        step("starting a private PostgreSQL cluster and redis-server …")
        postgres, redis = PostgresCluster(stack), RedisServer(stack)
        site_args = argparse.Namespace(
            port=None, articles=0, workers=args.workers, worker_class="gthread",
            no_redis=False, redis_db=None, database_name=None,
        )  # fmt: skip
        port, env, gunicorn = start_site(stack, site_args, postgres.url, redis.url)
        paths_file = Path(env["LOAD_WORKDIR"]) / "paths.txt"
        paths_file.write_text("\n".join(request_paths(port)) + "\n")
        load = {"port": port, "paths_file": paths_file, "connections": args.connections}
        wrk(**load, name="warm-up", seconds=5)

        step("Redis: before, killed, started again …")
        redis_phases = [wrk(**load, name="redis up", seconds=args.phase)]
        redis.stop()
        redis_phases.append(wrk(**load, name="redis killed", seconds=args.phase))
        redis.start()
        time.sleep(6)  # FailSoftRedisCache tries again 5 s after a failure
        redis_phases.append(wrk(**load, name="redis back", seconds=args.phase))
        keys_after = redis.keys()

        step(f"PostgreSQL: before, stopped for {args.gap:.0f} s, after …")
        pg_phases = [wrk(**load, name="postgres up", seconds=args.phase)]
        stopper = later(args.gap, postgres.stop)
        starter = later(2 * args.gap, postgres.start)
        pg_phases.append(
            wrk(**load, name="postgres restarted", seconds=max(args.phase, 3 * args.gap))
        )
        stopper.join(), starter.join()
        pg_phases.append(wrk(**load, name="postgres back", seconds=args.phase))

        print(f"\n{args.workers} gunicorn workers, wrk -t2 -c{args.connections}, "
              f"{len(paths_file.read_text().split())} URLs, {os.cpu_count()} cores")  # fmt: skip
        for phase in redis_phases + pg_phases:
            print(phase.line())
        print(f"keys in Redis after it came back: {keys_after}")
        problems = [
            f"{phase.name}: {phase.server_errors(allowed)} 5xx"
            for phase, allowed in [(p, set()) for p in redis_phases]
            + [(pg_phases[0], set()), (pg_phases[1], {503}), (pg_phases[2], set())]
            if phase.server_errors(allowed)
        ]
        problems += [
            f"{p.name}: {p.socket_errors} socket errors"
            for p in redis_phases + pg_phases
            if p.socket_errors
        ]
        problems += [
            f"{p.name}: not all 2xx"
            for p in (redis_phases[2], pg_phases[2])
            if set(p.statuses) - {200}
        ]
        if not keys_after:
            problems.append("caching did not resume after Redis came back")
        if gunicorn.poll() is not None:
            problems.append("gunicorn exited")
        print("\n".join(["problems:", *problems]) if problems else "no problems")
        return 1 if problems else 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase", type=float, default=10, help="seconds per phase (default 10)")
    parser.add_argument("--gap", type=float, default=3, help="PostgreSQL down this long (s)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    args = parser.parse_args(argv)
    for program in ("wrk", "redis-server", "redis-cli", str(PG_BIN / "initdb")):
        if shutil.which(program) is None:
            parser.error(f"{program} is not installed (apt install wrk redis-server postgresql)")
    sys.exit(run(args))


if __name__ == "__main__":
    main()
