"""``manage.py govnews_export <dir>``: bake the published news into static files."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.files.storage import FileSystemStorage, InvalidStorageError, storages
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from wagtail_govnews.contrib.export import ExportError, ExportRefused, export_site


class Command(BaseCommand):
    help = (
        "Export every published news article (HTML page, print view, API JSON, QR images), "
        "the API news lists, feeds and news sitemaps, with the images and static files they "
        "use, to a folder or a storage. Only changed files are written; manifest.json lists "
        "every file with its hash."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("dir", nargs="?", help="target folder (created when missing)")
        parser.add_argument(
            "--storage", help="a STORAGES alias to export to instead of a folder (e.g. S3)"
        )
        parser.add_argument(
            "--site", help="hostname of the Wagtail site to export (default: the default site)"
        )
        parser.add_argument(
            "--changed",
            action="store_true",
            help="render only the articles changed since the previous export (audit log)",
        )
        parser.add_argument(
            "--force", action="store_true", help="write every file, even when unchanged"
        )
        parser.add_argument(
            "--workers",
            type=int,
            help="processes rendering the pages (default: the EXPORT_WORKERS setting, "
            "0 for one per core; 1 renders in this process)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if bool(options["dir"]) == bool(options["storage"]):
            raise CommandError("Give either a target folder or --storage ALIAS.")
        if options["storage"]:
            try:
                storage = storages[options["storage"]]
            except InvalidStorageError as error:
                raise CommandError(f"No storage {options['storage']!r} in STORAGES.") from error
        else:
            storage = FileSystemStorage(location=options["dir"], base_url="/")
        site = None
        if options["site"]:
            site = Site.objects.filter(hostname=options["site"]).first()
            if site is None:
                raise CommandError(f"No Wagtail site with the hostname {options['site']!r}.")
        if options["workers"] is not None and options["workers"] < 0:
            raise CommandError("--workers must be 0 (one per core) or more.")
        try:
            result = export_site(
                storage,
                site=site,
                force=options["force"],
                changed_only=options["changed"],
                workers=options["workers"],
                progress=lambda line: self.stdout.write(line) if options["verbosity"] > 1 else None,
            )
        except (ExportRefused, ExportError) as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Cannot write the export: {error}") from error
        for message in result.skipped:
            self.stderr.write(f"skipped: {message}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {result.files} files in {result.seconds:.1f} s: "
                f"{len(result.written)} written, {result.unchanged} unchanged, "
                f"{len(result.removed)} removed."
            )
        )
