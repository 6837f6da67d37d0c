"""Importing a portal's news (contrib.importer): a round trip through our own export, served
over HTTP, comes back equal; feed and sitemap agree; re-runs and resumed runs change nothing."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex, Revision, Site

from tests.factories import (
    gallery_block,
    image_block,
    make_category,
    make_image,
    make_index,
    make_news,
    paragraph,
)
from tests.static_server import serving_folder
from wagtail_govnews.contrib.importer.fetch import Fetcher
from wagtail_govnews.contrib.importer.models import ImportedArticle
from wagtail_govnews.contrib.importer.profiles import built_in_profiles
from wagtail_govnews.contrib.importer.runner import Reading, run_import
from wagtail_govnews.contrib.importer.writer import Options
from wagtail_govnews.models import NewsPage

pytestmark = pytest.mark.django_db

FEED = "/govnews/feeds/vi/rss.xml"
SITEMAP = "/govnews/sitemaps/news-vi.xml"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A folder served on http://127.0.0.1:<free port>, as a static host would."""
    folder = tmp_path / "export"
    folder.mkdir()
    with serving_folder(folder) as origin:
        yield origin, folder


def table_block() -> dict:
    data = [["Quận", "Số hộ"], ["Ba Đình", "1.200"], ["Hoàn Kiếm", "950"]]
    value = {"data": data, "first_row_is_table_header": True, "first_col_is_header": False}
    return {"type": "table", "value": value | {"table_caption": "Số hộ được hỗ trợ"}}


def quote_block() -> dict:
    value = {"quote": "Người dân là trung tâm.", "attribution": "Chủ tịch UBND"}
    return {"type": "quote", "value": value}


