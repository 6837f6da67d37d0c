"""Throughput under ``wrk`` while an editor publishes: how much the response cache keeps.

Starts the example portal under gunicorn on a throw-away PostgreSQL database with a Redis
cache (``benchmarks/load_site.py``), loads the demo content plus ``--articles`` generated
ones, and drives it with ``wrk`` (Debian's) over article pages, section pages, API lists,
details and QR codes (``--paths`` of them, in turn). Phases, each ``--phase`` seconds:

1. cached, nobody publishing;
2. cached, an editor process publishing (or unpublishing) an article every 10 s;
3. cached, publishing every 0.5 s;
4. cold: a second gunicorn with the response cache off (``RESPONSE_CACHE_TIMEOUT = 0``).

For each it prints requests/s, p50/p99, the answers by status and the CPU seconds used by
the server (gunicorn), the client (wrk) and the editor, so the reader can judge how much of
the 2 cores each had; then the ratio of phase 3 to phase 2 (issue 18: at least 0.8).

    .venv/bin/python benchmarks/publish_load.py --articles 2000
    .venv/bin/python benchmarks/publish_load.py --quick      # demo articles, 5 s phases

Needs ``wrk``, PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.faults import Phase, wrk
from benchmarks.load import published_articles
from benchmarks.load_site import (
    BIN,
    EXAMPLE,
    REPO_ROOT,
    get,
    start_process,
    start_site,
    step,
    wait_until_up,
)

EDITED_ARTICLES = 6
#: The newest articles the URLs and the edited articles are picked from (all sections).
SAMPLED_ARTICLES = 3000


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="generated articles")
    parser.add_argument("--phase", type=float, default=20, help="seconds per phase")
    parser.add_argument("--paths", type=int, default=300, help="distinct URLs driven")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--quick", action="store_true", help="demo articles, 5 s phases")
    parser.add_argument("--database-name", help="PostgreSQL database (default: a new one)")
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.phase = 0, 5
    args.port, args.worker_class, args.no_redis, args.redis_db = None, "gthread", False, None
    if not shutil.which("wrk"):
        parser.error("wrk is not installed (apt install wrk)")
    return args


def request_paths(articles: list[dict], count: int) -> list[str]:
    """Article pages, API details and QR codes of ``articles``, plus lists and sections."""
    paths = ["/api/govnews/news/", "/api/govnews/news/?locale=en", "/vi/"]
    paths += sorted({urlsplit(item["url"]).path.rsplit("/", 2)[0] + "/" for item in articles})
    step_by = max(1, len(articles) * 3 // max(1, count - len(paths)))
    for item in articles[::step_by]:
        paths += [urlsplit(item["url"]).path, f"/api/govnews/news/{item['id']}/"]
        paths.append(f"/govnews/news/{item['id']}/qr.svg")
    return paths[:count]


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of ``pid`` and its living children."""
    total = 0.0
    for child in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in found]


def machine_cpu() -> tuple[float, float]:
    """CPU seconds the whole machine spent busy and idle so far (``/proc/stat``): with the
    processes above, what the database and cache servers and anything else used."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split()[1:9]]
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    tick = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq + steal) / tick, (idle + iowait) / tick


def children_cpu() -> float:
    """CPU seconds used by this process's finished children (wrk, the editor)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measured_phase(
    name: str, gunicorn: subprocess.Popen, load: dict, seconds: float, editor: list | None
) -> tuple[Phase, float, float, float, float]:
    """One phase of ``wrk`` (with the editor running when given); CPU of server, client,
    editor and the whole machine."""
    server_before, children_before = process_cpu(gunicorn.pid), children_cpu()
    busy_before, _idle = machine_cpu()
    editor_cpu = 0.0
    process = None
    if editor is not None:
        process = subprocess.Popen(editor, cwd=EXAMPLE, env=load["env"])
    phase = wrk(load["port"], load["paths_file"], name, seconds, load["connections"])
    client_cpu = children_cpu() - children_before
    if process is not None:
        process.wait(timeout=120)
        editor_cpu = children_cpu() - children_before - client_cpu
    server_cpu = process_cpu(gunicorn.pid) - server_before
    return phase, server_cpu, client_cpu, editor_cpu, machine_cpu()[0] - busy_before


