"""The names an export may use in its target: relative, plain and outside its own folder.

Every name an export reads, writes or deletes passes :func:`check_name` first: the names of
the previous ``manifest.json`` before anything else happens, the rendered ones as they are
recorded. Symbolic links are the business of :mod:`.localfs`, which never follows one.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail_govnews.contrib.export.errors import UnsafePath
from wagtail_govnews.contrib.export.manifest import NAME

NAMESPACE = ".govnews-export"
"""The export's own folder in a target: its lock and what each run keeps aside."""


def _problem(name: object) -> str | None:
    """What makes ``name`` unsafe, or ``None``."""
    if not isinstance(name, str) or not name:
        return "not a file name"
    if "\x00" in name or "\\" in name:
        return "a name with a NUL byte or a backslash"
    if name.startswith("/"):
        return "an absolute path"
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "not a plain relative path (an empty part, '.' or '..')"
    if parts[0] in (NAME, NAMESPACE):
        return "a name the export keeps for itself"
    return None


def check_name(name: str) -> str:
    """``name`` if it is a safe relative file name in a target; raises :class:`UnsafePath`."""
    problem = _problem(name)
    if problem:
        raise UnsafePath(f"{name!r} is {problem}")
    return name


def check_manifest_names(names: Iterable[object]) -> None:
    """Check every file name a previous manifest lists; raises :class:`UnsafePath` naming the
    first bad entry."""
    for name in names:
        problem = _problem(name)
        if problem:
            raise UnsafePath(
                f"{NAME} lists {name!r}, which is {problem}: the export uses no such name. "
                "Nothing was changed; remove the entry by hand."
            )
