"""Write an export through Django's storage API, without breaking the previous export.

Changed files are first staged (in a hidden folder of a local target, else in a temporary
folder); only when every file has been rendered are they moved into place, removed files
deleted and ``manifest.json`` written, last. An interrupted export therefore leaves the
previous one as it was. On the local backend each file is replaced atomically (rename).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage

from wagtail_govnews.contrib.export.manifest import NAME, Manifest

STAGING = ".govnews-export-staging"


class ExportRefused(Exception):
    """The target holds files that are not a previous export."""


class ExportStorage:
    """The target of an export: its previous manifest, staging and committing files."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.local = isinstance(storage, FileSystemStorage)
        self._staging: Path | None = None
        self.staged: list[str] = []

    def previous_manifest(self) -> Manifest:
        """The manifest of the previous export; empty for an empty target.

        Raises :class:`ExportRefused` for a target with other files, or a broken manifest.
        """
        if self.storage.exists(NAME):
            with self.storage.open(NAME, "rb") as file:
                try:
                    return Manifest.loads(file.read())
                except (ValueError, KeyError) as error:
                    raise ExportRefused(
                        f"{NAME} in the target is not an export manifest."
                    ) from error
        if not self._is_empty():
            raise ExportRefused(
                "The target is not empty and holds no previous export (no manifest.json): "
                "choose an empty folder or a previous export."
            )
        return Manifest()

    def _is_empty(self) -> bool:
        try:
            folders, files = self.storage.listdir("")
        except FileNotFoundError:
            return True
        return not [name for name in [*folders, *files] if name != STAGING]

    def _staging_dir(self) -> Path:
        if self._staging is None:
            if self.local:
                self._staging = Path(self.storage.path(STAGING))
                shutil.rmtree(self._staging, ignore_errors=True)  # left by an interrupted run
                self._staging.mkdir(parents=True)
            else:
                self._staging = Path(tempfile.mkdtemp(prefix="govnews-export-"))
        return self._staging

    def stage(self, path: str, body: bytes) -> None:
        """Keep ``body`` aside until :meth:`commit`."""
        staged = self._staging_dir() / path
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(body)
        self.staged.append(path)

    def commit(self, removed: list[str], manifest: Manifest, previous: Manifest) -> None:
        """Move the staged files into place, delete ``removed``, then write the manifest
        (unless nothing but its date would change)."""
        for path in self.staged:
            self._put(path, self._staging_dir() / path)
        for path in removed:
            self.storage.delete(path)
            if self.local:
                self._prune(Path(self.storage.path(path)).parent)
        if self.staged or removed or not manifest.same_as(previous):
            self._put_bytes(NAME, manifest.dumps())
        self.staged = []

    def discard(self) -> None:
        """Forget staged files (after a failure or once committed)."""
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None
        self.staged = []

    def _prune(self, folder: Path) -> None:
        """Remove now-empty folders up to the target's root (no stray directory listings)."""
        root = Path(self.storage.location).resolve()
        while folder.resolve() != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

    def _put(self, path: str, source: Path) -> None:
        if self.local:
            target = Path(self.storage.path(path))
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
        else:
            self._put_bytes(path, source.read_bytes())

    def _put_bytes(self, path: str, body: bytes) -> None:
        if self.local:
            target = Path(self.storage.path(path))
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            temporary.write_bytes(body)
            os.replace(temporary, target)
            return
        if self.storage.exists(path):
            self.storage.delete(path)
        saved = self.storage.save(path, ContentFile(body))
        if saved != path:
            raise OSError(f"the storage saved {path} as {saved}")