def report(rows: list[tuple[Phase, float, float, float, float]], seconds: float) -> None:
    """Print one line per phase."""
    for phase, server, client, editor, machine in rows:
        print(
            f"{phase.line()}\n{'':28} CPU s: server {server:5.1f}, wrk {client:4.1f}, "
            f"editor {editor:4.1f}, machine busy {machine:5.1f} "
            f"(of {seconds * os.cpu_count():.0f} available)"
        )


def run(args: argparse.Namespace) -> int:
    """Set everything up, run the phases, print the report; the exit status."""
    with ExitStack() as stack:
        port, env, gunicorn = start_site(stack, args)
        articles = published_articles(port, most=SAMPLED_ARTICLES)
        vietnamese = [item for item in articles if item["locale"] == "vi"]
        edited = vietnamese[:: max(1, len(vietnamese) // EDITED_ARTICLES)][:EDITED_ARTICLES]
        editor = [str(BIN / "python"), str(REPO_ROOT / "benchmarks" / "load_editor.py")]
        editor += ["--pages", ",".join(str(item["id"]) for item in edited)]
        subprocess.run([*editor, "--prepare"], cwd=EXAMPLE, env=env, check=True)
        paths_file = Path(env["LOAD_WORKDIR"]) / "paths.txt"
        paths = request_paths(articles, args.paths)
        paths_file.write_text("\n".join(paths) + "\n")
        load = {"port": port, "paths_file": paths_file, "connections": args.connections}
        load["env"] = env
        step(f"{len(articles)} articles, {len(paths)} URLs; warming up (each URL once) …")
        for path in paths:  # every URL cached before the first phase, whatever the rate
            get(port, path)
        wrk(port, paths_file, "warm-up", 3, args.connections)
        seconds = args.phase
        report_file = Path(env["LOAD_WORKDIR"]) / "editor.json"

        def editing(interval: float) -> list[str]:
            return [*editor, "--seconds", str(seconds), "--interval", str(interval),
                    "--report", str(report_file)]  # fmt: skip

        rows = [measured_phase("cached, no publishing", gunicorn, load, seconds, None)]
        rows.append(measured_phase("cached, publish every 10 s", gunicorn, load, seconds,
                                   editing(10)))  # fmt: skip
        rows.append(measured_phase("cached, publish every 0.5 s", gunicorn, load, seconds,
                                   editing(0.5)))  # fmt: skip
        edits = json.loads(report_file.read_text()) if report_file.exists() else {}

        step("restarting gunicorn with the response cache off …")
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        cold_env = {**env, "GOVNEWS_RESPONSE_CACHE_TIMEOUT": "0"}
        command = [
            str(BIN / "gunicorn"), "example_project.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
            "--worker-class", "gthread", "--threads", "2", "--log-level", "warning",
        ]  # fmt: skip
        log = Path(env["LOAD_WORKDIR"]) / "gunicorn-cold.log"
        cold = start_process(stack, command, cold_env, log)
        wait_until_up(port, cold)
        wrk(port, paths_file, "warm-up (renditions)", 3, args.connections)
        rows.append(measured_phase("cold (cache off)", cold, load, seconds, None))

        print(
            f"\n{args.workers} gunicorn gthread workers (2 threads), wrk -t2 -c{args.connections},"
            f" PostgreSQL, Redis, {len(articles)} articles, {len(paths)} URLs, "
            f"{os.cpu_count()} cores; editor: {edits.get('publishes', 0)} publishes, "
            f"{edits.get('unpublishes', 0)} unpublishes in the 0.5 s phase"
        )
        report(rows, seconds)
        every_10, every_half = rows[1][0], rows[2][0]
        ratio = every_half.requests / max(1, every_10.requests)
        print(f"publish every 0.5 s keeps {ratio:.2f}x the throughput of every 10 s")
        errors = sum(phase.server_errors() + phase.socket_errors for phase, *_ in rows)
        return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(run(parse_args()))
