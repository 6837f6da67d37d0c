"""The article page on the production-like stack (``make stack``) under ``wrk``, three ways.

1. **nginx** serving the page from the static export;
2. **gunicorn, cached**: the same page from the site, its response cache warm (Redis);
3. **gunicorn, cold**: a second gunicorn on the same database with the response cache off.

Then **publish to visible**: ``--publishes`` articles published one after another as an
editor does it (a revision, published), each timed until the worker has written its page
into the export that nginx serves; p50 and p95.

    make stack
    .venv/bin/python benchmarks/stack_load.py --articles 2000
    make stack-stop

``--articles`` grows the stack's database with generated articles first (benchmarks/seed.py;
they are not in the export until a full ``govnews_export``: the pages measured are demo
articles, which are). CPU seconds of the server and of ``wrk`` are printed beside each phase.
Needs ``wrk`` (Debian's).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.faults import wrk
from benchmarks.publish_load import children_cpu, process_cpu

ROOT = Path(__file__).resolve().parent.parent
STACK = ROOT / "example_project" / "stack" / "stack.sh"
STACK_DIR = Path(os.environ.get("STACK_DIR", ROOT / "example_project" / ".stack"))
NGINX_PORT = int(os.environ.get("STACK_PORT", "8080"))
APP_PORT = int(os.environ.get("STACK_APP_PORT", "8001"))
COLD_PORT = APP_PORT + 1

COUNT = "from wagtail_govnews.models import NewsPage; print(NewsPage.objects.live().count())"
SEED = "from benchmarks.seed import build_news; build_news({n})"
PUBLISH_LOOP = """
import json, time
from pathlib import Path
from wagtail_govnews.models import NewsIndexPage, NewsPage
section = NewsIndexPage.objects.filter(locale__language_code="vi").live().first()
export = Path({export!r})
timings = []
for number in range({count}):
    page = NewsPage(title=f"Tin đo thời gian {{time.time_ns()}}", lead="Đo thời gian xuất bản.")
    section.add_child(instance=page)
    started = time.monotonic()
    page.save_revision().publish()
    target = export / page.url.strip("/") / "index.html"
    while not target.exists() and time.monotonic() - started < 120:
        time.sleep(0.05)
    timings.append(time.monotonic() - started)
print(json.dumps(timings))
"""


def stack_manage(*args: str) -> str:
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        ["bash", str(STACK), "manage", *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def pid_of(name: str) -> int:
    return int((STACK_DIR / "run" / f"{name}.pid").read_text())


def phase(name: str, port: int, path: str, pids: list[int], seconds: float, connections: int):
    paths = STACK_DIR / "bench-paths.txt"
    paths.write_text(path + "\n")
    wrk(port, paths, f"{name} warm-up", 2, connections)
    server_before = sum(process_cpu(pid) for pid in pids)
    client_before = children_cpu()
    result = wrk(port, paths, name, seconds, connections)
    server = sum(process_cpu(pid) for pid in pids) - server_before
    print(
        f"{result.line()}\n{'':28} CPU s: server {server:5.1f}, wrk "
        f"{children_cpu() - client_before:4.1f} (of {seconds * os.cpu_count():.0f} available)"
    )


def start_cold_gunicorn() -> subprocess.Popen:
    """A second gunicorn on the stack's database and cache, with the response cache off."""
    command = (
        f'source <(sed -n "/^stack_env()/,/^}}/p" {STACK}); STACK_DIR={STACK_DIR}; '
        f"STACK_PORT={NGINX_PORT}; STACK_DB=${{STACK_DB:-govnews_stack}}; "
        f"STACK_REDIS_DB=${{STACK_REDIS_DB:-3}}; PYTHON={sys.executable}; REPO={ROOT}; "
        f"stack_env; export GOVNEWS_RESPONSE_CACHE_TIMEOUT=0; exec "
        f"{Path(sys.executable).parent / 'gunicorn'} example_project.wsgi "
        f"--chdir {ROOT / 'example_project'} --workers 2 --bind 127.0.0.1:{COLD_PORT}"
    )
    process = subprocess.Popen(["bash", "-c", command], stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            subprocess.run(
                ["curl", "-fs", "-o", "/dev/null", f"http://127.0.0.1:{COLD_PORT}/vi/"], check=True
            )
            return process
        except subprocess.CalledProcessError:
            time.sleep(0.2)
    raise RuntimeError("the cold gunicorn did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="live articles at least")
    parser.add_argument("--seconds", type=float, default=10, help="length of each wrk phase")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--publishes", type=int, default=20)
    args = parser.parse_args()

    live = int(stack_manage("shell", "-c", COUNT).split()[-1])
    if live < args.articles:
        print(f"== growing the stack's database from {live} to {args.articles} articles")
        stack_manage("shell", "-c", SEED.format(n=args.articles - live))
    manifest = json.loads((STACK_DIR / "export" / "manifest.json").read_text())
    path = next(
        "/" + name.removesuffix("index.html")
        for name in sorted(manifest["files"])
        if name.startswith("vi/tin-tuc/") and name.count("/") == 3
    )
    print(f"== article page {path}: {live if live >= args.articles else args.articles} articles")
    gunicorn = [pid_of("gunicorn")]
    phase("nginx, from the export", NGINX_PORT, path, [pid_of("nginx")], args.seconds,
          args.connections)  # fmt: skip
    phase("gunicorn, response cache", APP_PORT, path, gunicorn, args.seconds, args.connections)
    cold = start_cold_gunicorn()
    try:
        phase("gunicorn, cold", COLD_PORT, path, [cold.pid], args.seconds, args.connections)
    finally:
        cold.terminate()
        cold.wait(timeout=30)

    print(f"== publish to visible in nginx's export, {args.publishes} publishes")
    code = PUBLISH_LOOP.format(export=str(STACK_DIR / "export"), count=args.publishes)
    timings = sorted(json.loads(stack_manage("shell", "-c", code).strip().splitlines()[-1]))
    p50 = timings[len(timings) // 2]
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    print(f"publish to visible: p50 {p50:.1f} s, p95 {p95:.1f} s, max {timings[-1]:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
