"""``manage.py load_demo_content``: fill the example portal with demo news, images and settings."""

from __future__ import annotations

import time
from argparse import ArgumentParser, ArgumentTypeError
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from home.demo import content
from home.demo.builder import load_demo_content


class Command(BaseCommand):
    help = (
        "Load the demo portal: home page, news sections, categories, drawn images, "
        "published articles, English translations of part of them (made with "
        "wagtail-localize), portal settings and an admin/admin superuser. "
        "Safe to run again: existing objects are reused, nothing is duplicated."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--hostname",
            default="127.0.0.1",
            help="Host name the demo server is reached at (default: %(default)s).",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=8000,
            help="Port the demo server listens on (default: %(default)s).",
        )
        parser.add_argument(
            "--now",
            type=_aware_datetime,
            default=None,
            help=(
                "Date and time the demo articles are dated back from, ISO 8601 "
                '(e.g. "2026-12-06T07:00+07:00"; default: the current time). '
                "Fixes the demo's dates for reproducible screenshots and tests."
            ),
        )

    def handle(
        self, *args: Any, hostname: str, port: int, now: datetime | None, **options: Any
    ) -> None:
        started = time.monotonic()
        result = load_demo_content(hostname=hostname, port=port, now=now)
        elapsed = time.monotonic() - started

        write = self.stdout.write
        write(self.style.SUCCESS(f"Demo content loaded in {elapsed:.1f} s."))
        for line in result.tally.lines():
            write(line)
        write(f"Admin:            {result.admin_url}")
        note = "" if result.admin_created else " (existing user: password left as it was)"
        write(f"  username / password: {content.ADMIN_USERNAME} / {content.ADMIN_PASSWORD}{note}")
        write(f"Home page:        {result.home.get_full_url()}")
        write(f"Featured article: {result.featured.get_full_url()}")
        write(f"  in English:     {result.featured_english.get_full_url()}")


def _aware_datetime(value: str) -> datetime:
    """Parse ``--now``: ISO 8601; without an offset, the site's time zone."""
    parsed = parse_datetime(value)
    if parsed is None:
        raise ArgumentTypeError(f"not an ISO 8601 date and time: {value!r}")
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed
