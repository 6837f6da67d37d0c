"""Fine-grained invalidation: a change makes stale only the cached responses that show it.

Each test caches real responses (article pages, API details and lists), changes content the
way an editor does, then checks which responses are still answered from the cache (one
query: the content state) and that those rebuilt show the change.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    image_block,
    make_home,
    make_image,
    make_index,
    make_news,
    translate,
)
from wagtail_govnews import cache_tags, response_cache
from wagtail_govnews.models import NewsPage, NewsPageRelatedNews
from wagtail_govnews.models.popularity import store_views

pytestmark = pytest.mark.django_db

LIST = "/api/govnews/news/"


def urls_of(page: NewsPage) -> list[str]:
    """The cached responses showing ``page`` itself: its article page and API detail."""
    return [page.url, f"{LIST}{page.pk}/"]


def from_cache(client, url: str) -> bool:
    """Whether ``url`` is answered from the response cache (the content state query only)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries) <= 1


def warm(client, urls: list[str]) -> None:
    """Cache ``urls`` (twice: the first request ever also creates the site settings)."""
    for url in urls * 2:
        client.get(url)
    assert all(from_cache(client, url) for url in urls)


@pytest.fixture
def sections() -> Iterator[tuple]:
    """Two sections: "Kinh tế" with 3 articles and "Văn hoá" with 20."""
    economy, culture = make_index("Kinh tế", "kinh-te"), make_index("Văn hoá", "van-hoa")
    yield (
        economy,
        [make_news(economy, f"Kinh tế {n}") for n in range(3)],
        culture,
        [make_news(culture, f"Văn hoá {n}") for n in range(20)],
    )


def test_after_one_publish_unrelated_responses_stay_cached(client, sections):
    economy, economy_news, _culture, culture_news = sections
    unrelated = [url for page in culture_news for url in urls_of(page)]
    related = [url for page in economy_news for url in urls_of(page)] + [LIST]
    warm(client, unrelated + related)

    new = make_news(economy, "Kinh tế mới nhất")

    still_cached = sum(from_cache(client, url) for url in unrelated)
    assert still_cached / len(unrelated) >= 0.95
    assert still_cached == len(unrelated)  # 40 of 40 here
    # What shows the new article was rebuilt: the list and its section's "other news" boxes.
    assert new.title in client.get(LIST).content.decode()
    for page in economy_news:
        assert new.title in client.get(page.url).content.decode()
        assert new.title in client.get(f"{LIST}{page.pk}/").content.decode()


@pytest.mark.parametrize("change", ["edit", "unpublish"])
def test_a_change_of_an_older_article_keeps_its_sections_other_pages_cached(
    client, sections, change
):
    """Only an article dated among the newest of its section is in the other articles'
    "other news" boxes: an edit of an older one leaves their pages and details cached."""
    _economy, _economy_news, culture, culture_news = sections
    oldest, others = culture_news[0], culture_news[1:]
    assert not oldest.is_among_newest_of_section() and others[-1].is_among_newest_of_section()
    warm(client, [url for page in culture_news for url in urls_of(page)] + [culture.url])
    if change == "edit":
        oldest.title = "Văn hoá, bài cũ đã sửa"
        oldest.save_revision().publish()
    else:
        oldest.unpublish()
    assert all(from_cache(client, url) for page in others for url in urls_of(page))
    assert not from_cache(client, culture.url)  # the section page counts and lists them all
    assert client.get(oldest.url).status_code == (200 if change == "edit" else 404)
    if change == "edit":
        assert oldest.title in client.get(oldest.url).content.decode()


