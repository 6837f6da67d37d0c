"""Translating articles and categories with wagtail-localize: what is translated, what is copied.

Translations are made the way the admin makes them: a ``TranslationSource`` of the original,
a ``Translation`` into English, ``StringTranslation`` rows for the string segments and
``save_target``. Each decision of docs/concepts/translation.md is checked here.
"""

from __future__ import annotations

import html
import json
import re
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation as django_translation
from wagtail.documents import get_document_model
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home.models import HomePage
from tests.factories import gallery_block, make_category, make_image, make_index, make_news
from wagtail_govnews.models import (
    GovNewsSettings,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageRelatedNews,
    SocialAccount,
)

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parent.parent / "docs" / "concepts" / "translation.md"
DATELINE = datetime(2022, 12, 29, 17, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

#: English for every string of the article built by ``source_article``.
ENGLISH = {
    "Hội nghị tổng kết năm 2022": "2022 review conference",
    "hoi-nghi-tong-ket-nam-2022": "2022-review-conference",
    "Hơn 150 cán bộ dự hội nghị chiều 29/12.": "Over 150 officials met on 29 December.",
    "Hội nghị do lãnh đạo quận chủ trì.": "District leaders chaired the conference.",
    "Hình ảnh hội nghị": "The conference in pictures",
    "Toàn cảnh hội trường.": "The hall during the conference.",
    "Sân khấu phông đỏ và các hàng ghế.": "A red stage and rows of seats.",
    "Đại biểu phát biểu ý kiến.": "A delegate takes the floor.",
    "Một người đứng trước micro.": "A man speaking into a microphone.",
    "Học sinh nhận giấy khen.": "Pupils receive certificates.",
    "Ba em học sinh cầm giấy khen.": "Three pupils holding certificates.",
    "Ảnh: Minh Khang": "Photo: Minh Khang",
    "Lãnh đạo quận trao thưởng.": "District leaders hand out awards.",
    "Hai người bắt tay trên sân khấu.": "Two people shaking hands on a stage.",
    "Minh Khang": "Minh Khang",
    "Ban Tuyên giáo Quận ủy": "District Party Committee, Propaganda Department",
}
SECTION_ENGLISH = {
    "Khoa giáo": "Science and Education",
    "khoa-giao": "science-education",
    "Tin về giáo dục và y tế.": "News about education and health.",
}


# Building blocks: the article, and translating through wagtail-localize.


def photo(image, caption: str, alt_text: str) -> dict:
    """A photo as the admin stores it inside a gallery (a list item with a type and an id)."""
    value = {
        "image": image.pk,
        "caption": caption,
        "alt_text": alt_text,
        "credit": "Ảnh: Minh Khang",
    }
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def section(db) -> NewsIndexPage:
    section = make_index("Khoa giáo", "khoa-giao")
    section.intro = "<p>Tin về giáo dục và y tế.</p>"
    section.save_revision().publish()
    return section


@pytest.fixture
def source_article(section) -> NewsPage:
    """A Vietnamese article with a gallery of three captioned photos and a captioned image."""
    images = [make_image() for _ in range(4)]
    category = make_category("Giáo dục")
    gallery = [
        photo(images[0], "Toàn cảnh hội trường.", "Sân khấu phông đỏ và các hàng ghế."),
        photo(images[1], "Đại biểu phát biểu ý kiến.", "Một người đứng trước micro."),
        photo(images[2], "Học sinh nhận giấy khen.", "Ba em học sinh cầm giấy khen."),
    ]
    return make_news(
        section,
        "Hội nghị tổng kết năm 2022",
        date=DATELINE,
        lead="Hơn 150 cán bộ dự hội nghị chiều 29/12.",
        author="Minh Khang",
        source_name="Ban Tuyên giáo Quận ủy",
        source_url="https://example.gov.vn/nguon",
        original_url="https://example.gov.vn/goc",
        hero_image=images[0],
        categories=[category],
        tags=["khoa giáo", "tổng kết"],
        body=[
            {"type": "paragraph", "value": "<p>Hội nghị do lãnh đạo quận chủ trì.</p>"},
            {
                "type": "gallery",
                "value": {"title": "Hình ảnh hội nghị", "layout": "grid", "images": gallery},
            },
            {
                "type": "image",
                "value": {
                    "image": images[3].pk,
                    "caption": "Lãnh đạo quận trao thưởng.",
                    "alt_text": "Hai người bắt tay trên sân khấu.",
                    "credit": "Ảnh: Minh Khang",
                    "alignment": "center",
                },
            },
        ],
    )


def translate(instance, locale: Locale, texts: dict[str, str], capture, partial: bool = False):
    """Translate ``instance`` with wagtail-localize as the admin does; return the Translation.

    Every string segment gets its English text from ``texts`` (a missing one fails the test
    unless ``partial``); ``save_target(publish=True)`` publishes when the transaction commits,
    which ``capture`` (django_capture_on_commit_callbacks) runs.
    """
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = texts.get(segment.string.data)
        if text is None:
            assert partial, f"no English for {segment.string.data!r}"
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": "manual"},
        )
    with capture(execute=True):
        translation.save_target(publish=True)
    return translation