def heading_block(text: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


@pytest.fixture
def portal(server):
    """The old portal: three articles with every kind of block, exported and served."""
    origin, folder = server
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "127.0.0.1", int(origin.rsplit(":", 1)[1])
    site.save()
    section = make_index()
    education, health = make_category("Giáo dục"), make_category("Y tế")
    now = timezone.now().replace(second=0, microsecond=0)
    small = functools.partial(make_image, size=(480, 270))  # renditions made fast
    for n in range(1, 4):
        body = [
            paragraph(f"<p>Đoạn mở đầu số {n} có <b>chữ đậm</b>.</p><p>Đoạn thứ hai.</p>"),
            heading_block(f"Tiêu đề phụ {n}"),
            image_block(small(), f"Quang cảnh hội nghị {n}.", "Hội trường", "Ảnh: Minh Anh"),
            gallery_block([small(), small()], title="Hình ảnh"),
            quote_block(),
            table_block(),
            paragraph("<p>Đoạn kết.</p>"),
        ]
        make_news(
            section,
            f"Thành phố khởi công dự án số {n}",
            date=now - timedelta(hours=n, minutes=7 * n),
            lead=f"Tóm tắt của tin số {n}.",
            body=body,
            author="Hoàng Tùng",
            source_name="Ban Tuyên giáo Quận ủy",
            source_url="https://tuyengiao.example.vn/",
            hero_image=small() if n != 2 else None,
            categories=[education, health] if n == 1 else [education],
            tags=["hạ tầng", "giao thông"],
        )
    call_command("govnews_export", str(folder), workers=1, stdout=StringIO())
    originals = {page.title: snapshot(page) for page in NewsPage.objects.all()}
    old_paths = {page.title: page.get_url_parts()[2] for page in NewsPage.objects.all()}
    for page in NewsPage.objects.all():
        page.delete()
    archive = make_index("Tin cũ", "tin-cu")
    return origin, archive, originals, old_paths


def snapshot(page: NewsPage) -> dict:
    """What a reader sees of an article: the fields, body text, captions, images."""
    page = NewsPage.objects.get(pk=page.pk)
    blocks, captions, images = [], [], 0
    for block in page.body:
        value = block.value
        if block.block_type == "paragraph":
            blocks.append(("paragraph", " ".join(value.source.split())))
        elif block.block_type == "heading":
            blocks.append(("heading", value["text"], value["level"]))
        elif block.block_type == "image":
            images += 1
            captions.append((value["caption"], value["credit"], value["alt_text"]))
            blocks.append(("image",))
        elif block.block_type == "gallery":
            images += len(value["images"])
            captions += [(p["caption"], p["credit"], p["alt_text"]) for p in value["images"]]
            blocks.append(("gallery", value["title"], value["layout"]))
        elif block.block_type == "quote":
            blocks.append(("quote", value["quote"], value["attribution"]))
        elif block.block_type == "table":
            blocks.append(("table", value["data"], value.get("table_caption", "")))
    return {
        "title": page.title,
        "date": page.date,
        "lead": page.lead,
        "author": page.author,
        "source": (page.source_name, page.source_url),
        "categories": sorted(c.name for c in page.categories.all()),
        "tags": sorted(t.name for t in page.tags.all()),
        "blocks": blocks,
        "captions": captions,
        "images": images,
        "hero": page.hero_image_id is not None,
    }


def images_of(page: NewsPage) -> set[int]:
    """The ids of the images an article shows: its hero image and its body's photos."""
    found = {page.hero_image_id} - {None}
    for block in page.body:
        if block.block_type == "image":
            found.add(block.value["image"].pk)
        elif block.block_type == "gallery":
            found |= {photo["image"].pk for photo in block.value["images"]}
    return found


def imported() -> dict:
    return {page.title: snapshot(page) for page in NewsPage.objects.all()}


def run(url: str, section, **options) -> str:
    out = StringIO()
    call_command(
        "govnews_import",
        url,
        into=str(section.pk),
        rate=0,
        stdout=out,
        stderr=StringIO(),
        **options,
    )
    return out.getvalue()


def test_round_trip_from_the_feed_gives_every_article_back(portal, client):
    origin, archive, originals, old_paths = portal
    first = originals["Thành phố khởi công dự án số 1"]
    assert (first["images"], first["hero"], len(first["blocks"])) == (3, True, 7)
    assert first["captions"][0] == ("Quang cảnh hội nghị 1.", "Ảnh: Minh Anh", "Hội trường")
    assert first["categories"] == ["Giáo dục", "Y tế"]
    output = run(origin + FEED, archive)
    assert "3 created" in output and "0 failed" in output
    assert imported() == originals
    # The reference index knows every image each article uses (the admin's "usage").
    image_type = ContentType.objects.get_for_model(get_image_model())
    for page in NewsPage.objects.all():
        used = images_of(page)
        refs = ReferenceIndex.get_references_for_object(page).filter(to_content_type=image_type)
        assert {int(pk) for pk in refs.values_list("to_object_id", flat=True)} == used
    pages = NewsPage.objects.live()
    assert pages.count() == 3 and all(page.get_parent().pk == archive.pk for page in pages)
    # Published with their original dates.
    for page in pages:
        assert page.first_published_at == page.date
        record = ImportedArticle.objects.get(page=page)
        assert record.original_url == origin + old_paths[page.title]
        # The old address answers with a permanent redirect to the new one.
        response = client.get(old_paths[page.title], headers={"host": origin[7:]})
        assert response.status_code == 301
        assert response["Location"].endswith(page.get_url_parts()[2])


def test_the_feed_and_the_sitemap_give_the_same_articles(portal):
    origin, archive, originals, _ = portal
    run(origin + FEED, archive)
    from_feed = set(ImportedArticle.objects.values_list("original_url", flat=True))
    output = run(origin + SITEMAP, archive)
    assert "0 created, 0 updated, 3 unchanged" in output
    assert set(ImportedArticle.objects.values_list("original_url", flat=True)) == from_feed
    assert imported() == originals


def test_the_sitemap_alone_gives_the_same_articles(portal):
    origin, archive, originals, _ = portal
    assert "3 created" in run(origin + SITEMAP, archive)
    assert imported() == originals


def test_running_again_changes_nothing(portal):
    origin, archive, originals, _ = portal
    run(origin + FEED, archive)
    revisions = Revision.objects.count()
    output = run(origin + FEED, archive)
    assert "0 created, 0 updated, 3 unchanged" in output
    assert Revision.objects.count() == revisions
    assert imported() == originals


class Interrupted(Exception):
    pass


def test_a_run_killed_halfway_and_run_again_ends_the_same(portal):
    origin, archive, originals, _ = portal
    done = []

    def kill_after_two(url, outcome):
        done.append(url)
        if len(done) == 2:
            raise Interrupted

    reading = Reading(fetcher=Fetcher(rate=0), profiles=built_in_profiles())
    options = Options(section=archive, source=origin + FEED)
    with pytest.raises(Interrupted):
        run_import(origin + FEED, options, reading, workers=2, after_each=kill_after_two)
    assert NewsPage.objects.count() == 2
    report = run_import(origin + FEED, options, reading, workers=2)
    assert (report.counts["created"], report.counts["unchanged"]) == (1, 2)
    assert imported() == originals


def test_dry_run_writes_nothing(portal):
    origin, archive, _, _ = portal
    output = run(origin + FEED, archive, dry_run=True)
    assert "Dry run" in output and "3 created" in output
    assert output.count("would be created: " + origin) == 3
    assert "(Thành phố khởi công dự án số 1)" in output
    assert not NewsPage.objects.exists() and not ImportedArticle.objects.exists()


def test_drafts_are_left_for_review(portal):
    origin, archive, _, _ = portal
    run(origin + FEED, archive, draft=True)
    pages = NewsPage.objects.all()
    assert pages.count() == 3 and not any(page.live for page in pages)
    assert all(page.has_unpublished_changes for page in pages)


@pytest.mark.slow
def test_the_whole_demo_portal_comes_back_from_its_static_export(server):
    """The demo portal exported, served, wiped and imported from the export's folder."""
    from home.demo.builder import load_demo_content

    origin, folder = server
    load_demo_content(hostname="127.0.0.1", port=int(origin.rsplit(":", 1)[1]))
    call_command("govnews_export", str(folder), workers=1, stdout=StringIO())
    published = NewsPage.objects.live().filter(locale__language_code="vi")
    originals = {page.title: snapshot(page) for page in published}
    assert len(originals) == published.count() > 20
    for page in NewsPage.objects.all():
        page.delete()
    archive = make_index("Lưu trữ", "luu-tru")
    output = run(str(folder / "vi"), archive)
    assert f"{len(originals)} created" in output and "0 failed" in output
    assert imported() == originals
