"""Settings of the portal server the editor browser tests drive: the example project's,
without autosave.

Wagtail's autosave creates a new page in the background as soon as it notices edits; a
test that types at machine speed can press "Publish" while that request is on its way, and
the page would be created twice ("slug already in use"). Editors typing by hand do not meet
this; the tests check the editor's own actions instead.
"""

from example_project.settings import *  # noqa: F403

WAGTAIL_AUTOSAVE_INTERVAL = 0