@pytest.fixture
def english_article(source_article, english, django_capture_on_commit_callbacks) -> NewsPage:
    translate(source_article, english, ENGLISH, django_capture_on_commit_callbacks)
    return source_article.get_translation(english)


def photos(page: NewsPage) -> list[tuple[int, str, str, str]]:
    """(image id, caption, alt text, credit) of every photo of the body, galleries included."""
    found = []
    for block in NewsPage.objects.get(pk=page.pk).body:
        if block.block_type == "gallery":
            values = list(block.value["images"])
        elif block.block_type == "image":
            values = [block.value]
        else:
            continue
        found += [(v["image"].pk, v["caption"], v["alt_text"], v["credit"]) for v in values]
    return found


# The decisions, as declared on the models.

MODELS = {
    "NewsPage": NewsPage,
    "NewsIndexPage": NewsIndexPage,
    "HomePage": HomePage,
    "NewsCategory": NewsCategory,
}


def documented_rows() -> dict[tuple[str, str], str]:
    """(model, field) → how the table of docs/concepts/translation.md says it is handled."""
    rows = {}
    for line in DOCS.read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[1].startswith("`") and cells[0] in MODELS:
            rows[(cells[0], cells[1].strip("`"))] = cells[2]
    return rows


def handling(field) -> str:
    if not isinstance(field, SynchronizedField):
        return "translated"
    return "synchronised, overridable" if field.overridable else "synchronised"


def test_the_documented_table_is_what_the_models_declare():
    declared = {
        (name, field.field_name): handling(field)
        for name, model in MODELS.items()
        for field in get_translatable_fields(model)
    }
    assert documented_rows() == declared


def test_site_settings_are_per_site_not_per_language():
    assert not issubclass(GovNewsSettings, TranslatableMixin)
    assert not issubclass(SocialAccount, TranslatableMixin)
    assert "per site" in DOCS.read_text()


# Translating an article.


def test_english_article_is_live_under_en_with_its_parents(english_article, source_article):
    english_section = english_article.get_parent().specific
    assert english_article.live
    assert english_article.locale.language_code == "en"
    assert english_article.translation_key == source_article.translation_key
    assert english_article.url == "/en/khoa-giao/2022-review-conference/"
    # Parents without a translation are created too, as live aliases of the Vietnamese ones.
    assert english_section.locale.language_code == "en"
    assert english_section.translation_key == source_article.get_parent().translation_key
    assert english_section.alias_of_id == source_article.get_parent().pk
    assert english_section.live
    assert english_section.get_parent().locale.language_code == "en"


def test_texts_captions_and_alt_texts_are_translated(english_article):
    assert english_article.title == "2022 review conference"
    assert english_article.lead == "Over 150 officials met on 29 December."
    assert english_article.author == "Minh Khang"
    assert english_article.source_name == "District Party Committee, Propaganda Department"
    body = english_article.body
    assert str(body[0].value) == "<p>District leaders chaired the conference.</p>"
    assert body[1].value["title"] == "The conference in pictures"
    assert [photo[1:] for photo in photos(english_article)] == [
        ("The hall during the conference.", "A red stage and rows of seats.", "Photo: Minh Khang"),
        ("A delegate takes the floor.", "A man speaking into a microphone.", "Photo: Minh Khang"),
        ("Pupils receive certificates.", "Three pupils holding certificates.", "Photo: Minh Khang"),
        (
            "District leaders hand out awards.",
            "Two people shaking hands on a stage.",
            "Photo: Minh Khang",
        ),
    ]


def test_images_dates_links_and_settings_are_synchronised(english_article, source_article):
    assert [p[0] for p in photos(english_article)] == [p[0] for p in photos(source_article)]
    assert english_article.hero_image_id == source_article.hero_image_id
    assert english_article.date == source_article.date == DATELINE
    assert english_article.source_url == "https://example.gov.vn/nguon"
    assert english_article.original_url == "https://example.gov.vn/goc"
    assert english_article.body[1].value["layout"] == "grid"
    assert english_article.body[2].value["alignment"] == "center"


