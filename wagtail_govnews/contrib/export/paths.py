"""The names an export may use in its target: relative, plain and outside its own folder.

Every name an export reads, writes or deletes passes :func:`check_name` first: the names of
the previous ``manifest.json`` before anything else happens, the rendered ones as they are
staged. Symbolic links are the business of :mod:`.localfs`, which never follows one.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail_govnews.contrib.export.errors import UnsafePath
from wagtail_govnews.contrib.export.manifest import NAME

NAMESPACE = ".govnews-export"
"""The export's own folder in a local target: its lock and each run's staging and backups."""


def check_name(name: object) -> str:
    """``name`` if it is a safe relative file name in a target; raises :class:`UnsafePath`."""
    if not isinstance(name, str) or not name:
        raise UnsafePath(f"{name!r} is not a file name")
    if "\x00" in name or "\\" in name:
        raise UnsafePath(f"{name!r} contains a NUL byte or a backslash")
    if name.startswith("/"):
        raise UnsafePath(f"{name!r} is an absolute path")
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise UnsafePath(f"{name!r} is not a plain relative path (empty part, '.' or '..')")
    if parts[0] in (NAME, NAMESPACE):
        raise UnsafePath(f"{name!r} is a name the export keeps for itself")
    return name


def check_manifest_names(names: Iterable[object]) -> None:
    """Check every file name a previous manifest lists; raises :class:`UnsafePath` naming the
    first bad entry."""
    for name in names:
        try:
            check_name(name)
        except UnsafePath as error:
            raise UnsafePath(
                f"{NAME} of the target lists {name!r}, which the export will not use: {error}. "
                f"Nothing was changed; remove the entry (or the file) by hand."
            ) from error
