"""What the article and list pages render: composed (NFC) text and the one image loaded eagerly."""

from __future__ import annotations

import re
import unicodedata

import pytest
from wagtail.models import Locale

from tests.factories import gallery_block, image_block, make_image, make_news, paragraph, translate

DECOMPOSED_TITLE = unicodedata.normalize("NFD", "Thành phố khởi công cầu Thủ Thiêm 4")
DECOMPOSED_CAPTION = unicodedata.normalize("NFD", "Lễ khởi công sáng thứ Năm")


def _img_tags(html: str) -> list[str]:
    return re.findall(r"<img\b[^>]*>", html)


@pytest.mark.django_db
def test_decomposed_text_is_stored_and_rendered_composed(client, news_index):
    assert not unicodedata.is_normalized("NFC", DECOMPOSED_TITLE)
    article = make_news(
        news_index,
        DECOMPOSED_TITLE,
        lead=unicodedata.normalize("NFD", "Sáng nay, Ủy ban nhân dân thành phố"),
        body=[image_block(make_image(), caption=DECOMPOSED_CAPTION)],
    )
    article.refresh_from_db()
    assert article.title == unicodedata.normalize("NFC", DECOMPOSED_TITLE)
    assert unicodedata.is_normalized("NFC", article.lead)
    assert article.body[0].value["caption"] == unicodedata.normalize("NFC", DECOMPOSED_CAPTION)
    assert unicodedata.is_normalized("NFC", article.get_latest_revision().content["title"])
    html = client.get(article.url).content.decode()
    assert unicodedata.is_normalized("NFC", html)
    assert unicodedata.normalize("NFC", DECOMPOSED_CAPTION) in html


@pytest.mark.django_db
def test_language_switcher_names_are_composed(client, article):
    english = Locale.objects.get_or_create(language_code="en")[0]
    translate(article, english)
    html = client.get(article.url).content.decode()
    assert "Tiếng Việt" in html  # composed "ệ" (Django's LANG_INFO has it decomposed)
    assert unicodedata.is_normalized("NFC", html)


@pytest.mark.django_db
def test_only_the_first_body_figure_is_eager(client, news_index):
    image = make_image()
    article = make_news(
        news_index,
        body=[
            paragraph("<p>Mở đầu.</p>"),
            gallery_block([image, make_image("Ảnh hai")]),
            image_block(make_image("Ảnh ba"), caption="Ảnh cuối"),
        ],
    )
    images = _img_tags(client.get(article.url).content.decode())
    body_images = [tag for tag in images if "govnews-figure__image" in tag]
    assert len(body_images) == 3
    assert 'fetchpriority="high"' in body_images[0]
    assert 'loading="lazy"' not in body_images[0]
    for tag in body_images[1:]:
        assert 'loading="lazy"' in tag
        assert "fetchpriority" not in tag


@pytest.mark.django_db
def test_only_the_first_card_of_a_section_is_eager(client, news_index):
    for n in range(3):
        make_news(news_index, f"Tin số {n}", hero_image=make_image(f"Ảnh {n}"))
    html = client.get(news_index.url).content.decode()
    cards = re.findall(r'<a class="govnews-card__image"[^>]*>\s*(<img\b[^>]*>)', html)
    assert len(cards) == 3
    assert 'fetchpriority="high"' in cards[0] and 'loading="lazy"' not in cards[0]
    assert all('loading="lazy"' in tag for tag in cards[1:])