def test_categories_and_tags_are_copied_as_they_are(english_article, source_article, english):
    """The translation keeps the Vietnamese categories (even once they are translated)."""
    assert list(english_article.categories.all()) == list(source_article.categories.all())
    assert english_article.categories.get().locale.language_code == "vi"
    assert sorted(tag.name for tag in english_article.tags.all()) == ["khoa giáo", "tổng kết"]


def test_other_news_picks_point_at_the_source_language_articles(
    source_article, section, english, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    pick = make_news(section, "Tin khác")
    translate(pick, english, {"Tin khác": "Other story", "tin-khac": "other-story"}, capture)
    source_article.related_news = [NewsPageRelatedNews(news=pick)]
    source_article.save_revision().publish()

    translate(source_article, english, ENGLISH, capture)
    english_article = source_article.get_translation(english)

    picked = english_article.related_news.get().news
    assert picked.pk == pick.pk  # not mapped to the English "Other story"
    with django_translation.override("en"):
        assert picked.localized.title == "Other story"  # how to show it in English


def test_syncing_follows_the_categories_and_tags_of_the_source(
    english_article, source_article, django_capture_on_commit_callbacks
):
    translation = Translation.objects.get(target_locale=english_article.locale)

    def sync() -> NewsPage:
        source_article.save_revision().publish()
        translation.source.update_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(publish=True)
        return NewsPage.objects.get(pk=english_article.pk)

    health = make_category("Y tế")
    source_article.categories.set([health])
    source_article.tags.set(["y tế"])
    synced = sync()
    assert list(synced.categories.all()) == [health]
    assert [tag.name for tag in synced.tags.all()] == ["y tế"]

    # Emptied: tags follow; categories stay (wagtail-localize skips empty many-to-many values).
    source_article.categories.set([])
    source_article.tags.set([])
    synced = sync()
    assert list(synced.tags.all()) == []
    assert list(synced.categories.all()) == [health]


def test_editing_the_source_and_syncing_updates_the_translation(
    english_article, source_article, english, django_capture_on_commit_callbacks
):
    new_image, added_image = make_image(), make_image()
    page = NewsPage.objects.get(pk=source_article.pk)
    body = page.body.raw_data
    gallery = body[1]["value"]["images"]
    gallery[0]["value"]["caption"] = "Quang cảnh lễ khai mạc."
    gallery[1]["value"]["image"] = new_image.pk
    gallery.append(photo(added_image, "Đại biểu chụp ảnh lưu niệm.", "Mọi người đứng thành hàng."))
    page.save_revision().publish()

    # translate() calls source.update_from_db(): get_or_create_from_instance keeps old sources.
    texts = {"Quang cảnh lễ khai mạc.": "The opening ceremony."}
    translate(page, english, texts, django_capture_on_commit_callbacks, partial=True)

    english_photos = photos(english_article)
    assert [p[0] for p in english_photos] == [p[0] for p in photos(page)]
    assert english_photos[1][0] == new_image.pk
    assert english_photos[0][1] == "The opening ceremony."
    assert english_photos[1][1:3] == (
        "A delegate takes the floor.",
        "A man speaking into a microphone.",
    )
    # Not translated yet: the Vietnamese text stands in until a translator fills it in.
    assert english_photos[3][1:3] == ("Đại biểu chụp ảnh lưu niệm.", "Mọi người đứng thành hàng.")


def test_translators_can_override_images_and_source_addresses(
    english_article, source_article, english, django_capture_on_commit_callbacks
):
    english_photo = make_image()
    translation = Translation.objects.get(target_locale=english)
    overridable = OverridableSegment.objects.filter(source=translation.source).select_related(
        "context"
    )
    by_path = {segment.context.path: segment for segment in overridable}
    gallery_id = source_article.body[1].id
    first_photo = source_article.body[1].value["images"].bound_blocks[0].id
    overrides = {
        f"body.{gallery_id}.images.{first_photo}.image": english_photo.pk,
        "source_url": "https://example.gov.vn/en/source",
    }
    for path, value in overrides.items():
        SegmentOverride.objects.create(
            locale=english, context=by_path[path].context, data_json=json.dumps(value)
        )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    english_article = NewsPage.objects.get(pk=english_article.pk)
    assert photos(english_article)[0][0] == english_photo.pk
    assert english_article.source_url == "https://example.gov.vn/en/source"
    assert photos(source_article)[0][0] != english_photo.pk
    assert not any(".date" in path or path == "date" for path in by_path)


def test_a_parent_alias_becomes_a_translation_when_translated(
    english_article, section, english, django_capture_on_commit_callbacks
):
    translate(section, english, SECTION_ENGLISH, django_capture_on_commit_callbacks)

    english_section = section.get_translation(english)
    assert english_section.alias_of_id is None
    assert english_section.title == "Science and Education"
    assert english_section.specific.intro == "<p>News about education and health.</p>"
    english_article.refresh_from_db()
    assert english_article.url == "/en/science-education/2022-review-conference/"


def test_english_article_renders_with_english_dateline_and_ui(
    client, english_article, section, english, django_capture_on_commit_callbacks
):
    older = make_news(section, "Tin cũ", date=datetime(2022, 12, 1, tzinfo=DATELINE.tzinfo))
    texts = {"Tin cũ": "An older story", "tin-cu": "an-older-story"}
    translate(older, english, texts, django_capture_on_commit_callbacks)

    response = client.get(english_article.url)

    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "Thursday, 29 December 2022, 17:05",
        "Information utilities",
        "Other news",
        "2022 review conference",
        "The hall during the conference.",
        'alt="A red stage and rows of seats."',
        "An older story",
    ):
        assert text in page, text
    assert "Toàn cảnh hội trường." not in page
    assert "Tiện ích thông tin" not in page


