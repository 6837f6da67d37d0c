"""Share link URLs: exact encoding per network, URL validation and the SHARE_NETWORKS setting."""

import base64
import json
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.utils import translation

from wagtail_govnews.share import (
    NETWORKS,
    ShareLink,
    ShareNetworkError,
    ShareURLError,
    enabled_networks,
    share_links,
    share_url,
)

URL = "https://example.gov.vn/tin-tuc/đại-hội?id=5&lang=vi#binh-luan"
TITLE = 'Đại hội "Đảng bộ" & Nhân dân #1'
URL_Q = (
    "https%3A%2F%2Fexample.gov.vn%2Ftin-tuc%2F%C4%91%E1%BA%A1i-h%E1%BB%99i"
    "%3Fid%3D5%26lang%3Dvi%23binh-luan"
)
TITLE_Q = (
    "%C4%90%E1%BA%A1i%20h%E1%BB%99i%20%22%C4%90%E1%BA%A3ng%20b%E1%BB%99%22"
    "%20%26%20Nh%C3%A2n%20d%C3%A2n%20%231"
)


@pytest.mark.parametrize(
    ("network", "expected"),
    [
        ("facebook", f"https://www.facebook.com/sharer/sharer.php?u={URL_Q}"),
        ("x", f"https://twitter.com/intent/tweet?text={TITLE_Q}&url={URL_Q}"),
        ("linkedin", f"https://www.linkedin.com/sharing/share-offsite/?url={URL_Q}"),
        ("telegram", f"https://t.me/share/url?url={URL_Q}&text={TITLE_Q}"),
        ("email", f"mailto:?subject={TITLE_Q}&body={TITLE_Q}%0A{URL_Q}"),
        ("copy", URL),
    ],
)
def test_exact_share_urls(network, expected):
    assert share_url(network, URL, TITLE) == expected


def test_zalo_payload_decodes_back_to_the_url():
    result = share_url("zalo", URL, TITLE)
    prefix = "https://button-share.zalo.me/share_external?d="
    assert result.startswith(prefix)
    encoded = result[len(prefix) :]
    assert "&" not in encoded and "=" not in encoded and "+" not in encoded
    assert json.loads(base64.b64decode(unquote(encoded))) == {"url": URL}


@pytest.mark.parametrize(
    ("network", "expected"),
    [
        ("facebook", {"u": [URL]}),
        ("x", {"text": [TITLE], "url": [URL]}),
        ("linkedin", {"url": [URL]}),
        ("telegram", {"url": [URL], "text": [TITLE]}),
    ],
)
def test_parse_qs_round_trip(network, expected):
    parts = urlsplit(share_url(network, URL, TITLE))
    assert parts.fragment == ""  # the "#" of the URL and title must not end the share URL
    assert parse_qs(parts.query, strict_parsing=True) == expected


def test_email_round_trip_and_no_plus_signs():
    result = share_url("email", URL, TITLE)
    assert "+" not in result
    query = parse_qs(result.removeprefix("mailto:?"), strict_parsing=True)
    assert query == {"subject": [TITLE], "body": [f"{TITLE}\n{URL}"]}


def test_empty_title_is_left_out():
    assert (
        share_url("x", "https://a.vn/")
        == "https://twitter.com/intent/tweet?url=https%3A%2F%2Fa.vn%2F"
    )
    assert share_url("email", "https://a.vn/") == "mailto:?body=https%3A%2F%2Fa.vn%2F"


@pytest.mark.parametrize(
    "bad",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,x",
        "/relative",
        "ftp://a.vn/",
        "https://",
    ],
)
def test_non_http_urls_rejected(bad):
    with pytest.raises(ShareURLError, match=r"Only http\(s\) URLs can be shared"):
        share_url("facebook", bad)
    with pytest.raises(ValueError):
        share_links(bad)


def test_unknown_network():
    with pytest.raises(ShareNetworkError, match="myspace") as info:
        share_url("myspace", URL)
    assert "facebook" in str(info.value) and "zalo" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_default_networks_in_order():
    assert [n.name for n in enabled_networks()] == list(NETWORKS)
    assert list(NETWORKS) == ["facebook", "zalo", "x", "linkedin", "telegram", "email", "copy"]


@override_settings(WAGTAIL_GOVNEWS={"SHARE_NETWORKS": ["zalo", "email"]})
def test_enabled_networks_follow_settings_order():
    assert [n.name for n in enabled_networks()] == ["zalo", "email"]
    links = share_links(URL, TITLE)
    assert [link.network for link in links] == ["zalo", "email"]
    assert links[1] == ShareLink("email", NETWORKS["email"].label, share_url("email", URL, TITLE))


@override_settings(WAGTAIL_GOVNEWS={"SHARE_NETWORKS": ["facebook", "myspace"]})
def test_unknown_configured_network():
    with pytest.raises(ImproperlyConfigured, match="myspace"):
        enabled_networks()


@override_settings(WAGTAIL_GOVNEWS={"SHARE_NETWORKS": "facebook"})
def test_configured_networks_must_be_a_list():
    with pytest.raises(ImproperlyConfigured, match="list"):
        enabled_networks()


def test_share_links_copy_entry():
    links = share_links(URL, TITLE)
    copy = links[-1]
    assert copy.is_copy and copy.url == URL and copy.network == "copy"
    with translation.override("en"):
        assert str(copy.label) == "Copy link"
        assert [str(link.label) for link in links] == [
            "Facebook",
            "Zalo",
            "X",
            "LinkedIn",
            "Telegram",
            "Email",
            "Copy link",
        ]
    assert not any(link.is_copy for link in links[:-1])