@pytest.mark.parametrize("change", ["edit", "unpublish"])
def test_a_change_reaches_every_page_whose_boxes_list_the_article(client, sections, change):
    _economy, economy_news, _culture, culture_news = sections
    picked, most_read = economy_news[0], economy_news[1]
    reader_page = culture_news[0]  # another section: its boxes list them only as picks/most read
    NewsPageRelatedNews.objects.create(page=reader_page, news=picked, sort_order=0)
    store_views({(most_read.pk, timezone.localdate()): 9})
    warm(client, urls_of(reader_page))
    assert picked.title in client.get(reader_page.url).content.decode()
    assert most_read.title in client.get(reader_page.url).content.decode()

    # Picks show on the page and in the API detail; the most read box on the page only.
    for shown, urls in ((picked, urls_of(reader_page)), (most_read, [reader_page.url])):
        old_title = shown.title
        if change == "edit":
            shown.title = f"{old_title} (đã sửa)"
            shown.save_revision().publish()
        else:
            shown.unpublish()
        for url in urls:
            body = client.get(url).content.decode()
            assert (shown.title in body) == (change == "edit"), url
            if change == "unpublish":
                assert old_title not in body, url


def test_a_new_translation_refreshes_the_original(client, sections):
    """Translations share one tag: the original's page and detail link to a new one."""
    from wagtail.models import Locale

    _economy, economy_news, _culture, _culture_news = sections
    english = Locale.objects.get_or_create(language_code="en")[0]
    translate(economy_news[1], english)  # the sections are translated before the cache warms
    original = economy_news[0]
    warm(client, urls_of(original))
    translation = translate(original, english)
    for url in urls_of(original):
        assert not from_cache(client, url)
        assert translation.url in client.get(url).content.decode()


def test_other_changes_make_every_response_stale(client, sections):
    _economy, economy_news, _culture, culture_news = sections
    urls = urls_of(economy_news[0]) + urls_of(culture_news[0])
    warm(client, urls)
    response_cache.invalidate()  # what a setting, a site or an image change does
    assert not any(from_cache(client, url) for url in urls)


def test_an_article_page_depends_on_its_section_and_shown_articles_only(rf, sections):
    """The tags noted while an article page is built: no ``news``, which every publish bumps."""
    _economy, economy_news, _culture, _culture_news = sections
    page = economy_news[0]
    with cache_tags.collecting() as tags:
        page.serve(rf.get(page.url)).render()
    assert cache_tags.NEWS not in tags
    parent_path = page.path[: -page.steplen]
    assert cache_tags.newest_tag(parent_path) in tags  # its "other news" box
    assert cache_tags.section_tag(parent_path) not in tags  # not every change of the section
    others = economy_news[1:]  # in its "other news" box (its own tag is noted by the hook)
    assert {cache_tags.article_tag(other.translation_key) for other in others} <= tags


def test_an_unscoped_article_query_depends_on_every_publish():
    with cache_tags.collecting() as tags:
        list(NewsPage.objects.live()[:3])
    assert tags == {cache_tags.SITE, cache_tags.NEWS}
    with cache_tags.collecting() as tags:
        NewsPage.objects.shown_as().count()  # no scope: any publish may change it
    assert cache_tags.NEWS in tags


def test_a_scoped_count_depends_on_its_scope_only():
    """A section's count changes only with the section's articles, whose changes bump it."""
    with cache_tags.collecting() as tags:
        NewsPage.objects.shown_as("section:x").count()
        NewsPage.objects.shown_as("section:x").exists()
    assert tags == {cache_tags.SITE, "section:x"}


def test_a_section_page_stays_cached_until_its_own_section_changes(client, sections):
    economy, economy_news, culture, culture_news = sections
    warm(client, [economy.url, culture.url])
    culture_news[0].save_revision().publish()
    assert from_cache(client, economy.url)
    assert not from_cache(client, culture.url)
    economy_news[0].title = "Kinh tế, tiêu đề mới"
    economy_news[0].save_revision().publish()
    assert "Kinh tế, tiêu đề mới" in client.get(economy.url).content.decode()


def test_a_home_page_listing_every_section_follows_every_publish(client):
    """The example's HomePage opts in (``govnews_response_cache``); its latest news list
    is unscoped, so any publish refreshes it."""
    home = make_home()
    article = make_news(make_index("Xã hội", "xa-hoi", parent=home), "Tin trang chủ")
    warm(client, [home.url])
    article.title = "Tin mới trên trang chủ"
    article.save_revision().publish()
    assert "Tin mới trên trang chủ" in client.get(home.url).content.decode()
    assert from_cache(client, home.url)


