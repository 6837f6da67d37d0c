"""The static export on several processes: the same files as in one process, and forking only
where the workers can see the data."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from wagtail_govnews.contrib.export import workers

ROOT = Path(__file__).resolve().parent.parent


def test_one_process_for_a_few_urls_or_when_asked(settings):
    settings.WAGTAIL_GOVNEWS = {"EXPORT_WORKERS": 4}
    assert workers.worker_count(workers.MIN_PARALLEL_URLS - 1) == 1
    settings.WAGTAIL_GOVNEWS = {"EXPORT_WORKERS": 1}
    assert workers.worker_count(10_000) == 1


@pytest.mark.django_db
def test_one_process_inside_a_transaction(settings):
    """Forked workers would not see the rows the transaction has not committed."""
    settings.WAGTAIL_GOVNEWS = {"EXPORT_WORKERS": 4}
    with transaction.atomic():
        assert workers.worker_count(10_000) == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="an in-memory SQLite database")
def test_one_process_on_an_in_memory_sqlite_database(settings):
    """Each process would see its own copy of the in-memory test database (no transaction
    here: the test reads only the connection's settings)."""
    assert not connection.in_atomic_block
    settings.WAGTAIL_GOVNEWS = {"EXPORT_WORKERS": 4}
    assert connection.is_in_memory_db()
    assert workers.worker_count(10_000) == 1


@pytest.mark.slow
def test_two_processes_write_the_same_files_as_one(tmp_path):
    """A full export on two worker processes, then in one, of 40 articles whose renditions do
    not exist yet (made as the pages render): same files, same SHA-256 (benchmarks/export.py
    exits 1 otherwise). The benchmark uses a SQLite file, which workers share."""
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "export.py"),
            *("--n", "40", "--workers", "2", "--same-as-one-process", "--skip-rerun"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "full export (empty folder, workers=2)" in result.stdout
    assert re.search(r"same files and SHA-256 in both manifests: [1-9]\d+ files", result.stdout)


@pytest.mark.django_db
def test_command_refuses_a_negative_number_of_workers(tmp_path):
    with pytest.raises(CommandError, match="--workers must be 0"):
        call_command("govnews_export", str(tmp_path), "--workers", "-1")