def test_translation_editor_lists_captions_and_alt_texts(admin_client, english_article):
    """The editor opens at the English page's edit URL (there is no separate named URL)."""
    translation = Translation.objects.get(target_locale=english_article.locale)

    response = admin_client.get(translation.get_target_instance_edit_url())

    assert response.status_code == 200
    found = re.search(r'class="js-translation-editor" data-props="([^"]*)"', response.text)
    assert found, "the translation editor is not on the page"
    segments = json.loads(html.unescape(found.group(1)))["segments"]
    strings = {s["source"] for s in segments if s["type"] == "string"}
    assert set(ENGLISH) <= strings  # every text, caption, alt text and credit
    caption_paths = [s["contentPath"] for s in segments if s["contentPath"].endswith(".caption")]
    alt_paths = [s["contentPath"] for s in segments if s["contentPath"].endswith(".alt_text")]
    assert len(caption_paths) == len(alt_paths) == 4  # three in the gallery, one image
    choosers = [s for s in segments if s["type"] == "synchronised_value"]
    image_choosers = [
        s for s in choosers if (s["location"]["widget"] or {}).get("type") == "image_chooser"
    ]
    assert len(image_choosers) == 5  # the hero image and the four photos can be swapped
    assert {s["contentPath"] for s in choosers} >= {"source_url", "original_url", "hero_image"}