def test_a_page_rebuilt_for_its_other_news_box_reuses_the_article_content(client, sections):
    """A new article in the section changes every "other news" box of it: the pages are
    rebuilt, but each article's own content (and head) comes from its cached fragment."""
    economy, economy_news, _culture, _culture_news = sections
    page = economy_news[0]
    warm(client, [page.url])
    response_cache.invalidate()  # every entry and fragment stale
    with CaptureQueriesContext(connection) as full_build:
        body = client.get(page.url).content.decode()

    new = make_news(economy, "Kinh tế, tin vừa đăng")
    with CaptureQueriesContext(connection) as rebuild:
        rebuilt = client.get(page.url).content.decode()
    assert new.title in rebuilt and new.title not in body
    assert page.lead in rebuilt and rebuilt.count(page.title) == body.count(page.title)
    assert 1 < len(rebuild) < len(full_build)


def test_a_page_rebuilt_around_its_cached_content_loads_no_body_image(client):
    section = make_index("Ảnh", "anh")
    photo = make_image("Ảnh trong bài")
    page = make_news(section, "Bài có ảnh", body=[image_block(photo, "Chú thích ảnh")])
    warm(client, [page.url])
    make_news(section, "Tin mới cùng chuyên mục")  # its "other news" box changes
    with CaptureQueriesContext(connection) as rebuild:
        body = client.get(page.url).content.decode()
    assert "Chú thích ảnh" in body and "Tin mới cùng chuyên mục" in body
    assert not [query for query in rebuild if 'FROM "wagtailimages_' in query["sql"]]


def test_a_sections_newest_are_looked_up_once_for_all_its_pages(client, sections):
    """After a new article, the first page of the section rebuilt looks up the section's
    newest; the next ones reuse that list, each without itself in its box."""
    economy, economy_news, _culture, _culture_news = sections
    first, second = economy_news[0], economy_news[1]
    warm(client, [first.url, second.url])
    new = make_news(economy, "Kinh tế, tin thứ tư")
    with CaptureQueriesContext(connection) as first_rebuild:
        first_body = client.get(first.url).content.decode()
    with CaptureQueriesContext(connection) as second_rebuild:
        second_body = client.get(second.url).content.decode()
    assert len(second_rebuild) < len(first_rebuild)
    for page, body in ((first, first_body), (second, second_body)):
        box = body.split('class="govnews-other"', 1)[1].split("</section>", 1)[0]
        assert new.title in box and page.title not in box
        assert all(other.title in box for other in economy_news if other != page)


def test_a_shared_other_news_box_makes_no_rendition_again(client, monkeypatch):
    """The shared list comes back from the cache with its images' renditions as they were
    when stored: the thumbnails made since are found, not generated again and thrown away."""
    from wagtail.images import get_image_model

    section = make_index("Ảnh", "anh")
    news = [make_news(section, f"Tin ảnh {n}", hero_image=make_image(f"Ảnh {n}")) for n in range(4)]
    generated = []
    original = get_image_model().generate_rendition_file

    def counting(image, filter, *args, **kwargs):
        generated.append((image.pk, filter.spec))
        return original(image, filter, *args, **kwargs)

    monkeypatch.setattr(get_image_model(), "generate_rendition_file", counting)
    for page in news:
        body = client.get(page.url).content.decode()
        assert all(other.title in body for other in news)
    thumbnails = [made for made in generated if made[1] == "fill-160x90"]
    assert len(thumbnails) == len(news)
    assert len(generated) == len(set(generated))


def test_a_publish_invalidates_its_article_once_on_commit(
    client, sections, django_capture_on_commit_callbacks
):
    """Saving, publishing and the tag and category signals of one publish schedule one
    on-commit invalidation of the article; it makes the boxes listing it stale."""
    economy, economy_news, _culture, _culture_news = sections
    warm(client, [economy_news[0].url])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        new = make_news(economy, "Kinh tế, tin lúc giao dịch")
    ours = [call for call in callbacks if getattr(call, "govnews_article", None) == new.pk]
    assert len(ours) == 1
    ours[0]()
    assert new.title in client.get(economy_news[0].url).content.decode()
