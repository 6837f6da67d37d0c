"""The benchmark database builder writes a valid page tree of real, servable articles."""

import pytest
from wagtail.models import Page

from benchmarks.seed import build_news
from tests.factories import make_news
from wagtail_govnews.models import NewsIndexPage, NewsPage


def assert_tree_is_valid() -> None:
    """django-treebeard finds no bad paths, depths, orphans or child counts."""
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.fixture
def seeded(db):
    """30 articles in 3 sections."""
    build_news(30, sections=3, images=6)
    return list(NewsIndexPage.objects.order_by("path"))


def test_builds_a_valid_tree_of_live_articles(seeded):
    assert_tree_is_valid()
    assert [section.slug for section in seeded] == ["tin-tuc", "khoa-giao", "kinh-te"]
    for section in seeded:
        assert NewsPage.objects.child_of(section).count() == 10
        assert section.numchild == 10
    assert NewsPage.objects.live().public().count() == 30


def test_articles_are_complete(seeded):
    article = NewsPage.objects.first()

    assert article.hero_image is not None
    assert article.categories.count() == 2
    assert article.tags.count() == 2
    assert [block.block_type for block in article.body] == [
        "paragraph",
        "image",
        "paragraph",
        "gallery",
        "paragraph",
    ]
    assert article.body[1].value["image"] is not None
    assert len(article.body[3].value["images"]) == 4
    assert article.url_path == f"{article.get_parent().url_path}{article.slug}/"


def test_articles_and_sections_render(client, seeded):
    for article in [*NewsPage.objects.order_by("path")[:3], NewsPage.objects.last()]:
        response = client.get(article.url)
        assert response.status_code == 200
        assert article.title in response.content.decode()
    for section in seeded:
        assert client.get(section.url).status_code == 200


def test_wagtail_can_keep_growing_the_tree(seeded):
    make_news(seeded[0], "Tin thêm bằng add_child")
    build_news(6, sections=3, images=1)

    assert_tree_is_valid()
    assert NewsIndexPage.objects.count() == 3
    assert NewsPage.objects.child_of(seeded[0]).count() == 13
    assert NewsPage.objects.live().count() == 37
