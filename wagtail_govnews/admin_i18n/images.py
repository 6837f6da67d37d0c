"""The image chooser (and the image library it opens from). Msgids of Wagtail that the package's
catalogue translates (see __init__.py).
"""

from django.utils.translation import gettext_noop

STRINGS = (
    gettext_noop("Latest images"),
    gettext_noop("images"),
    gettext_noop("image"),
    gettext_noop("Upload"),
    gettext_noop("All collections"),
    gettext_noop("Choose an image"),
    gettext_noop("Edit this image"),
    gettext_noop("Grid layout"),
    gettext_noop("List layout"),
    gettext_noop(
        "Supported formats: %(supported_formats)s. Maximum filesize: %(max_upload_size)s."
    ),
    gettext_noop("Not a supported image format. Supported formats: %(supported_formats)s."),
    gettext_noop("This file is too big. Maximum filesize %(max_filesize)s."),
)

#: (singular, plural) msgids, marked for makemessages by :func:`_plurals`.
PLURALS = ()
