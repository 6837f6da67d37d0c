"""Why an export stops: it failed, or the target is not one it may write to."""


class ExportError(Exception):
    """The export cannot be completed; the previous export is left as it was."""


class ExportRefused(Exception):
    """The target is not one the export may write to; nothing in it was changed."""


class UnsafePath(ExportRefused):
    """A path would leave the target, pass through a symbolic link or hit a file the export
    did not write."""


class ExportLocked(ExportRefused):
    """Another export into the same target is running."""
