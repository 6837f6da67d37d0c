"""Compare the package's headless news API with Wagtail's stock APIs v2 and v3.

Builds a throw-away database of ``--n`` published articles (``benchmarks/seed.py``), then
requests each endpoint in-process with Django's test client and prints, per endpoint, the
median and 95th-percentile latency and the number of SQL queries of one request.

    .venv/bin/python benchmarks/api.py --n 10000
    .venv/bin/python benchmarks/api.py --quick                    # 200 articles, 10 runs (CI)
    .venv/bin/python benchmarks/api.py --database-url postgres://postgres@127.0.0.1:5432/postgres

SQLite runs in a file in a temporary folder. With ``--database-url`` (or ``DATABASE_URL``) the
script creates, uses and drops a ``govnews_benchmark_<pid>`` database on that server (a
temporary file for a SQLite URL), as Django's test runner does; the given database itself is
never written to. Endpoints that are not mounted (any answer but 200) are reported as "n/a".
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
RENDITION_SPECS = ["fill-1200x675"]  # what the stock APIs ask for (NewsPage.api_fields)


@dataclass(frozen=True)
class Endpoint:
    """One URL to measure; ``group`` pairs our endpoint with the stock ones it replaces."""

    name: str
    url: str
    group: str
    ours: bool = False


@dataclass(frozen=True)
class Measurement:
    """Latencies (ms) and query count of an endpoint, or the status that made it n/a."""

    endpoint: Endpoint
    status: int
    median_ms: float | None = None
    p95_ms: float | None = None
    queries: int | None = None

    @property
    def ok(self) -> bool:
        return self.median_ms is not None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; ``--quick`` only fills in the values not given explicitly."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, help="number of articles (default 10000)")
    parser.add_argument("--runs", type=int, help="timed requests per endpoint (default 50)")
    parser.add_argument("--quick", action="store_true", help="smoke run: --n 200 --runs 10")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="database server to benchmark on (a throw-away database is created there)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    args.n = args.n if args.n is not None else (200 if args.quick else 10_000)
    args.runs = args.runs if args.runs is not None else (10 if args.quick else 50)
    if args.n < 1 or args.runs < 2:
        parser.error("--n must be at least 1 and --runs at least 2")
    return args


def configure_django(workdir: Path, database_url: str | None, redis_url: str | None = None) -> None:
    """Set up Django with the example project's settings, media and SQLite in ``workdir``;
    the cache is in-process unless ``redis_url`` names a Redis database (emptied first)."""
    # Import the benchmarks as a package (benchmarks.seed), not this folder's modules as top-level.
    here = Path(__file__).resolve().parent
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != here]
    for folder in (REPO_ROOT, REPO_ROOT / "example_project"):
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
    os.environ["DJANGO_SETTINGS_MODULE"] = "example_project.settings"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_STATIC_ROOT"] = str(workdir / "static")
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'benchmark.sqlite3'}"
    os.environ.pop("REDIS_URL", None)  # an in-process cache: the same for every endpoint
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url, socket_timeout=2).flushdb()
        os.environ["REDIS_URL"] = redis_url

    import django
    from django.core.management import call_command

    django.setup()
    # With DEBUG off, pages link hashed static names from collectstatic's manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    # Unmounted endpoints answer 404s: do not log one warning per request.
    logging.getLogger("django.request").setLevel(logging.ERROR)


def prepare_database(workdir: Path, *, own_file: bool) -> Callable[[], None]:
    """Create the schema; return the function that drops the database afterwards.

    Our own SQLite file is migrated in place (the folder goes away at the end). For a given
    database URL, a throw-away database is created beside it, as Django's test runner does.
    """
    from django.core.management import call_command
    from django.db import connection

    if own_file:
        call_command("migrate", verbosity=0, interactive=False)
        return lambda: None
    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        test_name = str(workdir / "benchmark.sqlite3")
    else:
        # A name of our own: never clobber the test_<name> database of a concurrent test run.
        test_name = f"govnews_benchmark_{os.getpid()}"
    connection.settings_dict.setdefault("TEST", {})["NAME"] = test_name
    print(f"creating database {test_name} ({connection.vendor}) …", flush=True)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return lambda: connection.creation.destroy_test_db(old_name, verbosity=0)


def warm_renditions() -> int:
    """Create the renditions the stock APIs serve, so no run pays for image processing."""
    from wagtail.images import get_image_model

    images = list(get_image_model().objects.all())
    for image in images:
        for spec in RENDITION_SPECS:
            image.get_rendition(spec)
    return len(images)


def endpoints(article_id: int) -> list[Endpoint]:
    """The stock and package endpoints, for lists of 20 articles and one article's detail."""
    news = "type=wagtail_govnews.NewsPage"
    fields = "fields=date,lead,author,categories,tags,hero_image"
    return [
        Endpoint("v2 list", f"/api/v2/pages/?{news}&{fields}&limit=20", "list"),
        Endpoint("v3 list", f"/api/v3/pages/?{news}&limit=20", "list"),
        Endpoint("govnews list", "/api/govnews/news/?limit=20", "list", ours=True),
        Endpoint("v2 detail", f"/api/v2/pages/{article_id}/", "detail"),
        Endpoint("v3 detail", f"/api/v3/pages/{article_id}/", "detail"),
        Endpoint("govnews detail", f"/api/govnews/news/{article_id}/", "detail", ours=True),
    ]


