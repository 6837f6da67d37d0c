"""A folder on the local disk as the target of an export, changed all at once or not at all.

The export's own folder, ``.govnews-export/`` in the target, holds::

    lock                    the flock of the running export (see lock.py)
    run-<id>/staging/…      the files this run rendered that changed
    run-<id>/backup/…       the previous files it replaced or removed, until the manifest is in
    run-<id>/journal.json   what to undo, written before the first file moves

Committing renames each staged file into place (the previous one into ``backup/``), renames
each removed file into ``backup/``, then renames ``manifest.json`` into place: the moment the
new export exists. An error before that moves everything back; a run killed meanwhile is
rolled back by the next one, from its journal. Every name is checked (paths.py) and reached
without following a link (localfs.py); a file the previous manifest does not list is never
replaced, moved or deleted.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType

from wagtail_govnews.contrib.export.errors import ExportRefused, UnsafePath
from wagtail_govnews.contrib.export.localfs import FILE, FOLDER, LINK, MISSING, LocalTree
from wagtail_govnews.contrib.export.lock import hold_lock
from wagtail_govnews.contrib.export.manifest import NAME, Manifest, content_hash
from wagtail_govnews.contrib.export.paths import NAMESPACE, check_name
from wagtail_govnews.contrib.export.staging import NOT_EMPTY, ExportTarget, load_manifest

logger = logging.getLogger(__name__)

LOCK = "lock"
RUN = "run-"
JOURNAL = "journal.json"


def _why(kind: str) -> str:
    if kind == LINK:
        return "is a symbolic link or lies behind one: the export never goes through links"
    if kind == FILE:
        return "is a file the export did not write (the previous manifest does not list it)"
    return "is a folder or a special file, or a file stands where a folder is needed"


def blocked(name: str, kind: str) -> str:
    """Why the export will not write or remove ``name``, which is not one of its files."""
    return f"{name} {_why(kind)}. Nothing was changed: move it away and run the export again."


class LocalTarget(ExportTarget):
    """A local folder (a ``FileSystemStorage`` location)."""

    def __init__(self, location: Path, wait: float = 0.0) -> None:
        super().__init__()
        self.root = Path(location)
        self.tree = LocalTree(self.root)
        self.namespace = LocalTree(self.root / NAMESPACE)
        self.wait = wait
        self._stack = ExitStack()
        self._keep_run = False
        self._previous_hash: str | None = None

    def __enter__(self) -> LocalTarget:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.tree.kind(NAME) == MISSING:
            self._refuse_foreign()  # before the lock file is made in a folder we may not use
        kind = self.tree.kind(NAMESPACE)
        if kind == MISSING:
            self.namespace.root.mkdir(exist_ok=True)
        elif kind != FOLDER:
            raise ExportRefused(f"{self.namespace.root} is a link or a file: remove it.")
        with ExitStack() as stack:
            stack.enter_context(hold_lock(self.namespace.root / LOCK, self.wait))
            self._recover()
            run = self.namespace.root / f"{RUN}{os.getpid()}-{secrets.token_hex(4)}"
            for folder in (run, run / "staging", run / "backup"):
                folder.mkdir()
            self.run = LocalTree(run)
            stack.callback(self._forget_run)
            self.staging = LocalTree(run / "staging")
            self.backup = LocalTree(run / "backup")
            self._stack = stack.pop_all()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stack.close()

    def _forget_run(self) -> None:
        self.staged = {}
        if not self._keep_run:
            self.run.remove()

    def _foreign(self) -> str | None:
        """A name in the target that is neither an export's file nor the export's folder."""
        for name in sorted(os.listdir(self.root)):
            if name != NAMESPACE:
                return name
        if self.tree.kind(NAMESPACE) != FOLDER:
            return None
        for entry in sorted(os.scandir(self.namespace.root), key=lambda entry: entry.name):
            ours = entry.name == LOCK or (
                entry.name.startswith(RUN) and entry.is_dir(follow_symlinks=False)
            )
            if not ours:
                return f"{NAMESPACE}/{entry.name}"
        return None

    def _refuse_foreign(self) -> None:
        name = self._foreign()
        if name is not None:
            raise ExportRefused(NOT_EMPTY.format(name=name))

    def previous_manifest(self) -> Manifest:
        """The previous manifest, once every name it lists is checked: a regular file or
        missing, never behind a link."""
        kind = self.tree.kind(NAME)
        if kind == MISSING:
            self._refuse_foreign()
            return Manifest()
        if kind != FILE:
            raise ExportRefused(f"{NAME} in the target is a link or a folder, not a manifest.")
        data = self.tree.read(NAME)
        manifest = load_manifest(data)
        for name in manifest.files:
            kind = self.tree.kind(name)
            if kind not in (FILE, MISSING):
                raise UnsafePath(
                    f"{NAME} lists {name!r}, which {_why(kind)}. Nothing was changed: remove "
                    "it, or the entry, and run the export again."
                )
        self._previous_hash = content_hash(data)
        return manifest

    def read(self, name: str) -> bytes:
        """The content of a file of the previous export (never through a link)."""
        return self.tree.read(name)

    def commit(self, removed: list[str], manifest: Manifest, previous: Manifest) -> None:
        """Move the staged files in, set removed files aside, write the manifest; any error
        moves everything back (see the module docstring)."""
        staged = list(self.staged)
        if not staged and not removed and manifest.same_as(previous):
            return
        new, folders = self._places(staged, removed, previous)
        journal = {"manifest": self._previous_hash, "new": new, "folders": folders}
        self.run.write(JOURNAL, json.dumps(journal).encode())
        try:
            for name in staged:
                self.put_file(name)
            for name in removed:
                self.remove_file(name)
            self.put_manifest(manifest.dumps())
        except BaseException:
            self._undo(self.run, journal)
            raise
        for name in removed:
            self.tree.prune(name)

    def _places(
        self, staged: list[str], removed: list[str], previous: Manifest
    ) -> tuple[list[str], list[str]]:
        """Check that every staged name is free or a previous file, and every removed name
        a previous file; the staged names that are new and the folders they need."""
        new: list[str] = []
        folders: dict[str, None] = {}
        for name in staged:
            kind = self.tree.kind(name)
            if kind == FILE and name in previous.files:
                continue
            if kind != MISSING:
                raise UnsafePath(blocked(name, kind))
            new.append(name)
            parts = name.split("/")
            for depth in range(1, len(parts)):
                folder = "/".join(parts[:depth])
                if folder not in folders and self.tree.kind(folder) == MISSING:
                    folders[folder] = None
        for name in removed:
            kind = self.tree.kind(name)
            if kind not in (FILE, MISSING):
                raise UnsafePath(blocked(name, kind))
        return new, list(folders)

    def put_file(self, name: str) -> None:
        """Move one staged file into place, the previous one into the backup."""
        if self.tree.kind(name) == FILE:
            self.tree.move(name, self.backup)
        self.staging.move(name, self.tree)

    def remove_file(self, name: str) -> None:
        """Move one file of the previous export into the backup."""
        if self.tree.kind(name) == FILE:
            self.tree.move(name, self.backup)

    def put_manifest(self, body: bytes) -> None:
        """Write the manifest into place (one rename): the new export is complete. A copy of
        the previous one stays in the backup until the commit has returned."""
        if self.tree.kind(NAME) == FILE:
            self.backup.write(NAME, self.tree.read(NAME))
        self.run.write(NAME, body)
        self.run.move(NAME, self.tree)

    def _manifest_hash(self) -> str | None:
        if self.tree.kind(NAME) != FILE:
            return None
        return content_hash(self.tree.read(NAME))

    def _undo(self, run: LocalTree, journal: dict) -> None:
        """Put the previous export back as it was before ``run`` started committing."""
        try:
            for name in journal["new"]:
                if self.tree.kind(check_name(name)) == FILE:
                    self.tree.remove_file(name)
            backup = LocalTree(run.root / "backup")
            for name in backup.files():
                backup.move(name if name == NAME else check_name(name), self.tree)
            for folder in sorted(journal["folders"], key=lambda name: -name.count("/")):
                self.tree.remove_folder(check_name(folder))
        except Exception:
            self._keep_run = True  # the next run tries again, from the journal
            logger.exception("Could not undo the export in %s; the next run will", self.root)

    def _recover(self) -> None:
        """Roll back, or clear, what runs that were killed left in the export's folder."""
        for entry in list(os.scandir(self.namespace.root)):
            if not entry.name.startswith(RUN) or not entry.is_dir(follow_symlinks=False):
                continue
            run = LocalTree(Path(entry.path))
            try:
                journal = json.loads(run.read(JOURNAL))
            except (OSError, ValueError):
                journal = None  # killed before committing: nothing moved
            if journal and journal.get("manifest") == self._manifest_hash():
                logger.warning("Rolling back an export that was stopped in %s", self.root)
                self._undo(run, journal)
                if self._keep_run:
                    raise ExportRefused(
                        f"An export stopped while committing and cannot be rolled back: see "
                        f"{entry.path}."
                    )
            run.remove()
