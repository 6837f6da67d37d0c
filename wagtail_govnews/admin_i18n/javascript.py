"""Strings of Wagtail's admin scripts (its djangojs catalogue), served by the package's script
catalogue: StreamField, the rich text editor, the sidebar, the minimap, checks. Msgids of
Wagtail's admin scripts that the package's catalogue translates (see __init__.py).
"""

from django.utils.translation import gettext_noop, ngettext

STRINGS = (
    gettext_noop("Collapse all"),
    gettext_noop("Expand all"),
    gettext_noop("Blocks"),
    gettext_noop("Insert a block"),
    gettext_noop("Duplicate"),
    gettext_noop("Move up"),
    gettext_noop("Move down"),
    gettext_noop("Drag"),
    gettext_noop("Actions"),
    gettext_noop("Toggle section"),
    gettext_noop("Toggle side panel"),
    gettext_noop("Toggle sidebar"),
    gettext_noop("Main menu"),
    gettext_noop("(New)"),
    gettext_noop("(%(number)s new items in this menu)"),
    gettext_noop("Line break"),
    gettext_noop("Split block"),
    gettext_noop("Pin toolbar"),
    gettext_noop("Unpin toolbar"),
    gettext_noop("Write something or type ‘/’ to insert a block"),  # noqa: RUF001
    gettext_noop("No results"),
    gettext_noop("Search options…"),
    gettext_noop("Good"),
    gettext_noop("Fair"),
    gettext_noop("Complex"),
    gettext_noop("Are you sure?"),
    gettext_noop("Delete error"),
    gettext_noop("Save error"),
    gettext_noop("Saving..."),
    gettext_noop("Show error"),
    gettext_noop("(1 new item in this menu)"),
    gettext_noop("A network error occurred."),
    gettext_noop("A server error occurred."),
    gettext_noop("Alt text"),
    gettext_noop("Autosave in progress…"),
    gettext_noop("Broken link"),
    gettext_noop("Changes have been autosaved."),
    gettext_noop("Character count:"),
    gettext_noop("Decorative image"),
    gettext_noop("Deleting"),
    gettext_noop("Enter your comments..."),
    gettext_noop("Enter your reply..."),
    gettext_noop("Error while sending preview data."),
    gettext_noop("Focus comment"),
    gettext_noop("Unfocus comment"),
    gettext_noop("Horizontal line"),
    gettext_noop("Missing document"),
    gettext_noop("More actions"),
    gettext_noop("Yes"),
    gettext_noop("No"),
    gettext_noop("Page explorer"),
    gettext_noop("Reload saved content"),
    gettext_noop("Reload the page"),
    gettext_noop("Reply"),
    gettext_noop("Report this error to your website administrator with the following information:"),
    gettext_noop("Resolve"),
    gettext_noop("Retry"),
    gettext_noop("See all"),
    gettext_noop("Show latest content"),
    gettext_noop("The editor just crashed. Content has been reset to the last saved version."),
    gettext_noop("The maximum number of items is %(max_num)d"),
    gettext_noop("The minimum number of items is %(min_num)d"),
    gettext_noop("This field is required."),
    gettext_noop("View child pages of '%(title)s'"),
)

#: (singular, plural) msgids, marked for makemessages by :func:`_plurals`.
PLURALS = (
    ("%(num)s error", "%(num)s errors"),
    ("%(num)s min", "%(num)s mins"),
    ("%(num)s pixel", "%(num)s pixels"),
)


def _plurals() -> None:  # pragma: no cover - never called
    """What makemessages reads to keep PLURALS in the catalogue."""
    ngettext("%(num)s error", "%(num)s errors", 0)
    ngettext("%(num)s min", "%(num)s mins", 0)
    ngettext("%(num)s pixel", "%(num)s pixels", 0)
