"""The article page as a visitor sees it: every part of the modelled page, in order."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.utils import translation
from wagtail.models import Locale, Site

from tests.factories import (
    gallery_block,
    image_block,
    make_image,
    make_news,
    paragraph,
    translate,
)
from tests.qr_decode import decode_svg
from wagtail_govnews import response_cache
from wagtail_govnews.models import GovNewsSettings

DATELINE = datetime(2022, 12, 29, 10, 5, tzinfo=UTC)  # 17:05 in Asia/Ho_Chi_Minh


@pytest.fixture
def full_article(news_index, social_accounts):
    """An article with every part of the modelled page filled in."""
    photo = make_image("Quang cảnh", description="Toàn cảnh hội trường")
    older = make_news(news_index, "Tin cũ hơn", date=datetime(2022, 12, 1, tzinfo=UTC))
    article = make_news(
        news_index,
        "Hội nghị tổng kết công tác năm & kế hoạch “2023”",
        date=DATELINE,
        lead="Chiều 29/12, quận tổ chức hội nghị tổng kết.",
        author="Trần Minh",
        source_name="Ban Tuyên giáo Quận",
        source_url="https://example.gov.vn/nguon",
        original_url="https://example.gov.vn/goc",
        body=[
            paragraph("<p>Đoạn mở đầu của bài.</p>"),
            image_block(photo, caption="Quang cảnh hội nghị.", credit="Ảnh: Lan Anh"),
            gallery_block([make_image() for _ in range(3)]),
        ],
    )
    return article, older


def order_of(html: str, *needles: str) -> list[int]:
    positions = [html.find(needle) for needle in needles]
    missing = [needle for needle, pos in zip(needles, positions, strict=True) if pos < 0]
    assert not missing, f"not on the page: {missing}"
    return positions


@pytest.mark.django_db
def test_article_shows_every_part_in_order(client, full_article):
    article, _older = full_article
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    html = html[html.index("<body") :]  # the head repeats the lead in its social card tags
    positions = order_of(
        html,
        ">In<",  # print link (Vietnamese UI)
        "Thứ Năm, 29/12/2022 17:05",
        ">Gốc<",
        "<h1",
        "Chiều 29/12, quận tổ chức hội nghị tổng kết.",
        "Đoạn mở đầu của bài.",
        "<figcaption",
        "Quang cảnh hội nghị.",
        "Trần Minh",
        "Tiện ích thông tin",
        "Nguồn tin",
        "QR CODE: Hội nghị tổng kết công tác năm &amp; kế hoạch “2023”",
        "Chúng tôi trên Mạng Xã hội",
        "Fanpage thử",
        "Tin khác",
        "Tin cũ hơn",
    )
    assert positions == sorted(positions)
    assert 'href="https://example.gov.vn/goc"' in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_article_qr_codes_decode_to_exact_urls(client, full_article, social_accounts):
    article, _ = full_article
    html = client.get(article.url).content.decode()
    svgs = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    decoded = [decode_svg(svg) for svg in svgs]
    assert [article.full_url] in decoded
    assert article.full_url.startswith("http://localhost/vi/tin-tuc/")
    for account in social_accounts:
        assert [account.url] in decoded


@pytest.mark.django_db
def test_images_are_responsive_renditions_never_originals(client, full_article):
    article, _ = full_article
    html = client.get(article.url).content.decode()
    assert "srcset=" in html
    assert "original_images/" not in html
    assert 'alt="Toàn cảnh hội trường"' in html  # image description used when no alt text
    assert 'alt="Mô tả ảnh 2"' in html
    assert html.count('<figure class="govnews-figure') == 4


@pytest.mark.django_db
def test_user_input_is_escaped(client, news_index):
    evil = '<script>alert("x")</script>'
    article = make_news(
        news_index,
        f"Tiêu đề {evil}",
        lead=evil,
        author=evil,
        source_name=evil,
        body=[image_block(make_image(), caption=evil, alt_text=evil)],
    )
    html = client.get(article.url).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_english_ui_and_dateline(client, full_article):
    article, _ = full_article
    with translation.override("en"):
        response = client.get(article.url, headers={"accept-language": "en"})
    # The page lives in the Vietnamese tree: its UI follows the URL's language prefix.
    assert "Thứ Năm, 29/12/2022 17:05" in response.content.decode()


@pytest.mark.django_db
def test_print_view(client, full_article):
    article, _ = full_article
    response = client.get(article.url + "print/")
    html = response.content.decode()
    assert response.status_code == 200
    order_of(
        html,
        '<header class="govnews-masthead">',
        '<span class="govnews-masthead__name">Cổng thông tin thử nghiệm</span>',
        "<main>",
        "Thứ Năm, 29/12/2022 17:05",
        "<h1",
        "Quang cảnh hội nghị.",
        "Trần Minh",
        "<svg",
    )
    assert "govnews-masthead__logo" not in html  # no logo in the settings
    assert "govnews-masthead__agency" not in html  # nor an agency in charge
    assert "Tin khác" not in html
    assert "site-header" not in html
    assert 'name="robots" content="noindex"' in html


def masthead_of(html: str) -> str:
    found = re.search(r'<header class="govnews-masthead">.*?</header>', html, flags=re.S)
    return found[0] if found else ""


@pytest.mark.django_db
def test_print_view_masthead_in_the_page_language_with_logo_and_agency(client, article):
    """The masthead shows the portal settings' logo, agency in charge and name in the page's
    language; without a portal name, the Wagtail site's name; the logo alone names it."""
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Cổng tin Quận Hồng Bàng"
    site.save()
    masthead = masthead_of(client.get(article.url + "print/").content.decode())
    assert '<span class="govnews-masthead__name">Cổng tin Quận Hồng Bàng</span>' in masthead
    settings = GovNewsSettings.for_site(site)
    settings.portal_name = "Cổng thông tin điện tử Quận Hồng Bàng"
    settings.agency_in_charge = "Ủy ban nhân dân Quận Hồng Bàng"
    settings.identity_translations = [
        {
            "type": "language",
            "value": {
                "language_code": "en",
                "portal_name": "Hong Bang District e-Portal",
                "agency_in_charge": "Hong Bang District People's Committee",
            },
        }
    ]
    settings.logo = make_image("Biểu trưng", size=(240, 240))
    settings.save()
    masthead = masthead_of(client.get(article.url + "print/").content.decode())
    order_of(
        masthead,
        'class="govnews-masthead__logo"',
        '<span class="govnews-masthead__agency">Ủy ban nhân dân Quận Hồng Bàng</span>',
        '<span class="govnews-masthead__name">Cổng thông tin điện tử Quận Hồng Bàng</span>',
    )
    logo = re.search(r"<img [^>]*>", masthead)[0]
    assert 'alt=""' in logo  # decorative: the names are beside it
    assert 'height="160"' in logo
    english = translate(article, Locale.objects.get_or_create(language_code="en")[0])
    masthead = masthead_of(client.get(english.url + "print/").content.decode())
    assert "Hong Bang District People&#x27;s Committee" in masthead
    assert "Hong Bang District e-Portal" in masthead and "Quận" not in masthead
    settings.portal_name = settings.agency_in_charge = site.site_name = ""
    settings.identity_translations = []
    settings.save()
    site.save()
    masthead = masthead_of(client.get(article.url + "print/").content.decode())
    assert f'alt="{settings.logo.default_alt_text}"' in masthead  # alone, the logo names it
    assert "govnews-masthead__names" not in masthead


