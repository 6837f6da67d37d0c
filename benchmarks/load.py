"""Load test: the example portal under gunicorn and PostgreSQL while an editor publishes.

Creates a throw-away PostgreSQL database ``govnews_load_<pid>`` on 127.0.0.1, migrates it,
loads the demo content (plus ``--articles`` generated ones), starts gunicorn with
``--workers`` workers on a free loopback port (with a Redis cache when Redis answers on
127.0.0.1:6379, in an empty Redis database that is flushed afterwards), then for
``--seconds`` drives it with ``--threads`` client threads over a mix of article pages, news
indexes, API list/detail/find and QR codes, while an editor process publishes and
unpublishes articles every ``--interval`` seconds. It reports requests/s, p50/p95/p99, the
error count and every response that showed a half-published article. Everything it started
or created is removed at the end, also on Ctrl-C or an error.

    .venv/bin/python benchmarks/load.py               # 60 s
    .venv/bin/python benchmarks/load.py --quick       # 10 s smoke run

Exits 1 when there was an error or a half-published response.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load_client import Target, drive, summary
from benchmarks.load_site import BIN, EXAMPLE, REPO_ROOT, get, start_process, start_site, step

HOT_ARTICLES = 6
WARM_ARTICLES = 40
#: Share of the requests per kind of URL.
WEIGHTS = {
    "html article": 35,
    "html index": 10,
    "api list": 15,
    "api detail": 20,
    "api find": 8,
    "api qr": 6,
    "html qr": 6,
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; ``--quick`` shortens the run to 10 s."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, help="duration of the load (default 60)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 10 s, demo articles only")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--worker-class", default="gthread", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--articles", type=int, help="generated articles (default 500)")
    parser.add_argument("--interval", type=float, default=0.5, help="editor interval (s)")
    parser.add_argument("--max-requests", type=int, default=500_000, help="request cap")
    parser.add_argument("--no-redis", action="store_true", help="local-memory cache only")
    parser.add_argument("--redis-db", type=int, help="Redis database (default: an empty one)")
    parser.add_argument("--port", type=int, help="gunicorn port (default: a free one)")
    parser.add_argument("--database-name", help="PostgreSQL database (default govnews_load_<pid>)")
    parser.add_argument(
        "--keep-failures", type=Path, help="write half-published responses to this folder"
    )
    args = parser.parse_args(argv)
    args.seconds = args.seconds or (10.0 if args.quick else 60.0)
    args.articles = args.articles if args.articles is not None else (0 if args.quick else 500)
    if args.seconds <= 0 or args.workers < 1 or args.threads < 1:
        parser.error("--seconds, --workers and --threads must be positive")
    return args


def published_articles(port: int, most: int | None = None) -> list[dict]:
    """The published articles, newest first, as the news API lists them (``most``: stop
    after that many; paging deep through 100,000 articles by offset takes minutes)."""
    items, offset = [], 0
    while most is None or len(items) < most:
        status, body = get(port, f"/api/govnews/news/?limit=100&offset={offset}")
        page = json.loads(body)
        items += page["items"]
        offset += 100
        if status != 200 or page["next"] is None:
            break
    return items[:most]


def request_mix(articles: list[dict], hot: list[dict]) -> list[tuple[Target, float]]:
    """Weighted targets; the edited ("hot") articles get half of each article kind's share."""
    sections = sorted({urlsplit(a["url"]).path.rsplit("/", 2)[0] + "/" for a in articles})
    lists = ["/api/govnews/news/", "/api/govnews/news/?limit=20&offset=20"]
    lists += ["/api/govnews/news/?locale=en", "/api/govnews/news/?search=th%C3%A0nh+ph%E1%BB%91"]
    kinds: dict[str, list[Target]] = {
        "api list": [Target("api list", path) for path in lists],
        "html index": [Target("html index", path) for path in [*sections, "/vi/"]],
    }
    hot_ids = {article["id"] for article in hot}
    for article in articles:
        for kind, path in article_urls(article).items():
            page_id = article["id"] if article["id"] in hot_ids else None
            markers = 3 if kind in ("html article", "api detail", "api find") else 0
            kinds.setdefault(kind, []).append(Target(kind, path, page_id, markers))
    mix = []
    for kind, targets in kinds.items():
        hot_targets = [target for target in targets if target.hot is not None]
        cold_targets = [target for target in targets if target.hot is None]
        for group, share in ((hot_targets, 0.5), (cold_targets, 0.5 if hot_targets else 1.0)):
            mix += [(target, WEIGHTS[kind] * share / len(group)) for target in group]
    return mix


