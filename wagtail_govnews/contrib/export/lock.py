"""One export at a time per target: an exclusive ``flock`` on a lock file, held for the run.

The operating system releases a ``flock`` when the process that holds it ends, however it
ends (even ``kill -9``), so a lock left by a dead export never blocks the next one. The lock
file itself stays; it holds the process id of the export that last took it.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from wagtail_govnews.contrib.export.errors import ExportLocked

POLL = 0.2  # seconds between two tries while waiting


@contextmanager
def hold_lock(path: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the lock of ``path`` for the ``with`` block, waiting at most ``wait`` seconds;
    raises :class:`ExportLocked` when another process holds it."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(path, flags, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ExportLocked(_refusal(fd, path)) from None
                time.sleep(POLL)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _refusal(fd: int, path: Path) -> str:
    holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
    by = f" (process {holder})" if holder.isdigit() else ""
    return (
        f"Another export into this target is running{by}; it holds the lock {path}. "
        "Try again when it has finished."
    )
