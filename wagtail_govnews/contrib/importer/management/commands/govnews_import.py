"""``manage.py govnews_import SOURCE --into SECTION``: bring a portal's existing news in."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from wagtail_govnews.contrib.importer.fetch import Fetcher
from wagtail_govnews.contrib.importer.mapping import MappingError, load_mapping
from wagtail_govnews.contrib.importer.profiles import ProfileError, built_in_profiles, load_profile
from wagtail_govnews.contrib.importer.runner import Reading, run_import
from wagtail_govnews.contrib.importer.sources import SourceError
from wagtail_govnews.contrib.importer.writer import Options, Outcome
from wagtail_govnews.models import NewsIndexPage


class Command(BaseCommand):
    help = (
        "Import news articles from an RSS/Atom feed, a sitemap (or sitemap index) or a folder "
        "of saved pages into a news section. Re-running updates what changed and adds what is "
        "new; nothing is imported twice (articles are keyed by their original address)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("source", help="feed or sitemap address, or a folder of .html pages")
        parser.add_argument("--into", required=True, help="news section: page id or its path")
        parser.add_argument(
            "--profile", action="append", default=[], help="site profile TOML file (repeatable)"
        )
        parser.add_argument("--mapping", help="category and tag mapping TOML file")
        parser.add_argument("--draft", action="store_true", help="leave articles as drafts")
        parser.add_argument("--dry-run", action="store_true", help="show what would change")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="update articles edited in Wagtail since they were imported",
        )
        parser.add_argument("--limit", type=int, help="import at most this many articles")
        parser.add_argument(
            "--refetch",
            action="store_true",
            help="read every page again, even those the server says have not changed",
        )
        parser.add_argument("--workers", type=int, default=4, help="fetching threads (4)")
        parser.add_argument("--rate", type=float, default=5.0, help="requests per second (5)")
        parser.add_argument("--timeout", type=float, default=15.0, help="seconds per request")
        parser.add_argument("--retries", type=int, default=3, help="retries of a failed request")
        parser.add_argument(
            "--ignore-robots", action="store_true", help="do not read robots.txt (own sites)"
        )
        parser.add_argument("--report", help="write the run's report as JSON to this file")

    def handle(self, *args: Any, **options: Any) -> None:
        section = find_section(options["into"])
        try:
            profiles = [load_profile(path) for path in options["profile"]]
            mapping = load_mapping(options["mapping"])
        except (ProfileError, MappingError) as error:
            raise CommandError(str(error)) from error
        workers = max(1, options["workers"])
        fetcher = Fetcher(
            rate=options["rate"],
            timeout=options["timeout"],
            retries=max(0, options["retries"]),
            robots=not options["ignore_robots"],
            workers=workers,
        )
        source = options["source"]
        writing = Options(
            section=section,
            source=source if "://" in source else str(Path(source).resolve()),
            mapping=mapping,
            draft=options["draft"],
            dry_run=options["dry_run"],
            overwrite=options["overwrite"],
        )
        show = self._progress if options["verbosity"] > 0 else None
        try:
            report = run_import(
                source,
                writing,
                Reading(fetcher=fetcher, profiles=[*profiles, *built_in_profiles()]),
                workers=workers,
                limit=options["limit"],
                refetch=options["refetch"],
                progress=show,
                after_each=self._would if options["dry_run"] else None,
            )
        except SourceError as error:
            raise CommandError(str(error)) from error
        if show:
            self.stderr.write("")
        for url, why in report.failures:
            self.stderr.write(f"failed: {url}: {why}")
        if options["verbosity"] > 1:
            for url, note in [*report.skipped, *report.notes]:
                self.stdout.write(f"note: {url}: {note}")
        if options["report"]:
            Path(options["report"]).write_text(
                json.dumps(report.as_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
            )
        prefix = "Dry run, nothing written: " if options["dry_run"] else "Imported "
        if report.interrupted:
            self.stdout.write(prefix + report.summary())
            raise CommandError("Interrupted: run the same command again to continue.")
        self.stdout.write(self.style.SUCCESS(prefix + report.summary()))

    def _would(self, url: str, outcome: Outcome) -> None:
        """A dry run's line per article that would change."""
        if outcome.action in ("created", "updated"):
            self.stdout.write(f"would be {outcome.action}: {url} ({outcome.title})")

    def _progress(self, line: str) -> None:
        self.stderr.write("\r" + line, ending="")
        self.stderr.flush()


def find_section(value: str) -> NewsIndexPage:
    """The news section named by its page id or by its path (``/vi/tin-tuc/``)."""
    if value.isdigit():
        section = NewsIndexPage.objects.filter(pk=int(value)).first()
    else:
        wanted = "/" + value.strip("/") + "/"
        section = next(
            (
                page
                for page in NewsIndexPage.objects.all()
                if wanted in (page.url_path, _site_path(page))
            ),
            None,
        )
    if section is None:
        raise CommandError(f"No news section {value!r} (give its page id or its path).")
    return section


def _site_path(page: Page) -> str:
    parts = page.get_url_parts()
    return parts[2] if parts else ""
