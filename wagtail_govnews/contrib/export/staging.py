"""What every export target does alike: keep a run's changed files aside, read a manifest."""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType

from wagtail_govnews.contrib.export.errors import ExportRefused
from wagtail_govnews.contrib.export.localfs import LocalTree
from wagtail_govnews.contrib.export.manifest import NAME, Manifest
from wagtail_govnews.contrib.export.paths import check_manifest_names, check_name


class ExportTarget(ABC):
    """The target of one run, used as a context manager that holds its lock.

    Files are staged while rendering; :meth:`commit` puts them in place, removes the files
    of the previous export that are gone and writes the manifest, or changes nothing.
    """

    staging: LocalTree

    def __init__(self) -> None:
        self.staged: dict[str, None] = {}  # an ordered set of names

    def stage(self, name: str, body: bytes) -> None:
        """Keep ``body`` aside until :meth:`commit`."""
        self.staging.write(check_name(name), body)
        self.staged[name] = None

    @abstractmethod
    def __enter__(self) -> ExportTarget:
        """Take the target's lock and undo what a killed run left half done."""

    @abstractmethod
    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Forget the staged files and release the lock."""

    @abstractmethod
    def previous_manifest(self) -> Manifest:
        """The manifest of the previous export (empty for an empty target); raises
        :class:`ExportRefused` for a target that is neither."""

    @abstractmethod
    def read(self, name: str) -> bytes:
        """The content of a file of the previous export."""

    @abstractmethod
    def commit(self, removed: list[str], manifest: Manifest, previous: Manifest) -> None:
        """Put the staged files in place, remove ``removed`` and write ``manifest``; on any
        error leave the previous export as it was."""


ENTRY_KEYS = {"sha256", "last_modified"}
NOT_EMPTY = (
    "The target is not empty and holds no previous export (no manifest.json): choose an empty "
    "folder or a previous export. It holds {name!r}, which the export did not write."
)


def load_manifest(data: bytes) -> Manifest:
    """Parse the previous manifest and check every name it lists; raises
    :class:`ExportRefused` when it is not an export manifest or lists an unsafe name."""
    try:
        manifest = Manifest.loads(data)
    except (ValueError, KeyError, TypeError) as error:
        raise ExportRefused(f"{NAME} in the target is not an export manifest.") from error
    entries = manifest.files.values() if isinstance(manifest.files, dict) else None
    if (
        entries is None
        or not isinstance(manifest.routes, dict)
        or not all(isinstance(entry, dict) and entry.keys() >= ENTRY_KEYS for entry in entries)
    ):
        raise ExportRefused(f"{NAME} in the target is not an export manifest.")
    check_manifest_names(manifest.files)
    return manifest
