"""Fast builder of a benchmark database: thousands of realistic, published news articles.

``build_news(n)`` writes the articles with a handful of bulk INSERTs instead of ``add_child``
one by one (which costs several queries and a tree lock per page). The readers' search text
(``search_folded``) is filled as ``save()`` fills it. Tree paths are computed
the way django-treebeard does it, so ``Page.find_problems()`` stays clean and Wagtail can add
more pages afterwards. Every article looks like a real one: hero image, two categories, two
tags, three rich-text paragraphs, a captioned image and a four-photo gallery.

Shortcuts a benchmark can live with: articles have no revisions (live pages are served from
their own rows) and are neither added to the search index nor to the reference index.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from io import BytesIO
from typing import Any, TypeVar

from django.core.files.images import ImageFile
from django.db import connections, router, transaction
from django.db.models import F, Model
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from wagtail_govnews.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag, NewsTag
from wagtail_govnews.search_text import folded_document
from wagtail_govnews.slugs import ascii_slug

T = TypeVar("T")

SECTIONS = [
    ("tin-tuc", "Tin tức"),
    ("khoa-giao", "Khoa giáo"),
    ("kinh-te", "Kinh tế"),
    ("van-hoa-xa-hoi", "Văn hóa - Xã hội"),
]
CATEGORY_NAMES = [
    "Giáo dục",
    "Y tế",
    "Giao thông",
    "Môi trường",
    "Chuyển đổi số",
    "Văn hóa",
    "An sinh xã hội",
    "Đầu tư",
]
TAG_NAMES = [
    "hội nghị",
    "tiêm chủng",
    "xe buýt",
    "trường học",
    "cải cách hành chính",
    "dịch vụ công",
    "an toàn giao thông",
    "cây xanh",
    "khởi nghiệp",
    "lễ hội",
    "người cao tuổi",
    "thanh niên",
]
TITLES = [
    "Quận {k} tổng kết công tác dân vận năm qua",
    "Mở rộng dịch vụ công trực tuyến toàn trình, đợt {k}",
    "Đưa vào vận hành tuyến xe buýt điện số {k}",
    "Trường học thứ {k} hoàn thành sửa chữa trước năm học mới",
    "Phường {k} ra quân làm sạch kênh rạch, trồng thêm cây xanh",
    "Hội thảo lần thứ {k} bàn giải pháp phát triển kinh tế số",
]
AUTHORS = ["Minh Anh", "Thu Hà", "Quốc Bảo", "Lan Phương"]
PARAGRAPHS = [
    "<p>Tại buổi làm việc, lãnh đạo địa phương đã nghe báo cáo kết quả thực hiện "
    "<b>kế hoạch số {k}</b> và thống nhất các việc cần làm trong quý tới.</p>",
    "<p>Theo số liệu được công bố, phần lớn chỉ tiêu đều đạt hoặc vượt; chi tiết xem "
    '<a href="https://example.org/bao-cao-{k}">báo cáo đầy đủ</a>. Một số phần việc còn '
    "chậm do vướng mặt bằng và thủ tục.</p>",
    "<p>Kết luận buổi làm việc, đại diện thành phố đề nghị các đơn vị <i>tăng cường phối "
    "hợp</i>, công khai tiến độ và lắng nghe ý kiến của người dân.</p>",
]
PUBLISH_INTERVAL = timedelta(minutes=37)


def build_news(n: int, *, sections: int = 4, images: int = 20) -> None:
    """Create ``n`` published news articles spread over ``sections`` sections, using ``images``
    new images, in one transaction.

    Sections (children of the default site's root page) are reused when they exist, so the
    builder can be called again to grow a database. Newer articles get later datelines.
    """
    if n < 0 or sections < 1 or images < 1:
        raise ValueError("n must be >= 0, sections and images >= 1")
    with transaction.atomic(using=router.db_for_write(Page)):
        root = Site.objects.get(is_default_site=True).root_page
        indexes = _ensure_sections(root, sections)
        pictures = _make_images(images)
        categories = _ensure_categories(root.locale_id)
        tags = [NewsTag.objects.get_or_create(name=name)[0] for name in TAG_NAMES]

        now = timezone.now()
        first_step = {index.pk: _last_child_step(index) + 1 for index in indexes}
        next_step = dict(first_step)
        articles: list[NewsPage] = []
        for number in range(n):
            index = indexes[number % len(indexes)]
            step = next_step[index.pk]
            next_step[index.pk] += 1
            published_at = now - (n - number) * PUBLISH_INTERVAL
            articles.append(_article(index, step, number, published_at, pictures))

        _insert_news(articles)
        for index in indexes:
            added = next_step[index.pk] - first_step[index.pk]
            Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + added)
        _link_categories_and_tags(articles, categories, tags)


def _ensure_sections(root: Page, count: int) -> list[NewsIndexPage]:
    """The first ``count`` benchmark sections under ``root``, created when missing."""
    indexes = []
    for position in range(count):
        slug, title = SECTIONS[position] if position < len(SECTIONS) else (None, None)
        slug = slug or f"chuyen-muc-{position + 1}"
        title = title or f"Chuyên mục {position + 1}"
        index = NewsIndexPage.objects.child_of(root).filter(slug=slug).first()
        if index is None:
            index = NewsIndexPage(title=title, slug=slug, intro=f"<p>{title}</p>")
            root.add_child(instance=index)
        indexes.append(index)
    return indexes


def _make_images(count: int) -> list[Model]:
    """``count`` new images backed by real JPEG files of different colours."""
    image_model = get_image_model()
    pictures = []
    for position in range(count):
        colour = ((position * 53) % 256, (position * 97) % 256, 140)
        buffer = BytesIO()
        PILImage.new("RGB", (1600, 900), colour).save(buffer, "JPEG", quality=80)
        name = f"benchmark-{uuid.uuid4().hex[:8]}.jpg"
        pictures.append(
            image_model.objects.create(
                title=f"Ảnh minh họa {position + 1}", file=ImageFile(buffer, name=name)
            )
        )
    return pictures


def _ensure_categories(locale_id: int) -> list[NewsCategory]:
    """The benchmark categories in the given locale, created when missing."""
    return [
        NewsCategory.objects.get_or_create(
            slug=ascii_slug(name), locale_id=locale_id, defaults={"name": name}
        )[0]
        for name in CATEGORY_NAMES
    ]


def _last_child_step(index: Page) -> int:
    """The tree step number of the last child of ``index`` (0 when it has none)."""
    last_path = (
        Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last_path[-Page.steplen :]) if last_path else 0


def _article(
    index: NewsIndexPage, step: int, number: int, published_at: datetime, pictures: Sequence[Model]
) -> NewsPage:
    """An unsaved article, child number ``step`` of ``index``, with its tree fields filled in."""
    k = number + 1
    title = TITLES[number % len(TITLES)].format(k=k)
    slug = f"tin-{step}"
    article = NewsPage(
        title=title,
        draft_title=title,
        slug=slug,
        path=Page._get_path(index.path, index.depth + 1, step),
        depth=index.depth + 1,
        numchild=0,
        url_path=f"{index.url_path}{slug}/",
        locale_id=index.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        has_unpublished_changes=False,
        first_published_at=published_at,
        last_published_at=published_at,
        date=published_at,
        lead=f"Bản tin số {k}: những kết quả chính của sự kiện và nhiệm vụ trong thời gian tới.",
        author=AUTHORS[number % len(AUTHORS)],
        source_name="Văn phòng Ủy ban nhân dân",
        source_url="https://example.org/",
        hero_image=pictures[number % len(pictures)],
        body=_body(number, pictures),
    )
    article.search_folded = folded_document(article.searchable_texts())  # as save() would
    return article


def _body(number: int, pictures: Sequence[Model]) -> list[dict[str, Any]]:
    """Body blocks in their stored (JSON) form: three paragraphs, a captioned image, a gallery."""

    def block(block_type: str, value: Any) -> dict[str, Any]:
        return {"type": block_type, "value": value, "id": str(uuid.uuid4())}

    def photo(offset: int, caption: str) -> dict[str, Any]:
        image = pictures[(number + offset) % len(pictures)]
        return {"image": image.pk, "caption": caption, "alt_text": caption, "credit": ""}

    k = number + 1
    gallery = [block("item", photo(offset, f"Ảnh {offset}")) for offset in range(1, 5)]
    return [
        block("paragraph", PARAGRAPHS[0].format(k=k)),
        block("image", photo(5, "Các đại biểu tham quan mô hình mới.") | {"alignment": "full"}),
        block("paragraph", PARAGRAPHS[1].format(k=k)),
        block("gallery", {"title": "Hình ảnh sự kiện", "layout": "grid", "images": gallery}),
        block("paragraph", PARAGRAPHS[2].format(k=k)),
    ]


def _insert_news(articles: list[NewsPage]) -> None:
    """INSERT the articles in batches: their ``wagtailcore_page`` rows, then their own rows.

    ``bulk_create`` refuses multi-table models, so this does what ``Model.save`` does for
    them (one insert per table, parent first), for a batch of rows at a time.
    """
    if not articles:
        return
    using = router.db_for_write(Page)
    connection = connections[using]
    page_fields = [f for f in Page._meta.local_concrete_fields if f is not Page._meta.auto_field]
    news_fields = NewsPage._meta.local_concrete_fields
    batch_size = connection.ops.bulk_batch_size(page_fields, articles)
    if not connection.features.can_return_rows_from_bulk_insert:
        batch_size = 1
    for batch in _batches(articles, max(batch_size, 1)):
        rows = Page._base_manager.using(using)._insert(
            batch,
            fields=page_fields,
            returning_fields=Page._meta.db_returning_fields,
            using=using,
        )
        for article, (pk,) in zip(batch, rows, strict=True):
            article.id = article.page_ptr_id = pk
            article._state.adding = False
            article._state.db = using
        NewsPage._base_manager.using(using)._insert(batch, fields=news_fields, using=using)


def _link_categories_and_tags(
    articles: Sequence[NewsPage], categories: Sequence[NewsCategory], tags: Sequence[NewsTag]
) -> None:
    """Give every article two different categories and two different tags."""
    field = NewsPage._meta.get_field("categories")
    through = field.remote_field.through
    page_column, category_column = (
        f"{field.m2m_field_name()}_id",
        f"{field.m2m_reverse_field_name()}_id",
    )
    category_links, tag_links = [], []
    for number, article in enumerate(articles):
        for offset in (0, 3):
            category = categories[(number + offset) % len(categories)]
            category_links.append(
                through(**{page_column: article.pk, category_column: category.pk})
            )
        for offset in (0, 5):
            tag = tags[(number + offset) % len(tags)]
            tag_links.append(NewsPageTag(content_object_id=article.pk, tag_id=tag.pk))
    through.objects.bulk_create(category_links, batch_size=2000)
    NewsPageTag.objects.bulk_create(tag_links, batch_size=2000)


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Consecutive slices of ``items`` of at most ``size`` elements."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
