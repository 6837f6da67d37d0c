"""Builders for test data: real image files, a home page, news sections, articles,
translations, hidden pages, StreamField values and admin form data.

Shared by the test modules, which never import one another."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import BytesIO
from itertools import count
from typing import Any
from uuid import uuid4

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from wagtail_govnews.models import NewsCategory, NewsIndexPage, NewsPage

_sequence = count(1)


def make_image(title: str = "Ảnh thử", size: tuple[int, int] = (1600, 900), **fields: Any):
    """A Wagtail image backed by a real JPEG file."""
    number = next(_sequence)
    picture = PILImage.new("RGB", size, ((number * 47) % 256, (number * 91) % 256, 160))
    buffer = BytesIO()
    picture.save(buffer, "JPEG")
    image_file = ImageFile(buffer, name=f"test-{number}.jpg")
    return get_image_model().objects.create(title=f"{title} {number}", file=image_file, **fields)


def site_root() -> Page:
    """The default site's root page (Wagtail's welcome page in locale vi)."""
    return Site.objects.get(is_default_site=True).root_page


def make_index(title: str = "Tin tức", slug: str = "tin-tuc", parent: Page | None = None):
    """A published news section."""
    index = NewsIndexPage(title=title, slug=slug, intro="<p>Giới thiệu</p>")
    (parent or site_root()).add_child(instance=index)
    index.save_revision().publish()
    return index


def make_home() -> HomePage:
    """A published portal home page, made the default site's root (it has the site search)."""
    home = HomePage(title="Trang chủ", slug="trang-chu", intro="<p>Cổng tin</p>")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


def make_news(
    index: NewsIndexPage,
    title: str = "Tin thử nghiệm",
    *,
    publish: bool = True,
    date: datetime | None = None,
    body: list[dict[str, Any]] | None = None,
    categories: list[NewsCategory] = (),
    tags: list[str] = (),
    **fields: Any,
) -> NewsPage:
    """A news article under ``index``, published unless ``publish=False``."""
    page = NewsPage(title=title, date=date, body=body or [], live=False, **fields)
    index.add_child(instance=page)
    if categories:
        page.categories.set(categories)
    if tags:
        page.tags.add(*tags)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def translate(page, locale):
    """A published translation made with Wagtail's own copy (parents first)."""
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.get_translation_or_none(locale):
            ancestor.copy_for_translation(locale).save_revision().publish()
    translation = page.copy_for_translation(locale)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def make_video_embed(url: str, player: str, width: int | None = None, height: int | None = None):
    """A YouTube embed of ``url`` already in Wagtail's embed table (no oEmbed request)."""
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    return Embed.objects.create(
        url=url,
        max_width=None,
        hash=get_embed_hash(url),
        html=player,
        type="video",
        width=width,
        height=height,
        thumbnail_url="",
        cache_until=None,
        provider_name="YouTube",
    )


def make_portal_settings(facebook_url: str, name: str = "Cổng thông tin thử nghiệm"):
    """The default site's portal settings with a name and one Facebook account."""
    from wagtail_govnews.models import GovNewsSettings, SocialAccount

    portal = GovNewsSettings.for_site(Site.objects.get(is_default_site=True))
    portal.portal_name = name
    portal.save()
    SocialAccount.objects.create(
        settings=portal, network="facebook", name="Fanpage", url=facebook_url
    )
    return portal


def make_other_news(section, category, first_day: datetime, lead: str, count: int = 3) -> list:
    """``count`` illustrated articles of ``category``, a day apart from ``first_day``."""
    return [
        make_news(
            section,
            f"Tin khác số {n}",
            hero_image=make_image(f"Ảnh {n}"),
            lead=lead,
            categories=[category],
            date=first_day + timedelta(days=n),
        )
        for n in range(count)
    ]


def make_category(name: str = "Giáo dục") -> NewsCategory:
    """A category in the default locale."""
    return NewsCategory.objects.create(name=name, locale=site_root().locale)


def days_ago(days: float) -> datetime:
    """``days`` days before now (fractions allowed)."""
    return timezone.now() - timedelta(days=days)


