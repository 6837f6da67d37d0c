"""Side-by-side comparison of the package with stock Wagtail, on the same data, in one run.

Builds a throw-away database of ``--n`` realistic articles (``benchmarks/seed.py``), then times,
in-process with Django's test client: Wagtail's API v2 and v3 list and detail, a minimal stock
template render of an article (``benchmarks/compare_urls.py``), and the package's list, detail
and full article page (QR, share links, social accounts, other news), each with its response
cache warm and cold, deep list pages by offset and by ``before`` cursor, and QR codes. With
``--grow N`` it then grows the same database to ``N`` articles and measures again, to show how
latency grows with the size of the portal. Endpoints are timed round-robin, so a machine
busy with other work slows them alike and the ratios stay meaningful. It prints a table of
queries, median and p95, and the targets of issue 10 with the ratios measured.

    .venv/bin/python benchmarks/compare.py                  # SQLite, 2,000 articles (make compare)
    .venv/bin/python benchmarks/compare.py --quick          # 200 articles, 10 runs (CI smoke)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python benchmarks/compare.py --grow 100000

With ``DATABASE_URL`` (or ``--database-url``) a ``govnews_benchmark_<pid>`` database is created
on that server and dropped at the end; the given database is never written to.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: import the benchmarks as a package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.api import configure_django, prepare_database, warm_renditions

QR_URL = (
    "https://www.example.gov.vn/tin-tuc/chinh-sach-moi/"
    "huong-dan-thuc-hien-nghi-dinh-ve-dich-vu-cong-truc-tuyen-nam-2024-1234"
)


@dataclass(frozen=True)
class Result:
    """Median and p95 latency (ms) and the queries of one more request; None when n/a."""

    name: str
    median_ms: float | None
    p95_ms: float | None = None
    queries: int | None = None
    note: str = ""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; ``--quick`` only fills in the values not given explicitly."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, help="articles to start with (default 2000)")
    parser.add_argument("--grow", type=int, help="grow to this many articles and measure again")
    parser.add_argument("--runs", type=int, help="timed requests per endpoint (default 30)")
    parser.add_argument("--quick", action="store_true", help="smoke run: --n 200 --runs 10")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args(argv)
    args.n = args.n if args.n is not None else (200 if args.quick else 2000)
    args.runs = args.runs if args.runs is not None else (10 if args.quick else 30)
    if args.n < 30 or args.runs < 2 or (args.grow is not None and args.grow <= args.n):
        parser.error("--n must be at least 30, --runs at least 2, --grow larger than --n")
    return args


def _time(call: Callable[[], object], runs: int, before: Callable[[], None]) -> list[float]:
    timings = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _stats(name: str, timings: list[float], queries: int | None, note: str = "") -> Result:
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[18]
    return Result(name, statistics.median(timings), p95, queries, note)


@dataclass(frozen=True)
class Probe:
    """One URL to time; ``cold`` empties the package's response cache before each request,
    then requests ``prime`` (untimed) if given, e.g. another page of the same list."""

    name: str
    url: str
    cold: bool = False
    prime: str | None = None
    #: Cache tags to bump before each request instead (what a publish nearby bumps).
    bump: tuple[str, ...] = ()

    def before(self, client) -> None:
        """Prepare one timed request (untimed)."""
        if self.cold:
            _invalidate()
        if self.prime:
            client.get(self.prime)
        if self.bump:
            from wagtail_govnews.cache_tags import bump

            bump(self.bump)


def measure_urls(client, probes: list[Probe], runs: int) -> dict[str, Result]:
    """Time every probe ``runs`` times, round-robin, so that a busy machine slows all alike.

    Each probe is requested once first (renditions, lazy imports); one more request after the
    timed ones is captured to count its SQL queries.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results: dict[str, Result] = {}
    timings: dict[str, list[float]] = {}
    for probe in probes:
        status = client.get(probe.url).status_code
        if status == 200:
            timings[probe.name] = []
        else:
            results[probe.name] = Result(probe.name, None, note=f"HTTP {status}: {probe.url}")
    live = [probe for probe in probes if probe.name in timings]
    for _ in range(runs):
        for probe in live:
            probe.before(client)
            start = time.perf_counter()
            client.get(probe.url)
            timings[probe.name].append((time.perf_counter() - start) * 1000)
    for probe in live:
        probe.before(client)
        with CaptureQueriesContext(connection) as queries:
            client.get(probe.url)
        results[probe.name] = _stats(probe.name, timings[probe.name], len(queries), probe.url)
    return {probe.name: results[probe.name] for probe in probes}


def _invalidate() -> None:
    """Forget the package's cached responses (a no-op before the response cache existed)."""
    try:
        from wagtail_govnews.response_cache import invalidate
    except ImportError:
        return
    invalidate()


