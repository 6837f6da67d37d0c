"""The sign-in page and every admin screen: the sidebar, the header, keyboard shortcuts,
pagination, dialogs, relative times. Msgids of Wagtail that the package's catalogue translates
(see __init__.py).
"""

from django.utils.translation import gettext_noop, ngettext

STRINGS = (
    gettext_noop("Sign in to Wagtail"),
    gettext_noop("Sign in"),
    gettext_noop("Signing in…"),
    gettext_noop("Remember me"),
    gettext_noop("Forgotten password?"),
    gettext_noop("Images"),
    gettext_noop("Documents"),
    gettext_noop("Reports"),
    gettext_noop("Help"),
    gettext_noop("Editor Guide"),
    gettext_noop("Wagtail %(current_version)s editor guide"),
    gettext_noop("What's new in Wagtail %(version)s"),
    gettext_noop("Settings"),
    gettext_noop("Collections"),
    gettext_noop("Redirects"),
    gettext_noop("Workflows"),
    gettext_noop("Workflow tasks"),
    gettext_noop("Locales"),
    gettext_noop("Locale"),
    gettext_noop("Site"),
    gettext_noop("Sites"),
    gettext_noop("API tokens"),
    gettext_noop("Comment notifications"),
    gettext_noop("Aging pages"),
    gettext_noop("Locked pages"),
    gettext_noop("Page types usage"),
    gettext_noop("Site history"),
    gettext_noop("Sidebar"),
    gettext_noop("Toggle sidebar"),
    gettext_noop("Main menu"),
    gettext_noop("(New)"),
    gettext_noop("(%(number)s new items in this menu)"),
    gettext_noop("Skip to main content"),
    gettext_noop(
        "JavaScript is required to use Wagtail, but it is currently disabled.<br /> "
        'Here are the <a href="https://www.enable-javascript.com/" target="_blank" '
        'rel="noreferrer">instructions how to enable JavaScript in your web '
        "browser</a>."
    ),
    gettext_noop("Breadcrumb"),
    gettext_noop("Toggle breadcrumbs"),
    gettext_noop("Edit account avatar"),
    gettext_noop("account"),
    gettext_noop("Keyboard shortcuts"),
    gettext_noop("Keyboard shortcut"),
    gettext_noop("All keyboard shortcuts"),
    gettext_noop("Show keyboard shortcuts"),
    gettext_noop("Shortcuts"),
    gettext_noop(
        "Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them."
    ),
    gettext_noop("Close modal dialogs (like this one)"),
    gettext_noop("Close dialog"),
    gettext_noop("Application"),
    gettext_noop("Group"),
    gettext_noop("Actions"),
    gettext_noop("Actions (footer)"),
    gettext_noop("Text editing"),
    gettext_noop("Text formatting"),
    gettext_noop("Bold"),
    gettext_noop("Italic"),
    gettext_noop("Link"),
    gettext_noop("Monospace (code)"),
    gettext_noop("Strike-through"),
    gettext_noop("Subscript"),
    gettext_noop("Superscript"),
    gettext_noop("Bulleted list"),
    gettext_noop("Numbered list"),
    gettext_noop("Cut"),
    gettext_noop("Paste"),
    gettext_noop("Paste without formatting"),
    gettext_noop("Redo"),
    gettext_noop("Insert or edit a link"),
    gettext_noop("Save changes"),
    gettext_noop("Pagination"),
    gettext_noop("Page %(page_num)s of %(total_pages)s"),
    gettext_noop("Previous"),
    gettext_noop("Next"),
    gettext_noop("Back"),
    gettext_noop("Continue"),
    gettext_noop("Loading"),
    gettext_noop("A network error occurred"),
    gettext_noop("Are you sure?"),
    gettext_noop("View live"),
    gettext_noop("Yes, delete"),
    gettext_noop("Unpublish"),
    gettext_noop("Edit this page"),
    gettext_noop("Choose another page"),
    gettext_noop("Choose another document"),
    gettext_noop("Clear choice"),
    gettext_noop("Select"),
    gettext_noop("Create"),
    gettext_noop("Move"),
    gettext_noop("Type"),
    gettext_noop("File"),
    gettext_noop("system"),
    gettext_noop("Exploring"),
    gettext_noop("Parent"),
    gettext_noop("0 minutes"),
    gettext_noop("%(time_period)s ago"),
    gettext_noop("just now"),
    gettext_noop("page"),
    gettext_noop("pages"),
)

#: (singular, plural) msgids, marked for makemessages by :func:`_plurals`.
PLURALS = (
    ("%(num)d minute", "%(num)d minutes"),
    ("%(num)d hour", "%(num)d hours"),
    ("%(num)d day", "%(num)d days"),
    ("%(num)d week", "%(num)d weeks"),
    ("%(num)d month", "%(num)d months"),
    ("%(num)d year", "%(num)d years"),
)


def _plurals() -> None:  # pragma: no cover - never called
    """What makemessages reads to keep PLURALS in the catalogue."""
    ngettext("%(num)d minute", "%(num)d minutes", 0)
    ngettext("%(num)d hour", "%(num)d hours", 0)
    ngettext("%(num)d day", "%(num)d days", 0)
    ngettext("%(num)d week", "%(num)d weeks", 0)
    ngettext("%(num)d month", "%(num)d months", 0)
    ngettext("%(num)d year", "%(num)d years", 0)
