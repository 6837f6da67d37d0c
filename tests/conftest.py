"""Shared fixtures for the wagtail-govnews test suite."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import Site

from tests.factories import make_index, make_news
from wagtail_govnews.models import GovNewsSettings, SocialAccount


@pytest.fixture(autouse=True)
def clear_cache():
    """Each test starts with an empty cache (QR codes, renditions)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor_client(client, db):
    """The test client logged in as a superuser (an editor with every permission)."""
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def news_index(db):
    """A published "Tin tức" section under the default site's root page."""
    return make_index()


@pytest.fixture
def article(news_index):
    """A published article with only a title and a lead."""
    return make_news(news_index, "Thành phố khai trương tuyến xe buýt mới", lead="Tóm tắt tin.")


@pytest.fixture
def social_accounts(db):
    """Two social accounts on the default site's settings."""
    settings = GovNewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.portal_name = "Cổng thông tin thử nghiệm"
    settings.save()
    return [
        SocialAccount.objects.create(
            settings=settings,
            network="facebook",
            name="Fanpage thử",
            url="https://www.facebook.com/test.portal",
            sort_order=0,
        ),
        SocialAccount.objects.create(
            settings=settings,
            network="zalo",
            name="Zalo OA thử",
            url="https://zalo.me/1234567890",
            sort_order=1,
        ),
    ]
