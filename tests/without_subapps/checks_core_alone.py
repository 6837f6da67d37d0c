"""What the core does with no sub-app installed (collected only by tests/test_subapps.py)."""

import sys

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Site

from tests.factories import make_index, make_news
from wagtail_govnews.models import GovNewsSettings

pytestmark = pytest.mark.django_db


def test_no_sub_app_is_loaded():
    assert not [app for app in apps.app_configs if app.startswith("wagtail_govnews_")]
    assert not [name for name in sys.modules if name.startswith("wagtail_govnews.contrib.")]


def test_system_checks_pass():
    call_command("check")  # errors fail it (the tests' local cache is only a warning)


def test_article_print_feeds_and_qr_work_without_pdf_links(client):
    page = make_news(make_index(), "Tin không có PDF", lead="Tóm tắt.")
    html = client.get(page.url).content.decode()
    assert "Tin không có PDF" in html and "Tóm tắt." in html
    assert page.url + "pdf/" not in html
    assert client.get(page.url + "print/").status_code == 200
    assert client.get(page.url + "pdf/").status_code == 404
    assert client.get(f"/govnews/news/{page.pk}/qr.svg").status_code == 200
    assert "Tin không có PDF" in client.get("/govnews/feeds/vi/rss.xml").content.decode()


def test_no_headless_preview_mode_without_the_api():
    page = make_news(make_index(), "Tin xem trước")
    settings = GovNewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.frontend_preview_url = "https://frontend.example.gov.vn/preview/?token={token}"
    settings.save()
    assert "headless" not in dict(page.preview_modes)