def article_urls(article: dict) -> dict[str, str]:
    """The URLs of one article in the mix, by kind."""
    path, api = urlsplit(article["url"]).path, f"/api/govnews/news/{article['id']}/"
    return {
        "html article": path,
        "api detail": api,
        "api find": f"/api/govnews/news/find/?path={path}",
        "api qr": f"{api}qr.svg",
        "html qr": f"/govnews/news/{article['id']}/qr.png",
    }


def warm_up(port: int, mix: list[tuple[Target, float]], threads: int) -> int:
    """Request, outside the measurement, what makes image renditions: lists, the edited
    articles, and the page and API detail of the first ``WARM_ARTICLES`` other articles
    (generated articles share 20 images). Return the number of URLs requested.
    """
    paths = [target.path for target, _ in mix if target.kind in ("api list", "html index")]
    paths += [target.path for target, _ in mix if target.hot is not None]
    for kind in ("html article", "api detail"):
        cold = [target.path for target, _ in mix if target.kind == kind and target.hot is None]
        paths += cold[:WARM_ARTICLES]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(lambda path: get(port, path), paths))
    return len(paths)


def run(args: argparse.Namespace) -> int:
    """Set everything up, run the load and the editor, print the report; the exit status."""
    load_before = os.getloadavg()[0]
    with ExitStack() as stack:
        port, env, gunicorn = start_site(stack, args)
        articles = published_articles(port)
        vietnamese = [article for article in articles if article["locale"] == "vi"]
        hot = vietnamese[:: max(1, len(vietnamese) // HOT_ARTICLES)][:HOT_ARTICLES]
        editor = [str(BIN / "python"), str(REPO_ROOT / "benchmarks" / "load_editor.py")]
        editor += ["--pages", ",".join(str(article["id"]) for article in hot)]
        subprocess.run([*editor, "--prepare"], cwd=EXAMPLE, env=env, check=True)
        mix = request_mix(articles, hot)
        step(f"{len(articles)} published articles, {len(hot)} of them edited; warming up …")
        step(f"warmed up {warm_up(port, mix, args.threads)} URLs")

        report = Path(env["LOAD_WORKDIR"]) / "editor.json"
        editor += ["--seconds", str(args.seconds), "--interval", str(args.interval)]
        editor_log = Path(env["LOAD_WORKDIR"]) / "editor.log"
        editor_process = start_process(stack, [*editor, "--report", str(report)], env, editor_log)
        step(f"driving for {args.seconds:.0f} s with {args.threads} client threads …")
        if args.keep_failures:
            args.keep_failures.mkdir(parents=True, exist_ok=True)
        results, elapsed = drive(
            port, mix, seconds=args.seconds, threads=args.threads,
            max_requests=args.max_requests, keep_failures=args.keep_failures,
        )  # fmt: skip
        editor_process.wait(timeout=60)
        edits = json.loads(report.read_text()) if report.exists() else {"errors": ["no report"]}
        cache = "Redis" if "REDIS_URL" in env else "local memory"
        print(
            f"\n{args.workers} gunicorn {args.worker_class} workers, {args.threads} client "
            f"threads, PostgreSQL, {cache} cache, {len(articles)} articles; "
            f"{os.cpu_count()} cores, load average before the run "
            f"{load_before:.1f}\n{summary(results, elapsed)}\n{editor_summary(edits)}"
        )
        failed = results.error_count() or edits["errors"] or gunicorn.poll() is not None
        return 1 if failed else 0


def editor_summary(edits: dict) -> str:
    """The editor's line of the report."""
    lines = [
        f"editor: {edits.get('publishes', 0)} publishes, {edits.get('unpublishes', 0)} "
        f"unpublishes (median publish {edits.get('median_publish_ms', 0):.0f} ms), "
        f"{len(edits['errors'])} errors"
    ]
    return "\n".join(lines + [f"  e.g. {line}" for line in edits["errors"][:5]])


def main(argv: list[str] | None = None) -> None:
    """Entry point; Ctrl-C and SIGTERM stop the run and clean up."""
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with it ignored
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args = parse_args(argv)
    try:
        sys.exit(run(args))
    except KeyboardInterrupt:
        step("interrupted; everything started was stopped and removed")
        sys.exit(130)


if __name__ == "__main__":
    main()
