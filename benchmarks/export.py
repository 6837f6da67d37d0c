"""Time the static export (``govnews_export``) of many articles: in full, then incrementally.

Builds a throw-away database of ``--n`` published articles (``benchmarks/seed.py``), exports
it to a temporary folder and prints, for each run, the time, the files rendered and written:

1. full export into an empty folder;
2. one article edited, ``--changed`` run (only the changed article, the articles that show
   it and the shared lists, feeds and section pages rendered);
3. another article edited, full re-run (every file rendered again, only what changed
   written); skipped with ``--skip-rerun``.

``--workers N`` sets ``EXPORT_WORKERS`` (default 0: one process per core). ``--redis-url``
uses a Redis database (emptied first) as the cache, shared by the runs and their worker
processes as a deployment's is; by default each process has its own in-memory cache. With
``--same-as-one-process``, the full export is made a second time in one process into another
folder, and the two manifests must list the same files with the same SHA-256 (else exit 1).

    .venv/bin/python benchmarks/export.py --n 10000
    .venv/bin/python benchmarks/export.py --quick          # 200 articles (CI smoke run)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.api import configure_django, prepare_database


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, help="number of articles (default 10000)")
    parser.add_argument("--quick", action="store_true", help="smoke run: --n 200")
    parser.add_argument(
        "--skip-rerun", action="store_true", help="skip the full re-run after an edit"
    )
    parser.add_argument(
        "--workers", type=int, default=0, help="EXPORT_WORKERS (0: one process per core)"
    )
    parser.add_argument(
        "--same-as-one-process",
        action="store_true",
        help="export again in one process and compare the manifests' hashes",
    )
    parser.add_argument(
        "--redis-url", help="a Redis database for the cache, e.g. redis://127.0.0.1:6379/14"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="database server to benchmark on (a throw-away database is created there)",
    )
    args = parser.parse_args(argv)
    args.n = args.n if args.n is not None else (200 if args.quick else 10_000)
    if args.n < 1:
        parser.error("--n must be at least 1")
    return args


def timed_export(label: str, folder: Path, workers: int, **options: object) -> str:
    """Run one export with ``workers`` processes and describe it in one line."""
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage
    from django.test import override_settings

    from wagtail_govnews.contrib.export import export_site

    ours = {**getattr(settings, "WAGTAIL_GOVNEWS", {}), "EXPORT_WORKERS": workers}
    start = time.perf_counter()
    with override_settings(WAGTAIL_GOVNEWS=ours):
        result = export_site(FileSystemStorage(location=str(folder), base_url="/"), **options)
    seconds = time.perf_counter() - start
    rendered = len(result.written) + result.unchanged
    line = (
        f"{label:<34}{seconds:>9.1f} s{rendered:>9} rendered{len(result.written):>9} written"
        f"{len(result.removed):>6} removed"
    )
    print(line, flush=True)
    return line


def compare_manifests(folder: Path, other: Path) -> str:
    """One line saying whether two exports hold the same files with the same hashes; exits
    with status 1 when they do not. The API details' ``view_token`` changes every five
    minutes (``view_tokens.BUCKET_SECONDS``): details that differ only there count as same."""
    import json

    def hashes(root: Path) -> dict[str, str]:
        files = json.loads((root / "manifest.json").read_text())["files"]
        return {path: entry["sha256"] for path, entry in files.items()}

    def without_token(path: Path) -> object:
        data = json.loads(path.read_bytes())
        return {key: value for key, value in data.items() if key != "view_token"}

    ours, theirs = hashes(folder), hashes(other)
    differing = sorted(path for path in ours.keys() & theirs.keys() if ours[path] != theirs[path])
    tokens_only = [
        path
        for path in differing
        if path.endswith(".json") and without_token(folder / path) == without_token(other / path)
    ]
    wrong = sorted(set(ours) ^ set(theirs)) + sorted(set(differing) - set(tokens_only))
    if wrong:
        print(f"manifests differ ({len(ours)} and {len(theirs)} files), e.g. {wrong[:5]}")
        sys.exit(1)
    line = f"same files and SHA-256 in both manifests: {len(ours)} files"
    if tokens_only:
        line += f" ({len(tokens_only)} API details differ only in their view_token)"
    print(line, flush=True)
    return line


def edit_one(offset: int) -> None:
    """Publish a new revision of one article with a new lead."""
    from wagtail_govnews.models import NewsPage

    page = NewsPage.objects.live().order_by("-date")[offset]
    page.lead = f"{page.lead} (cập nhật)"
    page.save_revision().publish()


def run(args: argparse.Namespace) -> str:
    """Build the database, time the exports and return the report."""
    workdir = Path(tempfile.mkdtemp(prefix="govnews-export-benchmark-"))
    configure_django(workdir, args.database_url, args.redis_url)

    import django
    import wagtail
    from django.conf import settings
    from django.db import connection

    from benchmarks.seed import build_news

    settings.ALLOWED_HOSTS.append("localhost")  # the seeded site's hostname
    drop_database = prepare_database(workdir, own_file=not args.database_url)
    folder = workdir / "export"
    try:
        start = time.perf_counter()
        build_news(args.n)
        print(f"seeded {args.n} articles in {time.perf_counter() - start:.1f} s", flush=True)
        workers = args.workers
        lines = [timed_export(f"full export (empty folder, {workers=})", folder, workers)]
        if args.same_as_one_process:
            single = workdir / "export-one-process"
            lines.append(timed_export("full export, one process", single, 1))
            lines.append(compare_manifests(folder, single))
        edit_one(0)
        lines.append(
            timed_export("--changed run after one edit", folder, workers, changed_only=True)
        )
        if not args.skip_rerun:
            edit_one(1)
            lines.append(timed_export("full re-run after one edit", folder, workers))
        size = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
        files = sum(1 for path in folder.rglob("*") if path.is_file())
        cache = "Redis" if args.redis_url else "in-process cache"
        header = (
            f"{args.n} articles, {connection.vendor}, {cache}, Django {django.get_version()}, "
            f"Wagtail {wagtail.__version__}, Python {sys.version.split()[0]}; "
            f"export: {files} files, {size / 1e6:.0f} MB"
        )
        return "\n".join([header, *lines])
    finally:
        connection.close()
        drop_database()
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the benchmark and print its report."""
    print(run(parse_args(argv)))


if __name__ == "__main__":
    main()
