"""Any Django storage but a local folder (S3 and other buckets) as the target of an export.

Files are staged in a local temporary folder. Committing uploads them, deletes the removed
files and writes ``manifest.json`` last, keeping a local copy of every file it replaces or
deletes: an error before the manifest is in puts those back and deletes the files it added.
A storage has no atomic rename, so a reader may see a mix while a run commits. Before the
first upload, ``.govnews-export/journal.json`` in the storage lists the files the run adds:
when a run is killed, the next one deletes them (unless the new manifest made it) and then
writes again whatever differs from the manifest, which still describes the previous export.

The lock is a file on this machine per storage (backend and options): exports from this
machine into one bucket wait for each other; exports from several machines are not
serialised. An ``InMemoryStorage`` is locked within the process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import TracebackType

from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, Storage

from wagtail_govnews.contrib.export.errors import ExportLocked, ExportRefused, UnsafePath
from wagtail_govnews.contrib.export.localfs import LocalTree
from wagtail_govnews.contrib.export.lock import hold_lock
from wagtail_govnews.contrib.export.manifest import NAME, Manifest, content_hash
from wagtail_govnews.contrib.export.paths import NAMESPACE, check_name
from wagtail_govnews.contrib.export.staging import NOT_EMPTY, ExportTarget, load_manifest

logger = logging.getLogger(__name__)

JOURNAL = f"{NAMESPACE}/journal.json"


_in_memory: set[int] = set()  # InMemoryStorage objects this process is exporting to


def lock_path(storage: Storage) -> Path:
    """The lock file on this machine for exports into ``storage``."""
    try:
        path, args, kwargs = storage.deconstruct()
    except AttributeError:
        path, args, kwargs = f"{type(storage).__module__}.{type(storage).__qualname__}", (), {}
    identity = repr((path, args, sorted(kwargs.items())))
    digest = hashlib.sha256(identity.encode()).hexdigest()[:20]
    return Path(tempfile.gettempdir()) / f"govnews-export-{digest}.lock"


@contextmanager
def storage_lock(storage: Storage, wait: float = 0.0) -> Iterator[None]:
    """Hold the lock of exports into ``storage`` (an ``InMemoryStorage`` lives in this
    process only: it needs no file)."""
    if not isinstance(storage, InMemoryStorage):
        with hold_lock(lock_path(storage), wait):
            yield
        return
    if id(storage) in _in_memory:
        raise ExportLocked("Another export into this storage is running.")
    _in_memory.add(id(storage))
    try:
        yield
    finally:
        _in_memory.discard(id(storage))


class StorageTarget(ExportTarget):
    """A Django storage that is not a local folder."""

    def __init__(self, storage: Storage, wait: float = 0.0) -> None:
        super().__init__()
        self.storage = storage
        self.wait = wait
        self._stack = ExitStack()
        self._previous_hash: str | None = None
        self._done: list[tuple[str, bool]] = []  # (name, whether a previous file was kept)

    def __enter__(self) -> StorageTarget:
        with ExitStack() as stack:
            stack.enter_context(storage_lock(self.storage, self.wait))
            folder = Path(tempfile.mkdtemp(prefix="govnews-export-"))
            stack.callback(shutil.rmtree, folder, True)
            (folder / "staging").mkdir()
            (folder / "backup").mkdir()
            self.staging = LocalTree(folder / "staging")
            self.backup = LocalTree(folder / "backup")
            self._recover()
            self._stack = stack.pop_all()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.staged = {}
        self._stack.close()

    def previous_manifest(self) -> Manifest:
        """The previous manifest, once every name it lists is checked."""
        if not self.storage.exists(NAME):
            try:
                folders, files = self.storage.listdir("")
            except FileNotFoundError:
                folders, files = [], []
            foreign = sorted(name for name in [*folders, *files] if name != NAMESPACE)
            if foreign:
                raise ExportRefused(NOT_EMPTY.format(name=foreign[0]))
            return Manifest()
        data = self.read(NAME)
        manifest = load_manifest(data)
        self._previous_hash = content_hash(data)
        return manifest

    def read(self, name: str) -> bytes:
        """The content of a file in the storage."""
        with self.storage.open(name, "rb") as file:
            return file.read()

    def commit(self, removed: list[str], manifest: Manifest, previous: Manifest) -> None:
        """Upload the staged files, delete removed ones, write the manifest; any error puts
        the previous files back and deletes the added ones."""
        staged = list(self.staged)
        if not staged and not removed and manifest.same_as(previous):
            return
        new = [name for name in staged if name not in previous.files]
        if previous.files:  # an empty target was checked as a whole
            for name in new:
                if self.storage.exists(name):
                    raise UnsafePath(
                        f"{name} is a file the export did not write (the previous manifest "
                        "does not list it). Nothing was changed: move it away and run the "
                        "export again."
                    )
        self._done = []
        journal = {"manifest": self._previous_hash, "new": new}
        self._save(JOURNAL, json.dumps(journal).encode())
        try:
            for name in staged:
                self.put_file(name)
            for name in removed:
                self.remove_file(name)
            self.put_manifest(manifest.dumps())
        except BaseException:
            self._undo()
            raise
        self.storage.delete(JOURNAL)

    def put_file(self, name: str) -> None:
        """Upload one staged file, keeping a copy of the one it replaces."""
        self._keep(name)
        self._save(name, self.staging.read(name))

    def remove_file(self, name: str) -> None:
        """Delete one file of the previous export, keeping a copy."""
        if self._keep(name):
            self.storage.delete(name)

    def put_manifest(self, body: bytes) -> None:
        """Write the manifest: the new export is complete."""
        self._keep(NAME)
        self._save(NAME, body)

    def _keep(self, name: str) -> bool:
        """Copy ``name`` into the backup if it exists; whether it did."""
        kept = self.storage.exists(name)
        if kept:
            self.backup.write(name, self.read(name))
        self._done.append((name, kept))
        return kept

    def _undo(self) -> None:
        try:
            for name, kept in reversed(self._done):
                if kept:
                    self._save(name, self.backup.read(name))
                elif self.storage.exists(name):
                    self.storage.delete(name)
            self.storage.delete(JOURNAL)
        except Exception:
            logger.exception("Could not undo the export; the next run cleans up")

    def _recover(self) -> None:
        """Delete the files a killed run added, unless its manifest was written."""
        if not self.storage.exists(JOURNAL):
            return
        try:
            journal = json.loads(self.read(JOURNAL))
            current = content_hash(self.read(NAME)) if self.storage.exists(NAME) else None
            if journal["manifest"] == current:
                logger.warning("Removing the files of an export that was stopped")
                for name in journal["new"]:
                    if self.storage.exists(check_name(name)):
                        self.storage.delete(name)
        except (ValueError, KeyError, TypeError) as error:
            raise ExportRefused(f"{JOURNAL} in the target is not an export journal.") from error
        self.storage.delete(JOURNAL)

    def _save(self, name: str, body: bytes) -> None:
        if self.storage.exists(name):
            self.storage.delete(name)
        saved = self.storage.save(name, ContentFile(body))
        if saved != name:
            raise OSError(f"the storage saved {name} as {saved}")
