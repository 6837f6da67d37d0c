"""The test settings without any of the optional sub-apps, and a URLconf without the API."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if not app.startswith("wagtail_govnews.contrib.")]
ROOT_URLCONF = "tests.without_subapps.urls"
