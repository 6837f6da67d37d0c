"""The WAGTAIL_GOVNEWS setting: defaults, live overrides and configuration errors."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.test import override_settings

from tests.qr_decode import parse_svg
from wagtail_govnews.conf import DEFAULTS, AppSettings, govnews_settings

EXPECTED_DEFAULTS = {
    "QR_ERROR_CORRECTION": "M",
    "QR_SIZE": 160,
    "QR_BORDER": 4,
    "QR_PNG_BOX_SIZE": 10,
    "QR_CACHE_ALIAS": "default",
    "QR_CACHE_TIMEOUT": 60 * 60 * 24 * 30,
    "SHARE_NETWORKS": ["facebook", "zalo", "x", "linkedin", "telegram", "email", "copy"],
    "ZALO_SDK": False,
    "ASCII_SLUGS": True,
    "NEWS_PER_PAGE": 12,
    "OTHER_NEWS_COUNT": 6,
    "API_DEFAULT_LIMIT": 20,
    "API_MAX_LIMIT": 100,
    "API_IMAGE_WIDTHS": [480, 800, 1200],
    "API_CACHE_CONTROL": "public, max-age=60, s-maxage=600, stale-while-revalidate=60",
    "API_QR_CACHE_CONTROL": "public, max-age=86400",
    "PAGE_CACHE_CONTROL": "public, max-age=60, s-maxage=600, stale-while-revalidate=60",
    "RESPONSE_CACHE_ALIAS": "default",
    "RESPONSE_CACHE_TIMEOUT": 600,
    "RESPONSE_CACHE_SHARED": None,
    "RESPONSE_CACHE_MAX_VARIANTS": 200,
    "PREVIEW_MAX_AGE": 3600,
    "CANONICAL_TO_ORIGINAL": True,
    "PDF_FONT_PATH": None,
    "PDF_BOLD_FONT_PATH": None,
    "FEED_ITEMS": 20,
    "ROBOTS_RULES": ["User-agent: *", "Disallow: /admin/"],
    "SITEMAP_PATH": "/sitemap.xml",
    "EXPORT_ON_PUBLISH": False,
    "EXPORT_STORAGE": None,
    "EXPORT_DIR": None,
    "EXPORT_WORKERS": 0,
    "WEBHOOKS_TIMEOUT": 5,
    "WEBHOOKS_MAX_ATTEMPTS": 8,
    "WEBHOOKS_RETRY_DELAY": 30,
    "WEBHOOKS_LOG_DAYS": 30,
    "DATELINE_MAX_FUTURE_DAYS": 366,
    "VIEW_COUNTING": True,
    "VIEW_COUNT_CACHE_ALIAS": "default",
    "VIEW_DEDUPE_WINDOW": 3600,
    "VIEW_RATE_LIMIT": 30,
    "VIEW_TOKEN_MAX_AGE": 3600,
    "VIEW_BEACON_ORIGINS": None,
    "PROXY_COUNT": 0,
    "MOST_READ_DAYS": 7,
    "MOST_READ_COUNT": 5,
}


def qr_width() -> str:
    svg = Template("{% load govnews_tags %}{% qr_code 'https://example.gov.vn/' %}").render(
        Context()
    )
    return parse_svg(svg).get("width")


def test_documented_defaults():
    assert DEFAULTS == EXPECTED_DEFAULTS


@pytest.mark.parametrize("user_value", [{}, None])
def test_defaults_are_returned_when_nothing_is_set(user_value):
    with override_settings(WAGTAIL_GOVNEWS=user_value):
        for name, default in EXPECTED_DEFAULTS.items():
            assert getattr(govnews_settings, name) == default, name


def test_defaults_without_the_setting_at_all(settings):
    del settings.WAGTAIL_GOVNEWS
    fresh = AppSettings()
    assert {name: getattr(fresh, name) for name in EXPECTED_DEFAULTS} == EXPECTED_DEFAULTS


def test_example_project_values_are_read():
    # tests.settings sets the example project's WAGTAIL_GOVNEWS.
    assert govnews_settings.NEWS_PER_PAGE == 12
    assert govnews_settings.OTHER_NEWS_COUNT == 6


def test_override_takes_effect_immediately_and_is_undone():
    assert govnews_settings.QR_SIZE == 160  # read once: the value is cached from here on
    assert qr_width() == "160"
    with override_settings(WAGTAIL_GOVNEWS={"QR_SIZE": 99, "ZALO_SDK": True}):
        assert govnews_settings.QR_SIZE == 99
        assert govnews_settings.ZALO_SDK is True
        assert govnews_settings.QR_BORDER == 4  # keys not given keep their defaults
        assert qr_width() == "99"
    assert govnews_settings.QR_SIZE == 160
    assert govnews_settings.ZALO_SDK is False
    assert qr_width() == "160"


def test_nested_overrides():
    with override_settings(WAGTAIL_GOVNEWS={"QR_SIZE": 99}):
        with override_settings(WAGTAIL_GOVNEWS={"QR_SIZE": 50}):
            assert govnews_settings.QR_SIZE == 50
        assert govnews_settings.QR_SIZE == 99
    assert govnews_settings.QR_SIZE == 160


def test_unknown_key_is_an_error_naming_the_key():
    with override_settings(WAGTAIL_GOVNEWS={"QR_SIZ": 120, "QR_SIZE": 120}):
        with pytest.raises(ImproperlyConfigured) as error:
            govnews_settings.QR_SIZE  # noqa: B018
        assert "Unknown WAGTAIL_GOVNEWS key(s): QR_SIZ." in str(error.value)  # only the bad key
        with pytest.raises(ImproperlyConfigured):  # not silently accepted on a second read
            govnews_settings.NEWS_PER_PAGE  # noqa: B018
    assert govnews_settings.QR_SIZE == 160  # a good configuration works again afterwards


def test_several_unknown_keys_are_all_named():
    with (
        override_settings(WAGTAIL_GOVNEWS={"SIZE": 1, "SHARE": []}),
        pytest.raises(ImproperlyConfigured) as error,
    ):
        govnews_settings.QR_SIZE  # noqa: B018
    assert "Unknown WAGTAIL_GOVNEWS key(s): SHARE, SIZE." in str(error.value)


@pytest.mark.parametrize("user_value", [["QR_SIZE", 120], "QR_SIZE=120", ("QR_SIZE",), 5])
def test_non_dict_setting_is_an_error(user_value):
    with (
        override_settings(WAGTAIL_GOVNEWS=user_value),
        pytest.raises(ImproperlyConfigured, match="WAGTAIL_GOVNEWS must be a dict"),
    ):
        govnews_settings.QR_SIZE  # noqa: B018


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="NOT_A_SETTING"):
        govnews_settings.NOT_A_SETTING  # noqa: B018
    assert not hasattr(govnews_settings, "qr_size")  # keys are case-sensitive
    assert getattr(govnews_settings, "NOT_A_SETTING", "fallback") == "fallback"
