"""The home page blocks a site can reuse: featured story, section news, most read."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from wagtail.models import Locale, PageViewRestriction

from tests.factories import days_ago, make_home, make_image, make_index, make_news, translate


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def section(home):
    return make_index("Tin tức", "tin-tuc", parent=home)


def _set_blocks(home, *blocks):
    home.body = list(blocks)
    home.save_revision().publish()
    home.refresh_from_db()


def _featured(html: str) -> str:
    match = re.search(r'<article class="govnews-featured".*?</article>', html, re.S)
    return match.group(0) if match else ""


@pytest.mark.django_db
def test_featured_story_is_the_pick_else_the_newest_visible(client, home, section):
    older = make_news(section, "Tin được chọn", date=days_ago(5), hero_image=make_image())
    newest = make_news(section, "Tin mới nhất", date=days_ago(1))
    make_news(section, "Bản nháp mới hơn", publish=False, date=days_ago(0.5))
    _set_blocks(home, {"type": "featured", "value": {"article": older.pk}})
    featured = _featured(client.get(home.url).content.decode())
    assert "Tin được chọn" in featured and 'fetchpriority="high"' in featured

    PageViewRestriction.objects.create(page=older, restriction_type="password", password="x")
    featured = _featured(client.get(home.url).content.decode())
    assert "Tin mới nhất" in featured and "Tin được chọn" not in featured

    _set_blocks(home, {"type": "featured", "value": {"article": None}})
    assert newest.title in _featured(client.get(home.url).content.decode())


@pytest.mark.django_db
def test_section_news_lists_the_newest_visible_articles_of_the_section(client, home, section):
    other_section = make_index("Thông báo", "thong-bao", parent=home)
    for n in range(4):
        make_news(section, f"Tin số {n}", date=days_ago(10 - n))
    make_news(section, "Bản nháp", publish=False)
    make_news(other_section, "Thông báo khác")
    _set_blocks(home, {"type": "section", "value": {"section": section.pk, "count": 3}})
    html = client.get(home.url).content.decode()
    block = html[html.index('class="govnews-section-news"') :]
    assert f'href="{section.url}"' in block
    titles = re.findall(r'<h3 class="govnews-card__title"><a [^>]*>([^<]+)</a>', block)
    assert titles == ["Tin số 3", "Tin số 2", "Tin số 1"]
    assert "Bản nháp" not in html and "Thông báo khác" not in html

    section.unpublish()
    html = client.get(home.url).content.decode()
    assert 'class="govnews-section-news"' not in html and "Tin số 3" not in html


@pytest.mark.django_db
def test_english_home_shows_the_english_versions(client, home, section):
    article = make_news(section, "Tin tiếng Việt", date=days_ago(1))
    make_news(section, "Chỉ có tiếng Việt", date=days_ago(0.5))
    _set_blocks(
        home,
        {"type": "featured", "value": {"article": article.pk}},
        {"type": "section", "value": {"section": section.pk, "count": 4}},
    )
    english = Locale.objects.get_or_create(language_code="en")[0]
    english_article = translate(article, english)
    english_article.title = "News in English"
    english_article.save_revision().publish()
    english_home = home.get_translation(english)
    html = client.get(english_home.url).content.decode()
    assert "News in English" in _featured(html)
    assert "Tiếng Việt" not in _featured(html)
    assert "Chỉ có tiếng Việt" not in html
    assert f'href="{section.get_translation(english).url}"' in html


@pytest.mark.django_db
def test_home_headings_go_down_one_level_at_a_time(client, home, section):
    make_news(section, "Tin một", date=days_ago(1))
    _set_blocks(
        home,
        {"type": "featured", "value": {"article": None}},
        {"type": "most_read", "value": {"count": 5, "days": 7}},
        {"type": "section", "value": {"section": section.pk, "count": 4}},
    )
    html = client.get(home.url).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", main)]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in pairwise(levels))


@pytest.mark.django_db
def test_a_publish_in_one_section_re_renders_only_that_sections_box(client, home, section):
    """Each cacheable block is kept on its own: after a new article in one section the home
    page shows it, and the other section's box (and the rest) comes from the cache."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail_govnews import response_cache

    other_section = make_index("Thông báo", "thong-bao", parent=home)
    make_news(section, "Tin tức cũ", date=days_ago(3), hero_image=make_image())
    make_news(other_section, "Thông báo cũ", date=days_ago(3), hero_image=make_image())
    _set_blocks(
        home,
        {"type": "section", "value": {"section": section.pk, "count": 3}},
        {"type": "section", "value": {"section": other_section.pk, "count": 3}},
    )
    client.get(home.url)  # renditions, the site settings row
    response_cache.invalidate()
    with CaptureQueriesContext(connection) as full_build:
        client.get(home.url)

    make_news(section, "Tin tức vừa đăng", date=days_ago(0))
    with CaptureQueriesContext(connection) as rebuild:
        html = client.get(home.url).content.decode()
    assert "Tin tức vừa đăng" in html and "Thông báo cũ" in html
    assert len(rebuild) < len(full_build)
