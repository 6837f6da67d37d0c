"""The dashboard, the News listing (page listings), its filters, sorting and bulk actions. Msgids
of Wagtail that the package's catalogue translates (see __init__.py).
"""

from django.utils.translation import gettext_noop, ngettext

STRINGS = (
    gettext_noop("Site summary"),
    gettext_noop("Search all pages…"),
    gettext_noop("Search…"),
    gettext_noop("Search options…"),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop("No %(model_name)s match your query."),
    gettext_noop("There are no %(model_name)s to display."),
    gettext_noop("Updated"),
    gettext_noop("Date updated"),
    gettext_noop("Owner"),
    gettext_noop("Edited by"),
    gettext_noop("Page type"),
    gettext_noop("Has child pages"),
    gettext_noop("Show filters"),
    gettext_noop("Filter by"),
    gettext_noop("Sort by"),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    gettext_noop("Sort menu order"),
    gettext_noop(
        "Sort the order of child pages within '%(parent)s' by '%(label)s' in ascending order."
    ),
    gettext_noop(
        "Sort the order of child pages within '%(parent)s' by '%(label)s' in descending order."
    ),
    gettext_noop("More options for '%(title)s'"),
    gettext_noop("Add child page"),
    gettext_noop("Translate this page"),
    gettext_noop("Sync translated pages"),
    gettext_noop("Select row"),
    gettext_noop("Select all documents in listing"),
    gettext_noop("Select all images in listing"),
    gettext_noop("Bulk actions"),
    gettext_noop("1 item selected"),
    gettext_noop("1 document selected"),
    gettext_noop("1 snippet selected"),
    gettext_noop("1 user selected"),
    gettext_noop("%(objects)s items selected"),
    gettext_noop("%(objects)s pages selected"),
    gettext_noop("%(objects)s images selected"),
    gettext_noop("%(objects)s documents selected"),
    gettext_noop("%(objects)s snippets selected"),
    gettext_noop("%(objects)s users selected"),
    gettext_noop("All %(objects)s items on this screen selected"),
    gettext_noop("All %(objects)s pages on this screen selected"),
    gettext_noop("All %(objects)s images on this screen selected"),
    gettext_noop("All %(objects)s documents on this screen selected"),
    gettext_noop("All %(objects)s snippets on this screen selected"),
    gettext_noop("All %(objects)s users on this screen selected"),
    gettext_noop("All items in listing selected"),
    gettext_noop("All pages in listing selected"),
    gettext_noop("All images in listing selected"),
    gettext_noop("All documents in listing selected"),
    gettext_noop("All snippets in listing selected"),
    gettext_noop("All users in listing selected"),
    gettext_noop("Publish selected pages"),
    gettext_noop("Unpublish selected pages"),
    gettext_noop("Move selected pages"),
    gettext_noop("Delete selected pages"),
    gettext_noop("Delete selected images"),
    gettext_noop("Delete selected documents"),
    gettext_noop("Add selected images to collection"),
    gettext_noop("Add selected documents to collection"),
    gettext_noop("Add tags to the selected images"),
    gettext_noop("Add tags to the selected documents"),
    gettext_noop("Add to collection"),
    gettext_noop("Are you sure you want to publish these pages?"),
    gettext_noop("Yes, publish"),
    gettext_noop("No, don't publish"),
    gettext_noop("Are you sure you want to unpublish this page?"),
    gettext_noop("Yes, unpublish it"),
    gettext_noop("No, don't unpublish"),
    gettext_noop("live"),
    gettext_noop("scheduled"),
    gettext_noop("live + scheduled"),
    gettext_noop("in moderation"),
    gettext_noop("Live"),
    gettext_noop("Visit the live page"),
    gettext_noop("Visible to all. Visit the live page"),
    gettext_noop("Private. Visit the live page"),
    gettext_noop("Newest"),
    gettext_noop("Oldest"),
    gettext_noop("Title: (A -> Z)"),
    gettext_noop("Title: (Z -> A)"),
    gettext_noop("File size: (low to high)"),
    gettext_noop("File size: (high to low)"),
    gettext_noop("Usage count: (low to high)"),
    gettext_noop("Usage count: (high to low)"),
    gettext_noop("Usage count"),
    gettext_noop(
        "You haven't uploaded any documents. Why not <a "
        'href="%(wagtaildocs_add_document_url)s">upload one now</a>?'
    ),
    gettext_noop("page log entries"),
)

#: (singular, plural) msgids, marked for makemessages by :func:`_plurals`.
PLURALS = (
    (
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    (
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    (
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
    ),
    ("There is %(counter)s match", "There are %(counter)s matches"),
    ("Publish 1 page", "Publish %(counter)s pages"),
    (
        "You don't have permission to publish this page",
        "You don't have permission to publish these pages",
    ),
    (
        "%(num_parent_objects)d page has been published",
        "%(num_parent_objects)d pages have been published",
    ),
    (
        "%(num_parent_objects)d page has been unpublished",
        "%(num_parent_objects)d pages have been unpublished",
    ),
)


def _plurals() -> None:  # pragma: no cover - never called
    """What makemessages reads to keep PLURALS in the catalogue."""
    ngettext(
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
        0,
    )
    ngettext(
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
        0,
    )
    ngettext(
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
        0,
    )
    ngettext("There is %(counter)s match", "There are %(counter)s matches", 0)
    ngettext("Publish 1 page", "Publish %(counter)s pages", 0)
    ngettext(
        "You don't have permission to publish this page",
        "You don't have permission to publish these pages",
        0,
    )
    ngettext(
        "%(num_parent_objects)d page has been published",
        "%(num_parent_objects)d pages have been published",
        0,
    )
    ngettext(
        "%(num_parent_objects)d page has been unpublished",
        "%(num_parent_objects)d pages have been unpublished",
        0,
    )
