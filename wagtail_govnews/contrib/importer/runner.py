"""One import run: list the source's articles, fetch and read them on a few threads, write
them one at a time (each in its own transaction), and report what happened."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from .article import Article
from .extract import NotAnArticle, canonical_address, extract_article
from .fetch import Fetcher, FetchError, decode
from .images import ImageProblem, download
from .models import ImportedArticle, url_key
from .profiles import SiteProfile
from .progress import ProgressLine, Report
from .sources import Entry, entries
from .writer import Options, Outcome, save_article


@dataclass
class Fetched:
    """An entry read by a worker: its article and photos, or why there is none."""

    url: str
    article: Article | None = None
    images: dict[str, bytes] = field(default_factory=dict)
    validators: dict[str, str] = field(default_factory=dict)
    not_modified: bool = False
    skipped: str = ""
    failed: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Reading:
    """What the workers need to read entries (no database access: they run on threads)."""

    fetcher: Fetcher
    profiles: list[SiteProfile]
    tz: tzinfo | None = None
    known: dict[str, tuple[str, str]] = field(default_factory=dict)


def run_import(
    source: str,
    options: Options,
    reading: Reading,
    *,
    workers: int = 4,
    limit: int | None = None,
    refetch: bool = False,
    progress: Callable[[str], None] | None = None,
    after_each: Callable[[str, Outcome], None] | None = None,
) -> Report:
    """Import every article of ``source`` into ``options.section``; the report of the run.

    ``refetch`` asks for every page again, even those the server says are unchanged since
    the last run. ``after_each(url, outcome)`` is called once an article is written. Ctrl-C
    ends the run between two articles (``report.interrupted``); running it again resumes.
    """
    report = Report()
    listed = entries(source, reading.fetcher)[:limit]
    report.total = len(listed)
    reading.known = {} if refetch else _validators_of(listed)
    line = ProgressLine(progress or (lambda text: None), report)
    window = max(1, workers) * 2  # entries read ahead: memory stays flat on long runs
    pending: deque[Future[Fetched]] = deque()

    def write_next() -> None:
        _write(pending.popleft().result(), options, report, after_each)
        line.update()

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        try:
            for entry in listed:
                pending.append(pool.submit(read_entry, entry, reading))
                if len(pending) >= window:
                    write_next()
            while pending:
                write_next()
        except KeyboardInterrupt:  # Ctrl-C: the article being written was rolled back
            report.interrupted = True
            for future in pending:
                future.cancel()
    report.seconds = time.monotonic() - report.started
    line.update(force=True)
    return report


def _validators_of(listed: list[Entry]) -> dict[str, tuple[str, str]]:
    """The ETag and Last-Modified kept for each listed address (one query per 500)."""
    keys = [url_key(entry.url) for entry in listed if entry.path is None]
    known: dict[str, tuple[str, str]] = {}
    for start in range(0, len(keys), 500):
        rows = ImportedArticle.objects.filter(url_hash__in=keys[start : start + 500])
        for key, etag, modified in rows.values_list("url_hash", "etag", "last_modified"):
            known[key] = (etag, modified)
    return known


def read_entry(entry: Entry, reading: Reading) -> Fetched:
    """Fetch and read one entry with its photos (on a worker thread; never raises)."""
    try:
        return _read(entry, reading)
    except Exception as error:  # one bad page must not stop the run: it is reported
        return Fetched(url=entry.url, failed=f"{type(error).__name__}: {error}")


def _read(entry: Entry, reading: Reading) -> Fetched:
    if entry.path is not None:
        html = decode(Path(entry.path).read_bytes())
        url, validators = canonical_address(html) or entry.url, {}
    else:
        etag, modified = reading.known.get(url_key(entry.url), ("", ""))
        try:
            answer = reading.fetcher.get(entry.url, etag=etag, last_modified=modified)
        except FetchError as error:
            return Fetched(url=entry.url, failed=str(error).removeprefix(f"{entry.url}: "))
        if answer.status == 304:
            return Fetched(url=entry.url, not_modified=True)
        html, url = answer.text(), entry.url
        validators = {"etag": answer.etag[:255], "last_modified": answer.last_modified[:64]}
    try:
        article = extract_article(html, url, reading.profiles, reading.tz)
    except NotAnArticle as why:
        return Fetched(url=url, skipped=f"not an article: {why}")
    fetched = Fetched(url=url, article=article, validators=validators)
    for photo in article.photos():
        if photo.url in fetched.images:
            continue
        try:
            local = entry.path is not None
            fetched.images[photo.url] = download(photo.url, reading.fetcher, local)
        except ImageProblem as problem:
            fetched.notes.append(f"photo not downloaded: {problem}")
    return fetched


def _write(
    fetched: Fetched,
    options: Options,
    report: Report,
    after_each: Callable[[str, Outcome], None] | None,
) -> None:
    """Write one read entry and count it; a failure is reported, never raised."""
    report.notes += [(fetched.url, note) for note in fetched.notes]
    if fetched.failed:
        report.counts["failed"] += 1
        report.failures.append((fetched.url, fetched.failed))
        return
    if fetched.skipped:
        report.counts["skipped"] += 1
        report.skipped.append((fetched.url, fetched.skipped))
        return
    if fetched.not_modified:
        outcome = Outcome("unchanged")
    else:
        try:
            outcome = save_article(fetched.article, fetched.images, options, fetched.validators)
        except Exception as error:  # the article's transaction is rolled back: nothing is half made
            report.counts["failed"] += 1
            report.failures.append((fetched.url, f"{type(error).__name__}: {error}"))
            return
    report.counts[outcome.action] += 1
    report.notes += [(fetched.url, note) for note in outcome.notes]
    if after_each is not None:
        after_each(fetched.url, outcome)