def measure_qr(runs: int) -> list[Result]:
    """Cached and uncached QR SVG of a 120-character URL, beside the ``qrcode`` path image."""
    import qrcode
    import qrcode.image.svg

    from wagtail_govnews.qr import cached_qr_svg, qr_svg

    def stock() -> bytes:
        buffer = io.BytesIO()
        qrcode.make(QR_URL, image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
        return buffer.getvalue()

    def repeat(call: Callable[[], object], times: int) -> list[float]:
        # Sub-millisecond calls: time batches and report the per-call figure.
        return [t / times for t in _time(lambda: [call() for _ in range(times)], runs, _noop)]

    cached_qr_svg(QR_URL)
    return [
        _stats("stock qrcode SVG path", repeat(stock, 1), None, f"{len(stock())} bytes"),
        _stats("ours qr_svg (uncached)", repeat(lambda: qr_svg(QR_URL), 1), None, ""),
        _stats(
            "ours cached QR render",
            repeat(lambda: cached_qr_svg(QR_URL), 200),
            None,
            f"{len(qr_svg(QR_URL).encode())} bytes",
        ),
    ]


def _noop() -> None:
    return None


def measure_all(client, runs: int, n: int) -> dict[str, Result]:
    """Every endpoint of the comparison, on the current database."""
    from wagtail_govnews.models import NewsPage

    newest = NewsPage.objects.live().order_by("-date", "-pk")
    article = newest.first()
    depth = min(n // 2, 50_000)
    deep = newest.values_list("date", "pk")[depth - 1]
    cursor = f"{int(deep[0].timestamp() * 1_000_000)}_{deep[1]}"
    news = "type=wagtail_govnews.NewsPage"
    fields = "fields=date,lead,author,categories,tags,hero_image"
    urls = [
        ("v2 list", f"/api/v2/pages/?{news}&{fields}&limit=20", False),
        ("v3 list", f"/api/v3/pages/?{news}&limit=20", False),
        ("ours list warm", "/api/govnews/news/?limit=20", False),
        ("ours list cold", "/api/govnews/news/?limit=20", True),
        ("ours list 5 cold", "/api/govnews/news/?limit=5", True),
        ("ours list cold, count hit", "/api/govnews/news/?limit=20", "count"),
        ("ours deep offset cold", f"/api/govnews/news/?limit=20&offset={depth}", True),
        ("ours deep before cold", f"/api/govnews/news/?limit=20&before={cursor}", True),
        ("v2 detail", f"/api/v2/pages/{article.pk}/", False),
        ("v3 detail", f"/api/v3/pages/{article.pk}/", False),
        ("ours detail warm", f"/api/govnews/news/{article.pk}/", False),
        ("ours detail cold", f"/api/govnews/news/{article.pk}/", True),
        ("stock minimal HTML", minimal_url(article.get_url()), False),
        ("ours article HTML warm", article.get_url(), False),
        ("ours article HTML cold", article.get_url(), True),
    ]
    page_two = "/api/govnews/news/?limit=20&offset=20"  # fills the count of the same list
    probes = [
        Probe(name, url, cold=bool(cold), prime=_prime(name, url, cold, page_two))
        for name, url, cold in urls
    ]
    # What publishing a new article in the article's section makes stale (its section's
    # lists, its "other news" box, every list of news): the rest stays cached.
    published_nearby = _tags_of_a_new_article_beside(article)
    detail, page = f"/api/govnews/news/{article.pk}/", article.get_url()
    probes += [  # primed: what the publish did not make stale is cached
        Probe("ours detail, publish nearby", detail, prime=detail, bump=published_nearby),
        Probe("ours article HTML, publish nearby", page, prime=page, bump=published_nearby),
    ]
    results = measure_urls(client, probes, runs)
    results.update({result.name: result for result in measure_qr(runs)})
    return results


def _tags_of_a_new_article_beside(article) -> tuple[str, ...]:
    """The cache tags a new article published in ``article``'s section bumps (none before
    the response cache had tags)."""
    try:
        from wagtail_govnews import cache_tags
    except ImportError:
        return ()
    parent_path = article.path[: -article.steplen]
    newest = getattr(cache_tags, "newest_tag", cache_tags.section_tag)(parent_path)
    return (cache_tags.NEWS, cache_tags.section_tag(parent_path), newest)


def _prime(name: str, url: str, cold: bool | str, page_two: str) -> str | None:
    """What to request before timing: the same URL for our warm probes (a cold probe before
    them in the round emptied the cache), page two of the list for a cached count."""
    if cold == "count":
        return page_two
    return url if name.endswith(" warm") else None


def minimal_url(article_url: str) -> str:
    """The stock minimal render of the article at ``/<language>/<path>``."""
    language, path = article_url.lstrip("/").split("/", 1)
    return f"/{language}/benchmark/minimal/{path}"


def table(results: dict[str, Result]) -> str:
    """The measurements as a fixed-width table."""
    lines = [f"{'endpoint':<27}{'queries':>8}{'median ms':>11}{'p95 ms':>9}  note"]
    for result in results.values():
        if result.median_ms is None:
            lines.append(f"{result.name:<27}{'n/a':>8}{'n/a':>11}{'n/a':>9}  {result.note}")
            continue
        queries = "" if result.queries is None else str(result.queries)
        figures = f"{queries:>8}{result.median_ms:>11.3f}{result.p95_ms:>9.3f}"
        lines.append(f"{result.name:<27}{figures}  {result.note}")
    return "\n".join(lines)


def _ratio(results: dict[str, Result], ours: str, stock: str) -> float | None:
    a, b = results.get(ours), results.get(stock)
    if a is None or b is None or a.median_ms is None or b.median_ms is None:
        return None
    return a.median_ms / b.median_ms


def targets(
    results: dict[str, Result],
    *,
    baseline: dict[str, Result] | None = None,
) -> str:
    """Issue 10's targets, the figure measured for each and whether it is met; with
    ``baseline`` (the same run at fewer articles), the growth of latency too."""
    rows: list[tuple[str, float | None, str, bool | None]] = []

    def ratio_row(label: str, ours: str, stock: str, limit: float) -> None:
        value = _ratio(results, ours, stock)
        rows.append((label, value, f"<= {limit}x", None if value is None else value <= limit))

    ratio_row("list / v3 list (warm)", "ours list warm", "v3 list", 1.0)
    ratio_row("list / v2 list (warm)", "ours list warm", "v2 list", 0.3)
    ratio_row("list / v3 list (cold)", "ours list cold", "v3 list", 1.0)
    ratio_row("list / v2 list (cold)", "ours list cold", "v2 list", 0.3)
    ratio_row("list / v3 list (cold, count hit)", "ours list cold, count hit", "v3 list", 1.0)
    ratio_row("detail / v3 detail (warm)", "ours detail warm", "v3 detail", 1.0)
    ratio_row("detail / v3 detail (cold)", "ours detail cold", "v3 detail", 1.0)
    ratio_row("article / minimal (warm)", "ours article HTML warm", "stock minimal HTML", 1.5)
    ratio_row("article / minimal (cold)", "ours article HTML cold", "stock minimal HTML", 1.5)
    ratio_row(
        "article / minimal (publish nearby)",
        "ours article HTML, publish nearby",
        "stock minimal HTML",
        1.5,
    )
    ratio_row("deep before / first page", "ours deep before cold", "ours list cold", 1.3)
    five, twenty = results["ours list 5 cold"].queries, results["ours list cold"].queries
    if five is not None and twenty is not None:
        rows.append(("list queries, 20 vs 5 items", twenty - five, "== 0", twenty == five))
    cached = results["ours cached QR render"].median_ms
    rows.append(("cached QR render (ms)", cached, "< 0.1", cached < 0.1))
    size = float(results["ours cached QR render"].note.split()[0])
    rows.append(("QR SVG (bytes)", size, "< 5000", size < 5000))
    if baseline is not None:
        for name in (
            "ours list warm",
            "ours list cold",
            "ours list cold, count hit",
            "ours detail warm",
            "ours detail cold",
            "ours article HTML warm",
            "ours article HTML cold",
            "ours deep before cold",
        ):
            value = _ratio({"a": results[name], "b": baseline[name]}, "a", "b")
            rows.append((f"growth: {name}", value, "<= 1.3x", value is not None and value <= 1.3))
    lines = [f"{'target':<36}{'measured':>10}  {'limit':<9}met"]
    for label, value, limit, met in rows:
        shown = "n/a" if value is None else f"{value:.3f}" if value < 100 else f"{value:.0f}"
        verdict = "n/a" if met is None else ("yes" if met else "NO")
        lines.append(f"{label:<36}{shown:>10}  {limit:<9}{verdict}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> str:
    """Build the database, measure at ``--n`` (and ``--grow``) articles, return the report."""
    workdir = Path(tempfile.mkdtemp(prefix="govnews-compare-"))
    configure_django(workdir, args.database_url)

    import django
    import wagtail
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from benchmarks.seed import build_news

    settings.ROOT_URLCONF = "benchmarks.compare_urls"
    drop_database = prepare_database(workdir, own_file=not args.database_url)
    client = Client(raise_request_exception=False)
    sections: list[str] = []
    measured: list[dict[str, Result]] = []
    try:
        built = 0
        for size in [args.n] + ([args.grow] if args.grow else []):
            start = time.perf_counter()
            build_news(size - built)
            seconds = time.perf_counter() - start
            built = size
            warm_renditions()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            print(f"{size} articles ({seconds:.1f} s to add them); measuring …", flush=True)
            measured.append(measure_all(client, args.runs, size))
            sections.append(f"== {size} articles\n{table(measured[-1])}")
        header = (
            f"{args.runs} runs per endpoint, {connection.vendor}, Django {django.get_version()}, "
            f"Wagtail {wagtail.__version__}, Python {sys.version.split()[0]}, "
            f"{os.cpu_count()} CPUs"
        )
        sections.append(f"== targets (at {args.n} articles)\n{targets(measured[0])}")
        if args.grow:
            grown = targets(measured[1], baseline=measured[0])
            sections.append(f"== targets (at {args.grow} articles)\n{grown}")
        return header + "\n\n" + "\n\n".join(sections)
    finally:
        connection.close()
        drop_database()
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the comparison and print its report."""
    print(run(parse_args(argv)))


if __name__ == "__main__":
    main()
