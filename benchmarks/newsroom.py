"""Time the editors' News area (admin) on a large archive, beside Wagtail's own explorer.

Seeds ``--n`` published articles (``benchmarks/seed.py``) into a PostgreSQL database of its own
(``newsroom_bench_<n>`` unless ``--db-name`` says otherwise), logs an administrator in with
Django's test client and prints, per request, the median and 95th-percentile latency and the
number of SQL queries of one request: the News listing, its filters (section, category,
author, status, dateline range), its search (a Vietnamese word with and without diacritics)
and Wagtail's explorer of one section for comparison. Requests are timed round-robin, so a
machine busy with other work slows them alike.

    .venv/bin/python benchmarks/newsroom.py --n 2000
    .venv/bin/python benchmarks/newsroom.py --n 100000 --keep     # keep the database
    .venv/bin/python benchmarks/newsroom.py --n 100000 --reuse    # measure a kept database again
    .venv/bin/python benchmarks/newsroom.py --n 2000 --index      # also fill Wagtail's index

The database is dropped at the end unless ``--keep``; ``--reuse`` migrates a kept one and seeds
only the missing articles. ``--index`` runs ``update_index`` after seeding (the seed leaves
Wagtail's search index empty; the News area's own search does not need it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: import the benchmarks as a package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.api import configure_django

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--runs", type=int, default=20, help="timed requests per URL")
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server URL")
    parser.add_argument("--db-name", help="database name (default newsroom_bench_<n>)")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--reuse", action="store_true", help="use an existing database")
    parser.add_argument("--index", action="store_true", help="run update_index after seeding")
    args = parser.parse_args(argv)
    if args.n < 10 or args.runs < 2:
        parser.error("--n must be at least 10 and --runs at least 2")
    args.db_name = args.db_name or f"newsroom_bench_{args.n}"
    if not args.db_name.startswith("newsroom_bench_"):
        parser.error("--db-name must start with newsroom_bench_")
    return args


def _server_command(server: str, sql: str) -> None:
    """Run ``sql`` (CREATE/DROP DATABASE) on the server's ``postgres`` database."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def _database_exists(server: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{server}/postgres") as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return row.fetchone() is not None


def urls(section_id: int, category_id: int) -> list[tuple[str, str]]:
    """The requests timed: (name, URL). The dateline range is the month before last."""
    from datetime import timedelta

    from django.utils import timezone

    news = "/admin/govnews_news/"
    today = timezone.localdate()
    since, until = today - timedelta(days=60), today - timedelta(days=30)
    return [
        ("News listing", news),
        ("section filter", f"{news}?section={section_id}"),
        ("category filter", f"{news}?category={category_id}"),
        ("author filter", f"{news}?author=minh"),
        ("status filter (live)", f"{news}?status=live"),
        ("status filter (draft)", f"{news}?status=draft"),
        ("dateline range", f"{news}?date_from={since}&date_to={until}"),
        ("search 'buýt'", f"{news}?q=bu%C3%BDt"),
        ("search 'buyt'", f"{news}?q=buyt"),
        ("listing page 20", f"{news}?p=20"),
        ("Wagtail explorer of a section", f"/admin/pages/{section_id}/"),
    ]


def _median_p95(timings: list[float]) -> tuple[float, float]:
    return statistics.median(timings), statistics.quantiles(timings, n=20, method="inclusive")[18]


def measure(client, targets: list[tuple[str, str]], runs: int) -> list[tuple]:
    """Warm each URL up, time them round-robin ``runs`` times, count one more's queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings: dict[str, list[float]] = {name: [] for name, _ in targets}
    status = {}
    for name, url in targets:
        status[name] = client.get(url).status_code
    for _ in range(runs):
        for name, url in targets:
            start = time.perf_counter()
            client.get(url)
            timings[name].append((time.perf_counter() - start) * 1000)
    rows = []
    for name, url in targets:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        shown = response.content.count(b"data-object-id=")  # one bulk-action checkbox a row
        rows.append((name, *_median_p95(timings[name]), len(queries), status[name], shown, url))
    return rows


def report(rows: list[tuple]) -> str:
    """A table of the measurements."""
    lines = [f"{'request':<32}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'HTTP':>6}{'rows':>6}  url"]
    for name, p50, p95, queries, status, shown, url in rows:
        lines.append(f"{name:<32}{p50:>9.1f}{p95:>9.1f}{queries:>9}{status:>6}{shown!s:>6}  {url}")
    return "\n".join(lines)


def prepare(args: argparse.Namespace) -> Callable[[], None]:
    """Create (or reuse) the database, migrate it, seed it; return the function that drops it."""
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.seed import build_news
    from wagtail_govnews.models import NewsPage

    exists = _database_exists(args.server, args.db_name)
    if exists and not args.reuse:
        raise SystemExit(f"database {args.db_name} exists: pass --reuse, or drop it")
    if not exists:
        _server_command(args.server, f'CREATE DATABASE "{args.db_name}"')
    call_command("migrate", verbosity=0, interactive=False)
    missing = args.n - NewsPage.objects.count()
    if missing > 0:
        start = time.perf_counter()
        build_news(missing)
        connection.cursor().execute("ANALYZE")
        print(f"seeded {missing} articles in {time.perf_counter() - start:.1f} s", flush=True)
    if args.index:
        start = time.perf_counter()
        call_command("update_index", verbosity=0)
        print(f"update_index in {time.perf_counter() - start:.1f} s", flush=True)

    def drop() -> None:
        connection.close()
        _server_command(args.server, f'DROP DATABASE IF EXISTS "{args.db_name}"')

    return drop


def run(args: argparse.Namespace) -> str:
    """Prepare the database, log an administrator in, measure and return the report."""
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-benchmark-"))
    configure_django(workdir, f"{args.server}/{args.db_name}")

    import django
    import wagtail
    from django.contrib.auth import get_user_model
    from django.test import Client

    from wagtail_govnews.models import NewsCategory, NewsIndexPage, NewsPage

    drop = prepare(args)
    try:
        admin, _ = get_user_model().objects.get_or_create(
            username="newsroom-admin", defaults={"is_superuser": True, "is_staff": True}
        )
        client = Client(raise_request_exception=True)
        client.force_login(admin)
        section = NewsIndexPage.objects.order_by("path").first()
        category = NewsCategory.objects.order_by("pk").first()
        rows = measure(client, urls(section.pk, category.pk), args.runs)
        header = (
            f"{NewsPage.objects.count()} articles, {args.runs} runs per request, PostgreSQL, "
            f"Django {django.get_version()}, Wagtail {wagtail.__version__}, "
            f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
        )
        return f"{header}\n\n{report(rows)}"
    finally:
        if not args.keep:
            drop()
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the benchmark and print its report."""
    print(run(parse_args(argv)), flush=True)


if __name__ == "__main__":
    main()
