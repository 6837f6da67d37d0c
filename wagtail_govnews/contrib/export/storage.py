"""Open the target of an export for one run: a local folder, or any other Django storage.

Whatever the target, a run holds its lock from start to end (a second run is refused, or
waits ``wait`` seconds), checks every name of the previous ``manifest.json`` before it
renders anything, stages the files that changed, and only then commits: the files go into
place, the files of the previous export that are gone are removed, and ``manifest.json`` is
written last. An error at any step leaves the previous export as it was. Only files the
previous manifest lists are ever replaced or removed; nothing is reached through a link.
See :mod:`.local` and :mod:`.remote` for how each kind of target keeps these promises.
"""

from __future__ import annotations

from pathlib import Path

from django.core.files.storage import FileSystemStorage, Storage

from wagtail_govnews.contrib.export.errors import ExportRefused
from wagtail_govnews.contrib.export.local import LocalTarget
from wagtail_govnews.contrib.export.remote import StorageTarget
from wagtail_govnews.contrib.export.staging import ExportTarget

__all__ = ["ExportRefused", "ExportTarget", "open_target"]


def open_target(storage: Storage, wait: float = 0.0) -> ExportTarget:
    """The target for ``storage``, to use as ``with open_target(storage) as target:``."""
    if isinstance(storage, FileSystemStorage):
        return LocalTarget(Path(storage.location), wait)
    return StorageTarget(storage, wait)
