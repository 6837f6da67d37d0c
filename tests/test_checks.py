"""System checks report each misconfiguration with its id (docs/reference/checks.md)."""

from __future__ import annotations

import tempfile

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.checks.registry import registry
from django.test import override_settings
from fontTools.subset import Subsetter
from fontTools.ttLib import TTFont
from wagtail.models import Site

from wagtail_govnews import checks
from wagtail_govnews.checks import BASE_BLOCKS
from wagtail_govnews.contrib.pdf.render import BOLD_FONT

CORE_CHECKS = "wagtail_govnews.checks"
PDF_CHECKS = "wagtail_govnews.contrib.pdf.checks"
IMPORTER_CHECKS = "wagtail_govnews.contrib.importer.checks"
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
    checks = [c for c in registry.get_checks() if c.__module__.startswith("wagtail_govnews.")]
    assert {c.__module__ for c in checks} == {CORE_CHECKS, PDF_CHECKS, IMPORTER_CHECKS}
    assert len(checks) == 10
    return [message for check in checks for message in check(app_configs=None)]


@pytest.fixture(autouse=True)
def public_hostname():
    """The site answers under a public name, as in production (Wagtail's default: localhost)."""
    Site.objects.update(hostname="news.example.gov.vn")


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


@pytest.mark.parametrize("setting", [{"QR_SIZE": 200}, {"PDF_FONT_PATH": str(BOLD_FONT)}, {}])
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


def test_view_tokens_that_expire_while_their_detail_is_cached():
    assert ids(WAGTAIL_GOVNEWS={"RESPONSE_CACHE_TIMEOUT": 1800}) == ["wagtail_govnews.W004"]
    longer = {"RESPONSE_CACHE_TIMEOUT": 1800, "VIEW_TOKEN_MAX_AGE": 4 * 3600}
    assert ids(WAGTAIL_GOVNEWS=longer) == []


@pytest.mark.parametrize("origins", ["https://a.example", [1], {"https://a.example"}])
def test_beacon_origins_are_a_list_of_texts(origins):
    assert ids(WAGTAIL_GOVNEWS={"VIEW_BEACON_ORIGINS": origins}) == ["wagtail_govnews.E002"]
    assert ids(WAGTAIL_GOVNEWS={"VIEW_BEACON_ORIGINS": ["https://a.example"]}) == []


def with_base_template(tmp_path, **templates: str) -> dict:
    """``TEMPLATES`` whose first folder holds ``templates`` (name → source): the site's own."""
    for name, source in templates.items():
        (tmp_path / name).write_text(source)
    engine = {**django_settings.TEMPLATES[0], "DIRS": [tmp_path]}
    return {"TEMPLATES": [engine]}


BLOCKS = "".join(f"{{% block {name} %}}{{% endblock %}}" for name in BASE_BLOCKS)


def test_a_base_template_without_extra_head(tmp_path):
    starter = BLOCKS.replace("{% block extra_head %}{% endblock %}", "")
    templates = with_base_template(tmp_path, **{"base.html": starter})
    assert ids(**templates) == ["wagtail_govnews.W002"]
    assert "extra_head" in messages(**templates)[0]
    assert "JSON-LD" in messages(**templates)[0]


def test_blocks_may_come_from_the_template_base_html_extends(tmp_path):
    templates = with_base_template(
        tmp_path, **{"base.html": '{% extends "layout.html" %}', "layout.html": BLOCKS}
    )
    assert ids(**templates) == []


def test_a_site_without_base_html(tmp_path, monkeypatch):
    monkeypatch.setattr(checks, "SITE_BASE_TEMPLATE", "missing.html")
    monkeypatch.setattr(checks, "PACKAGE_BASE_TEMPLATE", "missing-too.html")
    assert ids() == ["wagtail_govnews.W002"]


@pytest.mark.parametrize("hostname", ["localhost", "127.0.0.1", "portal.localhost"])
def test_a_loopback_site_outside_debug(hostname):
    Site.objects.update(hostname=hostname)
    assert ids(DEBUG=False) == ["wagtail_govnews.W003"]
    assert "QR codes" in messages(DEBUG=False)[0]
    assert ids(DEBUG=True) == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "is not a file"),
        (b"not a font", "is not a TrueType font"),
    ],
)
def test_a_pdf_font_that_is_not_a_font(tmp_path, content, problem):
    path = tmp_path / "font.ttf"
    if content is not None:
        path.write_bytes(content)
    assert ids(WAGTAIL_GOVNEWS={"PDF_FONT_PATH": str(path)}) == ["wagtail_govnews.E005"]
    assert problem in messages(WAGTAIL_GOVNEWS={"PDF_FONT_PATH": str(path)})[0]


def test_a_pdf_font_without_vietnamese_letters(tmp_path):
    """A Latin-only font (the bundled one cut down to ASCII) would drop Vietnamese letters."""
    latin_only = tmp_path / "latin.ttf"
    font = TTFont(BOLD_FONT)
    subsetter = Subsetter()
    subsetter.populate(unicodes=range(0x20, 0x7F))
    subsetter.subset(font)
    font.save(latin_only)
    setting = {"PDF_BOLD_FONT_PATH": str(latin_only)}
    assert ids(WAGTAIL_GOVNEWS=setting) == ["wagtail_govnews.E005"]
    assert "Vietnamese" in messages(WAGTAIL_GOVNEWS=setting)[0]
    assert ids(WAGTAIL_GOVNEWS={"PDF_FONT_PATH": str(BOLD_FONT)}) == []
