"""Article body blocks: validation, and how each block type looks on a published article."""

from __future__ import annotations

import re
import socket

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.factories import (
    gallery_block,
    image_block,
    make_image,
    make_news,
    make_video_embed,
    paragraph,
)
from wagtail_govnews.blocks import GalleryBlock, NewsBodyBlock


@pytest.fixture
def no_network(monkeypatch):
    """Record (and refuse) every attempt to open a network connection."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access is disabled in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def page_html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value}


def figures(html: str) -> list[str]:
    return re.findall(r'<figure class="govnews-figure.*?</figure>', html, flags=re.S)


# Gallery validation


def test_gallery_without_photos_is_invalid():
    gallery = GalleryBlock()
    value = gallery.to_python({"title": "Ảnh sự kiện", "layout": "grid", "images": []})
    with pytest.raises(ValidationError):
        gallery.clean(value)


def test_gallery_photos_list_requires_at_least_one():
    assert GalleryBlock().child_blocks["images"].meta.min_num == 1


@pytest.mark.django_db
def test_gallery_without_photos_is_invalid_in_the_body():
    body = NewsBodyBlock()
    value = body.to_python([gallery_block([])])
    with pytest.raises(ValidationError):
        body.clean(value)


@pytest.mark.django_db
def test_gallery_with_photos_is_valid():
    images = [make_image(), make_image()]
    gallery = GalleryBlock()
    cleaned = gallery.clean(gallery.to_python(gallery_block(images, layout="slideshow")["value"]))
    assert [photo["image"] for photo in cleaned["images"]] == images
    assert cleaned["layout"] == "slideshow"

    body = NewsBodyBlock()
    cleaned_body = body.clean(body.to_python([gallery_block(images)]))
    assert len(cleaned_body) == 1
    assert len(cleaned_body[0].value["images"]) == 2


# Headings, quotes, tables


@pytest.mark.django_db
def test_heading_levels(client, news_index):
    page = make_news(
        news_index,
        body=[
            block("heading", {"text": "Kết quả nổi bật", "level": "h2"}),
            block("heading", {"text": "Về kinh tế", "level": "h3"}),
        ],
    )
    html = page_html(client, page)
    assert '<h2 class="govnews-heading">Kết quả nổi bật</h2>' in html
    assert '<h3 class="govnews-heading">Về kinh tế</h3>' in html
    assert html.index("Kết quả nổi bật") < html.index("Về kinh tế")


@pytest.mark.django_db
def test_heading_text_is_escaped(client, news_index):
    page = make_news(news_index, body=[block("heading", {"text": "<i>A</i> & B", "level": "h2"})])
    assert '<h2 class="govnews-heading">&lt;i&gt;A&lt;/i&gt; &amp; B</h2>' in page_html(
        client, page
    )


@pytest.mark.django_db
def test_quote_with_attribution(client, news_index):
    page = make_news(
        news_index,
        body=[
            block(
                "quote",
                {"quote": "Dân là gốc.\nDân biết, dân bàn.", "attribution": "Chủ tịch UBND"},
            )
        ],
    )
    html = page_html(client, page)
    quote = re.search(r'<figure class="govnews-quote">.*?</figure>', html, flags=re.S)[0]
    assert "<blockquote><p>Dân là gốc.<br>Dân biết, dân bàn.</p></blockquote>" in quote
    assert "<figcaption>— Chủ tịch UBND</figcaption>" in quote


@pytest.mark.django_db
def test_quote_without_attribution_has_no_caption(client, news_index):
    page = make_news(news_index, body=[block("quote", {"quote": "Trích dẫn", "attribution": ""})])
    html = page_html(client, page)
    quote = re.search(r'<figure class="govnews-quote">.*?</figure>', html, flags=re.S)[0]
    assert "<blockquote><p>Trích dẫn</p></blockquote>" in quote
    assert "figcaption" not in quote


@pytest.mark.django_db
def test_table_with_caption_and_header_row(client, news_index):
    table = {
        "data": [["A", "B"], ["1", "2"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "Bảng số liệu",
    }
    page = make_news(news_index, body=[block("table", table)])
    html = page_html(client, page)
    wrapper = re.search(r'<div class="govnews-table">(.*?)</div>', html, flags=re.S)
    assert wrapper, "table wrapper not rendered"
    table_html = re.sub(r"\s+", " ", wrapper[1])
    assert "<table>" in table_html
    assert "<caption>Bảng số liệu</caption>" in table_html
    headers = re.findall(r'<th scope="col"\s*>\s*(\w+)\s*</th>', table_html)
    assert headers == ["A", "B"]
    cells = re.findall(r"<td\s*>\s*(\w+)\s*</td>", table_html)
    assert cells == ["1", "2"]
    assert table_html.index("<thead>") < table_html.index("<tbody>")


# Documents and videos


@pytest.fixture
def document(db):
    Document = get_document_model()
    return Document.objects.create(
        title="Quyết định số 12/QĐ-UBND",
        file=ContentFile(b"%PDF-1.4 test document", name="quyet-dinh-12.pdf"),
    )


@pytest.mark.django_db
def test_document_link_downloads_the_document(client, news_index, document):
    page = make_news(news_index, body=[block("document", {"document": document.pk, "title": ""})])
    html = page_html(client, page)
    link = re.search(r'<p class="govnews-document">\s*<a href="([^"]+)" download>([^<]*)</a>', html)
    assert link, "document link not rendered"
    assert link[1] == document.url
    assert link[2] == "Quyết định số 12/QĐ-UBND"
    assert "(PDF" in html
    response = client.get(link[1])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test document"


@pytest.mark.django_db
def test_document_link_text_overrides_the_title(client, news_index, document):
    body = [block("document", {"document": document.pk, "title": "Toàn văn quyết định"})]
    html = page_html(client, make_news(news_index, body=body))
    assert f'<a href="{document.url}" download>Toàn văn quyết định</a>' in html
    assert "Quyết định số 12/QĐ-UBND" not in html


@pytest.mark.django_db
def test_video_without_provider_falls_back_to_a_link(client, news_index, no_network):
    url = "https://video.example.com/v/1"
    page = make_news(news_index, body=[block("video", {"video": url, "caption": "Toàn cảnh"})])
    html = page_html(client, page)
    video = re.search(r'<figure class="govnews-video">.*?</figure>', html, flags=re.S)[0]
    assert f'<a href="{url}" rel="noopener external">Xem video</a>' in video
    assert "<iframe" not in video
    assert "<figcaption>Toàn cảnh</figcaption>" in video
    assert no_network == []


@pytest.mark.django_db
def test_video_with_a_known_embed_renders_the_player(client, news_index, no_network):
    url = "https://www.youtube.com/watch?v=x"
    make_video_embed(url, '<iframe src="https://www.youtube.com/embed/x"></iframe>')
    page = make_news(news_index, body=[block("video", {"video": url, "caption": ""})])
    html = page_html(client, page)
    video = re.search(r'<figure class="govnews-video">.*?</figure>', html, flags=re.S)[0]
    assert '<div class="govnews-video__frame">' in video
    assert '<iframe src="https://www.youtube.com/embed/x"></iframe>' in video
    assert "Xem video" not in video
    assert "figcaption" not in video
    assert no_network == []


@pytest.mark.django_db
def test_video_player_has_no_inline_style(client, news_index, no_network, settings):
    """Wagtail's responsive wrapper (``style="padding-bottom: …"``) is left out: a strict
    Content-Security-Policy refuses style attributes; govnews.css sizes the player."""
    settings.WAGTAILEMBEDS_RESPONSIVE_HTML = True
    url = "https://www.youtube.com/watch?v=y"
    player = '<iframe width="480" height="270" src="https://www.youtube.com/embed/y"></iframe>'
    make_video_embed(url, player, width=480, height=270)
    page = make_news(news_index, body=[block("video", {"video": url, "caption": ""})])
    video = re.search(r'<figure class="govnews-video">.*?</figure>', page_html(client, page), re.S)[
        0
    ]
    assert f'<div class="govnews-video__frame">{player}</div>' in video
    assert "style=" not in video
    assert no_network == []


# Images and galleries


@pytest.mark.django_db
def test_captioned_image_caption_credit_alt_and_alignment(client, news_index):
    image = make_image("Hội trường", description="Mô tả trong thư viện")
    captioned = image_block(
        image, caption="Quang cảnh hội nghị.", alt_text="Đại biểu dự hội nghị", credit="Ảnh: Lan"
    )
    captioned["value"]["alignment"] = "right"
    page = make_news(news_index, body=[captioned])
    [figure] = figures(page_html(client, page))
    assert figure.startswith('<figure class="govnews-figure govnews-figure--right">')
    assert (
        '<figcaption class="govnews-figure__caption">Quang cảnh hội nghị. '
        '<span class="govnews-figure__credit">Ảnh: Lan</span></figcaption>'
    ) in figure
    assert 'alt="Đại biểu dự hội nghị"' in figure
    assert 'alt="Quang cảnh hội nghị."' not in figure
    assert "Mô tả trong thư viện" not in figure
    assert "srcset=" in figure


@pytest.mark.django_db
def test_captioned_image_alt_falls_back_to_the_image_description(client, news_index):
    described = make_image("Có mô tả", description="Toàn cảnh hội trường")
    plain = make_image("Không mô tả")
    page = make_news(
        news_index,
        body=[image_block(described, caption="Chú thích ảnh"), image_block(plain)],
    )
    first, second = figures(page_html(client, page))
    assert 'alt="Toàn cảnh hội trường"' in first
    assert 'alt="Chú thích ảnh"' not in first
    assert 'alt=""' in second
    assert "<figcaption" not in second  # no caption and no credit: no empty caption


@pytest.mark.django_db
@pytest.mark.parametrize("layout", ["grid", "slideshow"])
def test_gallery_layouts(client, news_index, layout):
    images = [make_image() for _ in range(3)]
    page = make_news(news_index, body=[gallery_block(images, layout=layout, title="Ảnh sự kiện")])
    html = page_html(client, page)
    gallery = re.search(r"<section class=\"govnews-gallery.*?</section>", html, flags=re.S)[0]
    assert gallery.startswith(
        f'<section class="govnews-gallery govnews-gallery--{layout}" aria-label="Ảnh sự kiện">'
    )
    assert '<h2 class="govnews-gallery__title">Ảnh sự kiện</h2>' in gallery
    assert ('tabindex="0"' in gallery) is (layout == "slideshow")
    photos = figures(gallery)
    assert len(photos) == 3
    for n, photo in enumerate(photos, 1):
        assert f'alt="Mô tả ảnh {n}"' in photo
        assert f">Ảnh {n}</figcaption>" in photo


@pytest.mark.django_db
def test_image_deleted_after_saving_renders_nothing(client, news_index):
    kept, deleted, gone_from_gallery = make_image(), make_image(), make_image()
    page = make_news(
        news_index,
        body=[
            image_block(deleted, caption="Ảnh đã xoá"),
            paragraph("<p>Đoạn văn vẫn hiển thị.</p>"),
            gallery_block([kept, gone_from_gallery]),
        ],
    )
    deleted.delete()
    gone_from_gallery.delete()
    html = page_html(client, page)
    assert "Ảnh đã xoá" not in html
    assert "Đoạn văn vẫn hiển thị." in html
    photos = figures(html)
    assert len(photos) == 1
    assert "Ảnh 1</figcaption>" in photos[0]


# Rich text


@pytest.mark.django_db
def test_paragraph_internal_page_link_renders_the_page_url(client, news_index):
    target = make_news(news_index, "Bài được liên kết")
    page = make_news(
        news_index,
        body=[paragraph(f'<p>Xem thêm <a linktype="page" id="{target.pk}">bài này</a>.</p>')],
    )
    html = page_html(client, page)
    assert target.url.startswith("/vi/tin-tuc/")
    assert f'<div class="govnews-richtext"><p>Xem thêm <a href="{target.url}">bài này</a>.</p>' in (
        html
    )
    assert "linktype" not in html
