"""The edit form: header, side panels (status, preview, checks, comments), publishing and
scheduling, the action menu, the messages after saving, publishing and scheduling. Msgids of
Wagtail that the package's catalogue translates (see __init__.py).
"""

from django.utils.translation import gettext_noop, ngettext

STRINGS = (
    gettext_noop("Editing %(page_type)s"),
    gettext_noop("Page title"),
    gettext_noop("The page title as you'd like it to be seen by the public"),
    gettext_noop(
        "The name of the page as it will appear in URLs e.g http://domain.com/blog/[my-slug]/"
    ),
    gettext_noop(
        "The name of the page displayed on search engine results as the clickable headline."
    ),
    gettext_noop("The descriptive text displayed underneath a headline in search engine results."),
    gettext_noop("Whether a link to this page will appear in automatically generated menus"),
    gettext_noop("title tag"),
    gettext_noop("meta description"),
    gettext_noop("description"),
    gettext_noop("show in menus"),
    gettext_noop("go live date/time"),
    gettext_noop("expiry date/time"),
    gettext_noop("A comma-separated list of tags."),
    gettext_noop(
        'Multi-word tags with spaces will automatically be enclosed in double quotes (").'
    ),
    gettext_noop("Save draft"),
    gettext_noop("Save Draft"),
    gettext_noop("%(label)s and Publish"),
    gettext_noop("Submit to %(workflow_name)s"),
    gettext_noop("Resubmit to %(task_name)s"),
    gettext_noop("Restart workflow "),
    gettext_noop("More actions"),
    gettext_noop("Saved"),
    gettext_noop("Autosave is paused"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the editor "
        "in a separate tab to view the last saved version."
    ),
    gettext_noop("You have <span>unsaved edits</span>"),
    gettext_noop("Save your changes before leaving"),
    gettext_noop("Go to the first error"),
    gettext_noop("Side panels"),
    gettext_noop("Toggle side panel"),
    gettext_noop("Side panel width"),
    gettext_noop("Toggle status"),
    gettext_noop("Toggle preview"),
    gettext_noop("Toggle checks"),
    gettext_noop("Toggle comments"),
    gettext_noop("Toggle minimap"),
    gettext_noop("Toggle section"),
    gettext_noop("Add or show comments"),
    gettext_noop("Comments"),
    gettext_noop("Is commenting action"),
    gettext_noop("Minimap"),
    gettext_noop("Current page status:"),
    gettext_noop("Status: "),
    gettext_noop("Live version"),
    gettext_noop("View history"),
    gettext_noop("View latest version"),
    gettext_noop("View draft"),
    gettext_noop("First published"),
    gettext_noop("To be created by %(user)s"),
    gettext_noop("%(time)s by %(user_display_name)s"),
    gettext_noop("Set schedule"),
    gettext_noop("Set publishing schedule"),
    gettext_noop("Save schedule"),
    gettext_noop("No publishing schedule set"),
    gettext_noop("Choose when this page should go live and/or expire"),
    gettext_noop("Choose when this %(model_name)s should go live and/or expire"),
    gettext_noop(
        "This publishing schedule will only take effect after you select the "
        '"Schedule to publish" option'
    ),
    gettext_noop("Go-live:"),
    gettext_noop("Expiry:"),
    gettext_noop("Cancel scheduled publish"),
    gettext_noop("Currently locked and will go live on the scheduled date"),
    gettext_noop("Locked by schedule"),
    gettext_noop(
        "{model_name} '{title}' is locked and has been scheduled to go live at {datetime}"
    ),
    gettext_noop(
        "Page '%(page_title)s' is live and this version has been scheduled for publishing."
    ),
    gettext_noop("Page '%(page_title)s' has been scheduled for publishing."),
    gettext_noop("Page '%(page_title)s' has been published."),
    gettext_noop("Page '%(page_title)s' has been updated."),
    gettext_noop("Page '%(page_title)s' has been submitted for moderation."),
    gettext_noop("Page '%(page_title)s' created."),
    gettext_noop("Page '%(page_title)s' created and published."),
    gettext_noop("Page '%(page_title)s' created and scheduled for publishing."),
    gettext_noop("Page '%(page_title)s' created and submitted for moderation."),
    gettext_noop("The page could not be created due to validation errors."),
    gettext_noop("The page could not be saved due to validation errors."),
    gettext_noop("There are validation errors, click save to highlight them."),
    gettext_noop("Page visibility: "),
    gettext_noop("Visible to all"),
    gettext_noop("Once live anyone can view"),
    gettext_noop("Not visible to the public"),
    gettext_noop("Change privacy"),
    gettext_noop("Choose who can view the live version of this page"),
    gettext_noop("Privacy changes apply to all children of this page too."),
    gettext_noop("Locking: "),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),  # noqa: RUF001
    gettext_noop("Locale: "),
    gettext_noop("Switch locales"),
    gettext_noop("Available in %(translations_total)s locales"),
    gettext_noop("No other translations"),
    gettext_noop("Translations"),
    gettext_noop("Usage"),
    gettext_noop("Preview in new tab"),
    gettext_noop("Preview in mobile size"),
    gettext_noop("Preview in tablet size"),
    gettext_noop("Preview in desktop size"),
    gettext_noop("Preview is out of date"),
    gettext_noop("Preview not available"),
    gettext_noop(
        "Preview cannot display due to validation errors. <br /> Click save to "
        "highlight the relevant fields."
    ),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_noop("Checks"),
    gettext_noop("Issues found"),
    gettext_noop("Show issue"),
    gettext_noop("Content metrics"),
    gettext_noop("Words"),
    gettext_noop("Reading time"),
    gettext_noop("Readability"),
    gettext_noop("How we calculate our metrics"),
    gettext_noop("This data explained"),
    gettext_noop(
        "We extract the main content from the page preview, remove all formatting, "
        "and calculate the number of words."
    ),
    gettext_noop(
        "We calculate reading time from word count, using different reading speeds "
        "for different languages."
    ),
    gettext_noop(
        "We use a readability formula based on length of words and sentences. Long "
        "sentences and words result in a worse readability score."
    ),
    gettext_noop(
        'See our <a href="%(guide_link)s" target="_blank">content checks guide</a> '
        "for more information on how content metrics are calculated."
    ),
    gettext_noop("Avoid skipping levels"),
    gettext_noop("Incorrect heading hierarchy"),
    gettext_noop("Empty heading found"),
    gettext_noop("Use meaningful text for screen reader users"),
    gettext_noop("Use meaningful text"),
    gettext_noop("Use a meaningful title for screen reader users"),
    gettext_noop("Use proper heading tags"),
    gettext_noop("Misusing paragraphs as headings"),
    gettext_noop("Button text is empty"),
    gettext_noop("Input button text is empty"),
    gettext_noop("Link text is empty"),
    gettext_noop("Empty frame title found"),
    gettext_noop("Image alt text has inappropriate pattern"),
    gettext_noop("Meta description is empty"),
    gettext_noop("Table header text is empty"),
    gettext_noop("Add a concise description for search engines"),
    gettext_noop("Table headers"),
    gettext_noop("Which cells should be displayed as headers?"),
    gettext_noop("Select a header option"),
    gettext_noop("No headers"),
    gettext_noop("Display the first row as a header"),
    gettext_noop("Display the first column as a header"),
    gettext_noop("Display the first row AND first column as headers"),
    gettext_noop(
        "A heading that identifies the overall topic of the table, and is useful for "
        "screen reader users."
    ),
    gettext_noop("Add an image"),
    gettext_noop("Move up"),
    gettext_noop("Move down"),
    gettext_noop("Drag"),
    gettext_noop("Maximum"),
    gettext_noop("Minimum"),
    gettext_noop("Add Comment"),
    gettext_noop("Go to Wagtail admin"),
    gettext_noop("Show in Explorer"),
    gettext_noop("View Wagtail quick actions"),
    gettext_noop("Warnings"),
    gettext_noop("Locked"),
    gettext_noop("Unlocked"),
    gettext_noop("Lock"),
    gettext_noop("Unlock"),
    gettext_noop("Schedule to publish"),
    gettext_noop("Publish this version"),
    gettext_noop("Preview mode"),
    gettext_noop("History"),
)

#: (singular, plural) msgids, marked for makemessages by :func:`_plurals`.
PLURALS = (
    ("Referenced %(count)s time", "Referenced %(count)s times"),
    (
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
    ),
)


def _plurals() -> None:  # pragma: no cover - never called
    """What makemessages reads to keep PLURALS in the catalogue."""
    ngettext("Referenced %(count)s time", "Referenced %(count)s times", 0)
    ngettext(
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
        0,
    )