def measure(client, endpoint: Endpoint, runs: int) -> Measurement:
    """Warm up once, time ``runs`` requests, then count the queries of one more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(endpoint.url)  # warm-up: caches, lazy imports, renditions
    if response.status_code != 200:
        return Measurement(endpoint, response.status_code)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(endpoint.url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(endpoint.url)
    return Measurement(
        endpoint,
        200,
        median_ms=statistics.median(timings),
        p95_ms=statistics.quantiles(timings, n=20, method="inclusive")[18],
        queries=len(queries),
    )


def report(results: list[Measurement]) -> str:
    """A table of the measurements followed by the ratios ours / stock."""
    lines = [f"{'endpoint':<16}{'median ms':>11}{'p95 ms':>10}{'queries':>9}  url"]
    for result in results:
        name, url = result.endpoint.name, result.endpoint.url
        if result.ok:
            figures = f"{result.median_ms:>11.2f}{result.p95_ms:>10.2f}{result.queries:>9}"
            lines.append(f"{name:<16}{figures}  {url}")
        else:
            figures = f"{'n/a':>11}{'n/a':>10}{'n/a':>9}"
            lines.append(f"{name:<16}{figures}  {url}  (HTTP {result.status})")

    lines.append("")
    lines.append("ours / stock (median time, queries):")
    for ours in (result for result in results if result.endpoint.ours):
        stock = [
            r for r in results if r.endpoint.group == ours.endpoint.group and not r.endpoint.ours
        ]
        for other in stock:
            label = f"  {ours.endpoint.name} / {other.endpoint.name}"
            if ours.ok and other.ok:
                time_ratio = ours.median_ms / other.median_ms
                lines.append(
                    f"{label:<36}{time_ratio:>6.2f}x   {ours.queries} vs {other.queries} queries"
                )
            else:
                lines.append(f"{label:<36}   n/a")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> str:
    """Build the database, measure every endpoint and return the report."""
    workdir = Path(tempfile.mkdtemp(prefix="govnews-benchmark-"))
    configure_django(workdir, args.database_url)

    import django
    import wagtail
    from django.db import connection
    from django.test import Client

    from benchmarks.seed import build_news
    from wagtail_govnews.models import NewsPage

    drop_database = prepare_database(workdir, own_file=not args.database_url)
    try:
        start = time.perf_counter()
        build_news(args.n)
        seconds = time.perf_counter() - start
        print(f"seeded {args.n} articles in {seconds:.1f} s", flush=True)
        print(f"warmed renditions of {warm_renditions()} images", flush=True)

        article_id = NewsPage.objects.live().order_by("-date").values_list("pk", flat=True)[0]
        client = Client(raise_request_exception=False)
        results = [measure(client, endpoint, args.runs) for endpoint in endpoints(article_id)]
        header = (
            f"{args.n} articles, {args.runs} runs per endpoint, {connection.vendor}, "
            f"Django {django.get_version()}, Wagtail {wagtail.__version__}, "
            f"Python {sys.version.split()[0]}"
        )
        return f"{header}\n\n{report(results)}"
    finally:
        connection.close()
        drop_database()
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the benchmark and print its report."""
    print(run(parse_args(argv)))


if __name__ == "__main__":
    main()