def test_what_each_body_block_offers_for_translation(
    client, section, english, django_capture_on_commit_callbacks
):
    document = get_document_model().objects.create(
        title="Quyết định", file=ContentFile(b"%PDF-1.4 demo", name="quyet-dinh.pdf")
    )
    table = {
        "data": [["Phường", "Số hộ"], ["An Khánh", "1.200"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "Số hộ theo phường",
    }
    page = make_news(
        section,
        "Tin đủ loại khối",
        body=[
            {"type": "heading", "value": {"text": "Kết quả", "level": "h3"}},
            {"type": "quote", "value": {"quote": "Câu trích dẫn.", "attribution": "Người nói"}},
            {
                "type": "video",
                "value": {"video": "https://www.youtube.com/watch?v=demo", "caption": "Phim."},
            },
            {"type": "document", "value": {"document": document.pk, "title": "Toàn văn"}},
            {"type": "table", "value": table},
            {
                "type": "paragraph",
                "value": '<p>Xem <a href="https://example.gov.vn/">trang gốc</a>.</p>',
            },
        ],
    )
    source, _ = TranslationSource.get_or_create_from_instance(page)
    block_types = {block.id: block.block_type for block in page.body}

    def offered(segments) -> set[tuple[str, str]]:
        found = set()
        for segment in segments.filter(context__path__startswith="body.").select_related("context"):
            _, block_id, *rest = segment.context.path.split(".", 2)
            found.add((block_types[block_id], rest[0] if rest else ""))
        return found

    assert offered(StringSegment.objects.filter(source=source)) == {
        ("heading", "text"),
        ("quote", "quote"),
        ("quote", "attribution"),
        ("video", "caption"),
        ("document", "title"),
        ("table", "caption"),
        ("table", "cell-0-0"),
        ("table", "cell-0-1"),
        ("table", "cell-1-0"),
        ("paragraph", ""),
    }
    assert offered(OverridableSegment.objects.filter(source=source)) == {
        ("video", "video"),
        ("document", "document"),
        ("paragraph", "'https://example.gov.vn/'"),
    }
    texts = {
        "Tin đủ loại khối": "All kinds of blocks",
        "tin-du-loai-khoi": "all-kinds-of-blocks",
        "Kết quả": "Results",
        "Câu trích dẫn.": "A quotation.",
        "Người nói": "The speaker",
        "Phim.": "Film.",
        "Toàn văn": "Full text",
        "Số hộ theo phường": "Households by ward",
        "Phường": "Ward",
        "Số hộ": "Households",
        "An Khánh": "An Khanh",
        'Xem <a id="a1">trang gốc</a>.': 'See <a id="a1">the original page</a>.',
    }
    translate(page, english, texts, django_capture_on_commit_callbacks)
    english_body = page.get_translation(english).body
    assert english_body[0].value["level"] == "h3"
    assert english_body[3].value["document"].pk == document.pk
    english_table = english_body[4].value
    assert english_table["table_caption"] == "Households by ward"
    assert english_table["data"] == [["Ward", "Households"], ["An Khanh", "1.200"]]
    assert english_table["first_row_is_table_header"] is True
    assert page.body[4].value["data"][0] == ["Phường", "Số hộ"]  # the original is untouched
    html = client.get(page.get_translation(english).url).content.decode()
    assert "<caption" in html and "Households by ward" in html and "Phường" not in html
    assert str(english_body[5].value) == (
        '<p>See <a href="https://example.gov.vn/">the original page</a>.</p>'
    )


def test_galleries_saved_as_plain_lists_are_not_offered_for_translation(section):
    """Lists must be stored as the admin stores them (items with ids) to be translated."""
    gallery = gallery_block([make_image() for _ in range(3)])
    gallery["value"]["images"] = [item["value"] for item in gallery["value"]["images"]]
    page = make_news(section, "Tin ảnh", body=[gallery])

    source, _ = TranslationSource.get_or_create_from_instance(page)

    paths = StringSegment.objects.filter(source=source).values_list("context__path", flat=True)
    assert not [path for path in paths if path.endswith((".caption", ".alt_text"))]


def test_translate_this_page_in_the_admin(
    admin_client, source_article, english, settings, django_capture_on_commit_callbacks
):
    """The admin's "Translate this page" makes the English page and opens the editor."""
    settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False  # start as a draft
    url = reverse("wagtail_localize:submit_page_translation", args=[source_article.pk])
    assert admin_client.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"locales": [english.pk]})

    english_article = source_article.get_translation(english)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[english_article.pk])
    assert not english_article.live
    assert english_article.title == source_article.title  # until a translator types it
    assert Translation.objects.filter(target_locale=english, enabled=True).count() == 1


def test_translate_this_page_publishes_at_once_by_default(
    admin_client, source_article, english, settings, django_capture_on_commit_callbacks
):
    """wagtail-localize's default (the example project turns it off): a live, untranslated copy."""
    settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = True
    url = reverse("wagtail_localize:submit_page_translation", args=[source_article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"locales": [english.pk]})

    english_article = source_article.get_translation(english)
    assert english_article.live
    assert english_article.lead == source_article.lead  # still Vietnamese


def test_english_section_filters_by_the_english_category_slug(
    client, english_article, source_article, section, english, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    translate(section, english, SECTION_ENGLISH, capture)
    translate(
        source_article.categories.get(),
        english,
        {"Giáo dục": "Education", "giao-duc": "education"},
        capture,
    )

    response = client.get("/en/science-education/?category=education")

    assert response.status_code == 200
    assert "2022 review conference" in response.content.decode()


# Translating a category.


def test_a_translated_category_is_its_own_row_in_english(
    english, django_capture_on_commit_callbacks
):
    education = make_category("Giáo dục")

    translate(
        education,
        english,
        {"Giáo dục": "Education", "giao-duc": "education"},
        django_capture_on_commit_callbacks,
    )

    english_education = NewsCategory.objects.get(locale=english)
    assert english_education.pk != education.pk
    assert english_education.translation_key == education.translation_key
    assert (english_education.name, english_education.slug) == ("Education", "education")
    education.refresh_from_db()
    assert (education.name, education.slug, education.locale.language_code) == (
        "Giáo dục",
        "giao-duc",
        "vi",
    )


def test_a_category_slug_must_stay_a_slug_in_translation(
    english, django_capture_on_commit_callbacks
):
    health = make_category("Y tế")
    with pytest.raises(ValidationError):
        translate(
            health,
            english,
            {"Y tế": "Health", "y-te": "Health care"},
            django_capture_on_commit_callbacks,
        )
    assert not NewsCategory.objects.filter(locale=english).exists()
