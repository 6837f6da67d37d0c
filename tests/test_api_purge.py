"""Frontend cache purging of the headless API when articles are published, moved or deleted."""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import quote

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Locale

from tests.factories import make_index, make_news
from wagtail_govnews.contrib.api.purge import api_urls_for

#: Every URL a RecordingBackend was asked to purge (per test process).
PURGED: list[str] = []

ROOT = "http://localhost"  # root URL of the default site in the tests
API = ROOT + "/api/govnews"


class RecordingBackend(BaseBackend):
    """A frontend cache backend that only records what it is asked to purge."""

    def purge(self, url: str) -> None:
        PURGED.append(url)

    def purge_batch(self, urls: list[str]) -> None:
        PURGED.extend(urls)


@pytest.fixture
def recorder(settings, django_capture_on_commit_callbacks):
    """``with recorder(): ...`` records the purges of the block, commit callbacks included.

    Tests run inside a transaction that never commits, and we purge on commit, so the
    block runs the on-commit callbacks it registers when it ends.
    """
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": "tests.test_api_purge.RecordingBackend"}
    }

    @contextmanager
    def recording():
        PURGED.clear()  # forget what building the test data purged
        with django_capture_on_commit_callbacks(execute=True):
            yield

    yield recording
    PURGED.clear()


def find(path: str) -> str:
    return f"{API}/news/find/?path={quote(path, safe='')}"


def article_urls(page, section) -> set[str]:
    """What this package purges for an article (no translations)."""
    return {
        f"{API}/news/{page.pk}/",
        f"{API}/news/{page.pk}/qr.svg",
        f"{API}/news/{page.pk}/qr.png",
        find(f"/vi/{section.slug}/{page.slug}/"),
        f"{API}/news/",
        f"{API}/news/?locale=vi",
        f"{API}/news/?index={section.pk}",
    }


def html_urls(page, section) -> set[str]:
    """What Wagtail's own frontend cache handlers purge on publish and unpublish.

    ``wagtail.contrib.frontend_cache`` connects them in its AppConfig.ready(), for every
    page type: the page's URL, once per content language (WAGTAIL_I18N_ENABLED), because
    its purge task swaps the language prefix. Our API URLs have no language prefix, so
    they are purged once each.
    """
    return {f"{ROOT}/{language}/{section.slug}/{page.slug}/" for language in ("vi", "en")}


@pytest.mark.django_db
def test_publishing_an_article_purges_its_api_urls(recorder, news_index):
    with recorder():
        page = make_news(news_index, "Bài mới", publish=False)
    assert PURGED == []  # saving a draft purges nothing
    with recorder():
        page.save_revision().publish()
    assert set(PURGED) == article_urls(page, news_index) | html_urls(page, news_index)


@pytest.mark.django_db
def test_unpublishing_purges_the_same_urls(recorder, article, news_index):
    with recorder():
        article.unpublish()
    assert set(PURGED) == article_urls(article, news_index) | html_urls(article, news_index)


@pytest.mark.django_db
def test_nothing_is_sent_before_the_transaction_commits(recorder, article, news_index):
    with recorder():
        article.save_revision().publish()
        ours = [url for url in PURGED if url.startswith(API)]
        assert ours == []  # only Wagtail's HTML purge, which does not wait for the commit
    assert set(PURGED) >= article_urls(article, news_index)


@pytest.mark.django_db
def test_translations_are_purged_because_their_translations_field_changes(recorder, news_index):
    english = Locale.objects.get_or_create(language_code="en")[0]
    page = make_news(news_index, "Bài gốc")
    translation = page.copy_for_translation(english, copy_parents=True)
    translation.save_revision().publish()
    english_index = translation.get_parent()
    with recorder():
        page.save_revision().publish()
    ours = {url for url in PURGED if url.startswith(API)}
    assert ours == article_urls(page, news_index) | {
        f"{API}/news/{translation.pk}/",
        find(f"/en/{english_index.slug}/{translation.slug}/"),
    }


@pytest.mark.django_db
def test_moving_an_article_purges_old_and_new_paths_and_sections(recorder, article, news_index):
    other_section = make_index("Khoa giáo", "khoa-giao")
    old_find = find(f"/vi/tin-tuc/{article.slug}/")
    with recorder():
        article.move(other_section, pos="last-child")
    article.refresh_from_db()
    assert set(PURGED) == article_urls(article, other_section) | {
        old_find,
        f"{API}/news/?index={news_index.pk}",
    } | {
        # wagtail.contrib.redirects creates a redirect from the old HTML path and purges it
        # (its old_path has no trailing slash), once per language like every purge.
        f"{ROOT}/{language}/tin-tuc/{article.slug}"
        for language in ("vi", "en")
    }
    assert find(f"/vi/khoa-giao/{article.slug}/") in PURGED


@pytest.mark.django_db
def test_moving_a_section_purges_the_old_paths_of_its_articles(recorder, article, news_index):
    home = make_index("Trang chuyên đề", "chuyen-de")
    with recorder():
        news_index.move(home, pos="last-child")
    article.refresh_from_db()
    assert article.url_path.endswith("/chuyen-de/tin-tuc/thanh-pho-khai-truong-tuyen-xe-buyt-moi/")
    assert find(f"/vi/tin-tuc/{article.slug}/") in PURGED
    assert find(f"/vi/chuyen-de/tin-tuc/{article.slug}/") in PURGED
    assert f"{API}/news/{article.pk}/" in PURGED


@pytest.mark.django_db
def test_renaming_a_slug_purges_the_old_find_url(recorder, article, news_index):
    old_find = find(f"/vi/tin-tuc/{article.slug}/")
    article.slug = "ten-moi"
    with recorder():
        article.save_revision().publish()
    assert old_find in PURGED
    assert find("/vi/tin-tuc/ten-moi/") in PURGED


@pytest.mark.django_db
def test_deleting_an_article_purges_its_urls(recorder, article, news_index):
    expected = article_urls(article, news_index)
    with recorder():
        article.delete()
    # Wagtail unpublishes a live page before deleting it, so its HTML is purged too.
    assert set(PURGED) == expected | html_urls(article, news_index)


@pytest.mark.django_db
def test_deleting_a_draft_purges_its_urls(recorder, news_index):
    draft = make_news(news_index, "Bản nháp", publish=False)
    expected = article_urls(draft, news_index)
    with recorder():
        draft.delete()
    assert set(PURGED) == expected


@pytest.mark.django_db
def test_deleting_a_section_purges_its_articles(recorder, article, news_index):
    with recorder():
        news_index.delete()
    assert f"{API}/news/{article.pk}/" in PURGED


@pytest.mark.django_db
def test_publishing_a_non_news_page_purges_nothing_of_ours(recorder, news_index):
    with recorder():
        news_index.save_revision().publish()
    assert PURGED  # Wagtail's own handler purged the section's HTML...
    assert not [url for url in PURGED if url.startswith(API)]  # ...and we purged nothing


@pytest.mark.django_db
def test_no_backend_configured_is_a_no_op(settings, article, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = None
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.save_revision().publish()
    assert callbacks  # a purge was scheduled...
    assert PURGED == []  # ...and had nowhere to go


@pytest.mark.django_db
def test_api_urls_for_is_empty_when_the_api_is_not_mounted(article, settings):
    settings.ROOT_URLCONF = "wagtail.urls"
    assert api_urls_for(article) == []


@pytest.mark.django_db
def test_api_urls_for_lists_absolute_urls_once(article, news_index):
    urls = api_urls_for(article)
    assert len(urls) == len(set(urls))
    assert set(urls) == article_urls(article, news_index)
