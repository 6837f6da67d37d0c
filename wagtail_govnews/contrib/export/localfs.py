"""Files under one folder, reached without ever following a symbolic link.

Every operation opens the folders of a name one by one from the root with ``O_NOFOLLOW``
and acts on the last part relative to the folder it found (the ``*at`` system calls), so a
link anywhere below the root, even one made while an export runs, cannot lead outside it.
The root itself may be a link (``/srv/static`` → ``/data/static``): it is the target.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_ROOT = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
_FOLDER = _ROOT | os.O_NOFOLLOW

MISSING = "missing"
FILE = "file"
FOLDER = "folder"
LINK = "link"
OTHER = "other"


class LocalTree:
    """A folder on the local disk and the files below it, by ``/``-separated name."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @contextmanager
    def folder(
        self, name: str, create: bool = False, created: list[str] | None = None
    ) -> Iterator[tuple[int, str]]:
        """The open folder that holds ``name``, and its last part. ``create`` makes missing
        folders (their names are appended to ``created``)."""
        parts = name.split("/")
        fd = os.open(self.root, _ROOT)
        try:
            for depth, part in enumerate(parts[:-1], start=1):
                try:
                    child = os.open(part, _FOLDER, dir_fd=fd)
                except FileNotFoundError:
                    if not create:
                        raise
                    os.mkdir(part, dir_fd=fd)
                    if created is not None:
                        created.append("/".join(parts[:depth]))
                    child = os.open(part, _FOLDER, dir_fd=fd)
                os.close(fd)
                fd = child
            yield fd, parts[-1]
        finally:
            os.close(fd)

    def kind(self, name: str) -> str:
        """What is at ``name``: ``MISSING``, ``FILE`` (a regular file), ``FOLDER``, ``LINK``
        (a symbolic link, at ``name`` or on the way to it) or ``OTHER``."""
        parts = name.split("/")
        fd = os.open(self.root, _ROOT)
        try:
            for depth, part in enumerate(parts, start=1):
                try:
                    mode = os.stat(part, dir_fd=fd, follow_symlinks=False).st_mode
                except FileNotFoundError:
                    return MISSING
                if stat.S_ISLNK(mode):
                    return LINK
                if depth == len(parts) or not stat.S_ISDIR(mode):
                    break
                child = os.open(part, _FOLDER, dir_fd=fd)
                os.close(fd)
                fd = child
        finally:
            os.close(fd)
        if depth < len(parts):
            return OTHER  # a file where a folder should be
        if stat.S_ISREG(mode):
            return FILE
        return FOLDER if stat.S_ISDIR(mode) else OTHER

    def read(self, name: str) -> bytes:
        """The content of the regular file ``name``."""
        with self.folder(name) as (fd, last):
            flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
            file_fd = os.open(last, flags, dir_fd=fd)
        with open(file_fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise OSError(errno.EINVAL, "not a regular file", name)
            return file.read()

    def write(self, name: str, body: bytes) -> None:
        """Write ``body`` to ``name``, making its folders (never through a link)."""
        with self.folder(name, create=True) as (fd, last):
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC
            file_fd = os.open(last, flags, 0o644, dir_fd=fd)
        with open(file_fd, "wb") as file:
            file.write(body)

    def move(self, name: str, other: LocalTree, created: list[str] | None = None) -> None:
        """Move ``name`` to the same name under ``other`` (one rename, same file system),
        replacing what is there; missing folders are made and appended to ``created``."""
        with (
            self.folder(name) as (source, last),
            other.folder(name, create=True, created=created) as (target, _last),
        ):
            os.replace(last, last, src_dir_fd=source, dst_dir_fd=target)

    def remove_file(self, name: str) -> None:
        """Delete ``name`` if it is a regular file (a link or a folder is left alone)."""
        with self.folder(name) as (fd, last):
            if stat.S_ISREG(os.stat(last, dir_fd=fd, follow_symlinks=False).st_mode):
                os.unlink(last, dir_fd=fd)

    def remove_folder(self, name: str) -> bool:
        """Remove the folder ``name`` if it is empty; whether it was removed."""
        try:
            with self.folder(name) as (fd, last):
                os.rmdir(last, dir_fd=fd)
        except OSError:
            return False
        return True

    def prune(self, name: str) -> None:
        """Remove the folders of ``name`` that are empty, deepest first."""
        parts = name.split("/")[:-1]
        while parts and self.remove_folder("/".join(parts)):
            parts.pop()

    def files(self) -> list[str]:
        """The names of the regular files below the root."""
        found = []
        for folder, _folders, names in os.walk(self.root):
            relative = Path(folder).relative_to(self.root)
            for name in names:
                if stat.S_ISREG(os.lstat(os.path.join(folder, name)).st_mode):
                    found.append((relative / name).as_posix())
        return sorted(found)

    def remove(self) -> None:
        """Remove the root and everything below it (links are removed, never followed)."""
        shutil.rmtree(self.root, ignore_errors=True)
