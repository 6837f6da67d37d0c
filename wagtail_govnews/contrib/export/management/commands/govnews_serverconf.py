"""``manage.py govnews_serverconf nginx|static-host <export dir>``: serve an export."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wagtail_govnews.contrib.export.manifest import NAME
from wagtail_govnews.contrib.export.serverconf import nginx_config, static_host_files


class Command(BaseCommand):
    help = (
        "Write the web server configuration that serves a static export, from its "
        "manifest.json: an nginx server (content types, caching, compression, the live site "
        "behind it) or the _headers and _redirects files of a static host."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("kind", choices=["nginx", "static-host"])
        parser.add_argument("dir", help="the export folder (holding manifest.json)")
        parser.add_argument(
            "--origin", required=True, help="the live site, e.g. http://127.0.0.1:8000"
        )
        parser.add_argument("--listen", default="80", help="nginx: listen address (default 80)")
        parser.add_argument("--server-name", default="_", help="nginx: server_name (default _)")
        parser.add_argument(
            "--output",
            help="nginx: the file to write (default: print it); static-host: the folder for "
            "_headers and _redirects (default: the export folder)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["dir"]).resolve()
        try:
            manifest = json.loads((folder / NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"No readable {NAME} in {folder}: {error}") from error
        origin = options["origin"]
        if not origin.startswith(("http://", "https://")):
            raise CommandError("--origin must be an http:// or https:// address.")
        if options["kind"] == "nginx":
            config = nginx_config(
                manifest,
                root=str(folder),
                origin=origin,
                listen=options["listen"],
                server_name=options["server_name"],
                language=settings.LANGUAGE_CODE,
            )
            if options["output"]:
                Path(options["output"]).write_text(config, encoding="utf-8")
            else:
                self.stdout.write(config, ending="")
            return
        target = Path(options["output"]) if options["output"] else folder
        files = static_host_files(manifest, origin=origin, language=settings.LANGUAGE_CODE)
        for name, text in files.items():
            (target / name).write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {target / name}")