def hidden_pages(news_index, category):
    """A draft, a private, an expired, a scheduled article and one in a private section."""
    make_news(news_index, "Bản nháp", publish=False, categories=[category])
    private = make_news(news_index, "Riêng tư", categories=[category])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    expired = make_news(news_index, "Hết hạn", categories=[category])
    NewsPage.objects.filter(pk=expired.pk).update(expire_at=days_ago(1 / 24))
    scheduled = make_news(news_index, "Hẹn giờ", publish=False, categories=[category])
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision().publish()
    scheduled.refresh_from_db()
    assert not scheduled.live
    private_section = make_index("Nội bộ", "noi-bo")
    PageViewRestriction.objects.create(page=private_section, restriction_type="login")
    make_news(private_section, "Tin nội bộ", categories=[category])
    return private_section


def paragraph(html: str) -> dict[str, Any]:
    """A paragraph block value."""
    return {"type": "paragraph", "value": html}


def photo(image, caption: str = "", alt_text: str = "", credit: str = "") -> dict[str, Any]:
    """The value of one photo (inside a gallery or a captioned image block)."""
    return {"image": image.pk, "caption": caption, "alt_text": alt_text, "credit": credit}


def image_block(image, caption: str = "", alt_text: str = "", credit: str = "") -> dict[str, Any]:
    """A captioned image block."""
    value = photo(image, caption, alt_text, credit) | {"alignment": "full"}
    return {"type": "image", "value": value}


def gallery_block(images: list, layout: str = "grid", title: str = "") -> dict[str, Any]:
    """A gallery block of the given images, each captioned "Ảnh N"."""
    photos = [
        {"type": "item", "value": photo(image, f"Ảnh {n}", f"Mô tả ảnh {n}"), "id": str(uuid4())}
        for n, image in enumerate(images, 1)
    ]
    return {"type": "gallery", "value": {"title": title, "layout": layout, "images": photos}}


def news_form_data(**fields: Any) -> dict[str, Any]:
    """A NewsPage admin form as an editor's browser posts it: blank fields, then ``fields``."""
    data: dict[str, Any] = {
        "title": "",
        "slug": "",
        "date": "",
        "lead": "",
        "body": streamfield([]),
        "hero_image": "",
        "author": "",
        "source_name": "",
        "source_url": "",
        "original_url": "",
        "document_number": "",
        "notice_kind": "update",
        "notice_date": "",
        "notice": "",
        "categories": [],
        "tags": "",
        "related_news": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    } | fields
    # Checkboxes post a plain list; nested_form_data would flatten it into "categories-0".
    categories = data.pop("categories")
    return nested_form_data(data) | {"categories": categories}


def news_form(image, category, **overrides) -> dict:
    """The admin form of a complete article (body, hero image, category, tags) + ``overrides``."""
    return news_form_data(
        **{
            "title": "Đại hội đại biểu Đoàn phường",
            "slug": "dai-hoi-dai-bieu-doan-phuong",
            "date": "2024-05-02 09:30",
            "lead": "Sapo của bài.",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Nội dung.</p>")),
                    (
                        "image",
                        {
                            "image": image.pk,
                            "caption": "Quang cảnh đại hội.",
                            "alt_text": "Hội trường",
                            "credit": "Ảnh: An",
                            "alignment": "full",
                        },
                    ),
                    (
                        "gallery",
                        {
                            "title": "",
                            "layout": "grid",
                            "images": streamfield(
                                [
                                    (
                                        "item",
                                        {
                                            "image": image.pk,
                                            "caption": "Ảnh 1",
                                            "alt_text": "",
                                            "credit": "",
                                        },
                                    )
                                ]
                            ),
                        },
                    ),
                ]
            ),
            "hero_image": image.pk,
            "author": "Lan Anh",
            "source_name": "Đoàn phường",
            "source_url": "https://example.gov.vn/doan",
            "categories": [category.pk],
            "tags": "thanh niên, đại hội",
            **overrides,
        }
    )