@pytest.mark.django_db
def test_optional_parts_degrade_gracefully(client, article):
    html = client.get(article.url).content.decode()
    assert ">Gốc<" not in html
    assert "Nguồn tin" not in html
    assert "Chúng tôi trên Mạng Xã hội" not in html  # no social accounts configured
    assert "Tin khác" not in html  # no other article yet


def render_queries(client, page, django_assert_max_num_queries, limit):
    client.get(page.url)  # warm up: renditions are created on the first view
    response_cache.invalidate()  # count the queries of a render, not of a cached copy
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(page.url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.slow  # ten articles, 40 images and their renditions
@pytest.mark.django_db
def test_query_count_does_not_grow_with_content(
    client, news_index, social_accounts, django_assert_max_num_queries
):
    small = make_news(
        news_index,
        "Ít ảnh",
        body=[image_block(make_image()), gallery_block([make_image()])],
        hero_image=make_image(),  # social cards load the hero image's renditions: once each
    )
    for n in range(8):
        make_news(news_index, f"Tin khác {n}", hero_image=make_image())
    many = make_news(
        news_index,
        "Nhiều ảnh",
        body=[image_block(make_image()) for _ in range(4)]
        + [gallery_block([make_image() for _ in range(12)]) for _ in range(2)],
        hero_image=make_image(),
    )
    # 32 cold: routing, restrictions, settings, images, other news, social accounts,
    # translations, breadcrumbs and the most-read box with the state of stored views (one
    # query each, whatever the content).
    first = render_queries(client, small, django_assert_max_num_queries, 32)
    second = render_queries(client, many, django_assert_max_num_queries, 32)
    assert first == second
