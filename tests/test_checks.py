"""System checks report each misconfiguration with its id (docs/reference/checks.md)."""

from __future__ import annotations

import tempfile

import pytest
from django.apps import apps
from django.core.checks.registry import registry
from django.test import override_settings

# Changing settings empties the response cache, which reads the database.
pytestmark = pytest.mark.django_db
# A cache every process shares (files here; Redis or Memcached on a real site).
SHARED_CACHE = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": tempfile.mkdtemp(prefix="govnews-checks-cache-"),
}
LOCAL_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def package_messages() -> list:
    """What the package's registered checks (those ``manage.py check`` runs) report."""
    checks = [c for c in registry.get_checks() if c.__module__ == "wagtail_govnews.checks"]
    assert len(checks) == 4
    return [message for check in checks for message in check(app_configs=None)]


def ids(**settings) -> list[str]:
    """The ids of the package's problems ``manage.py check`` reports with ``settings``.

    The caches are shared ones unless ``settings`` says otherwise (the tests' own are local).
    """
    settings.setdefault("CACHES", {"default": SHARED_CACHE})
    with override_settings(**settings):
        return [message.id for message in package_messages()]


def messages(**settings) -> list[str]:
    settings.setdefault("CACHES", {"default": SHARED_CACHE})
    with override_settings(**settings):
        return [str(message) for message in package_messages()]


def test_a_correct_site_has_no_problem():
    assert ids() == []


@pytest.mark.parametrize("value", [["QR_SIZE"], "QR_SIZE=10"])
def test_settings_that_are_not_a_dict(value):
    assert ids(WAGTAIL_GOVNEWS=value) == ["wagtail_govnews.E001"]


def test_a_mistyped_key_is_named_with_the_key_it_was_meant_to_be():
    assert ids(WAGTAIL_GOVNEWS={"OTHER_NEWS_CONT": 6}) == ["wagtail_govnews.E001"]
    assert "Did you mean 'OTHER_NEWS_COUNT'?" in messages(WAGTAIL_GOVNEWS={"OTHER_NEWS_CONT": 6})[0]


@pytest.mark.parametrize(
    "setting",
    [
        {"QR_SIZE": "160"},
        {"QR_SIZE": -1},
        {"QR_SIZE": True},
        {"ASCII_SLUGS": "no"},
        {"SHARE_NETWORKS": "facebook"},
        {"SHARE_NETWORKS": [1, 2]},
        {"QR_ERROR_CORRECTION": "X"},
        {"API_CACHE_CONTROL": 60},
        {"EXPORT_DIR": 5},
    ],
    ids=lambda setting: f"{next(iter(setting))}={next(iter(setting.values()))!r}",
)
def test_a_value_of_the_wrong_type(setting):
    assert ids(WAGTAIL_GOVNEWS=setting) == ["wagtail_govnews.E002"]


@pytest.mark.parametrize("setting", [{"QR_SIZE": 200}, {"PDF_FONT_PATH": "/f.ttf"}, {}])
def test_values_of_the_right_type_pass(setting):
    assert ids(WAGTAIL_GOVNEWS=setting) == []


def without_app(monkeypatch, missing: str) -> None:
    """Make ``missing`` look uninstalled (a real INSTALLED_APPS change reloads every URLconf)."""
    installed = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name != missing and installed(name))


@pytest.mark.parametrize("app", ["wagtail.contrib.routable_page", "wagtail.contrib.table_block"])
def test_a_required_app_missing(monkeypatch, app):
    without_app(monkeypatch, app)
    assert ids() == ["wagtail_govnews.E003"]
    assert app in messages()[0]


def test_export_on_publish_without_a_target():
    assert ids(WAGTAIL_GOVNEWS={"EXPORT_ON_PUBLISH": True}) == ["wagtail_govnews.E004"]
    assert ids(WAGTAIL_GOVNEWS={"EXPORT_ON_PUBLISH": True, "EXPORT_DIR": "/srv/export"}) == []
    unknown = {"EXPORT_ON_PUBLISH": True, "EXPORT_STORAGE": "nowhere"}
    assert ids(WAGTAIL_GOVNEWS=unknown) == ["wagtail_govnews.E004"]


def test_export_on_publish_without_the_export_sub_app(monkeypatch):
    without_app(monkeypatch, "wagtail_govnews.contrib.export")
    setting = {"EXPORT_ON_PUBLISH": True, "EXPORT_DIR": "/srv/export"}
    assert ids(WAGTAIL_GOVNEWS=setting) == ["wagtail_govnews.E004"]


def test_view_counting_in_a_per_process_cache_outside_debug():
    assert ids(DEBUG=False, CACHES={"default": LOCAL_CACHE}) == ["wagtail_govnews.W001"]
    assert ids(DEBUG=True, CACHES={"default": LOCAL_CACHE}) == []
    assert ids(DEBUG=False, CACHES={"default": SHARED_CACHE}) == []
    off = {"VIEW_COUNTING": False}
    assert ids(DEBUG=False, CACHES={"default": LOCAL_CACHE}, WAGTAIL_GOVNEWS=off) == []
    elsewhere = {"VIEW_COUNT_CACHE_ALIAS": "views"}
    assert ids(DEBUG=False, CACHES={"default": LOCAL_CACHE}, WAGTAIL_GOVNEWS=elsewhere) == [
        "wagtail_govnews.W001"
    ]
