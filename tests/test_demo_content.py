"""The ``load_demo_content`` command of the example project."""

from __future__ import annotations

from datetime import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.demo import builder, content, english
from home.demo.images import PICTURES, draw_picture
from home.demo.stories import generate_articles
from home.models import HomePage
from wagtail_govnews.models import (
    GovNewsSettings,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageDailyViews,
    NewsTag,
    SocialAccount,
)

pytestmark = pytest.mark.django_db

#: A Sunday morning in the portal's time zone (Asia/Ho_Chi_Minh).
SUNDAY_MORNING = "2026-12-06T07:00:00+07:00"


def load(**options: object) -> str:
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("load_demo_content", stdout=out, **options)
    return out.getvalue()


def featured() -> NewsPage:
    return NewsPage.objects.get(slug=content.FEATURED_SLUG)


def counts() -> dict[str, int]:
    """How many objects of each kind the demo touches are in the database."""
    return {
        "pages": Page.objects.count(),
        "news": NewsPage.objects.count(),
        "sections": NewsIndexPage.objects.count(),
        "images": get_image_model().objects.count(),
        "categories": NewsCategory.objects.count(),
        "accounts": SocialAccount.objects.count(),
        "settings": GovNewsSettings.objects.count(),
        "sites": Site.objects.count(),
        "locales": Locale.objects.count(),
        "users": get_user_model().objects.count(),
        "related": featured().related_news.count(),
        "translations": Translation.objects.count(),
        "translated strings": StringTranslation.objects.count(),
    }


def photos_of(page: NewsPage) -> list[dict]:
    """The captioned photos in the body of ``page`` (galleries left out)."""
    return [block.value for block in page.body if block.block_type == "image"]


def all_photos(page: NewsPage) -> list[tuple[int, str, str]]:
    """(image id, caption, alt text) of every photo of ``page``, galleries included."""
    found = []
    for block in page.body:
        if block.block_type in ("image", "gallery"):
            values = block.value["images"] if block.block_type == "gallery" else [block.value]
            found += [(value["image"].pk, value["caption"], value["alt_text"]) for value in values]
    return found


@pytest.mark.slow  # loads the demo portal
def test_loads_a_complete_demo_portal() -> None:
    output = load()

    news = NewsPage.objects.live()
    assert news.count() >= 30
    sections_with_news = NewsIndexPage.objects.filter(
        pk__in=[page.get_parent().pk for page in news]
    )
    assert sections_with_news.count() >= 2
    assert all(section.show_in_menus for section in sections_with_news)
    assert NewsCategory.objects.filter(news_pages__in=news).distinct().count() >= 3
    assert set(NewsCategory.objects.values_list("slug", flat=True)) >= {
        "giao-duc",
        "y-te",
        "khoa-hoc-cong-nghe",
    }

    for page in news.select_related("hero_image"):
        assert page.hero_image is not None, page.title
        assert page.hero_image.file.storage.exists(page.hero_image.file.name)
        assert page.hero_image.description
        assert page.lead and page.author and page.source_name and page.source_url
        assert page.date is not None
        assert page.categories.exists() and page.tags.exists()

    dates = sorted(news.values_list("date", flat=True))
    assert (dates[-1] - dates[1]).days >= 50  # spread over the last two months (featured aside)

    block_types = {block.block_type for page in news for block in page.body}
    assert {"paragraph", "image", "gallery", "quote", "table", "heading"} <= block_types
    galleries = [
        block.value for page in news for block in page.body if block.block_type == "gallery"
    ]
    assert {gallery["layout"] for gallery in galleries} == {"grid", "slideshow"}
    assert any(
        len(gallery["images"]) >= 3 and all(photo["caption"] for photo in gallery["images"])
        for gallery in galleries
    )

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert not Page.objects.filter(title=content.WELCOME_PAGE_TITLE).exists()
    assert Locale.objects.filter(language_code__in=["vi", "en"]).count() == 2

    archived = NewsPage.objects.filter(is_archived=True, locale__language_code="vi").get()
    assert archived.get_translation(Locale.objects.get(language_code="en")).specific.is_archived
    used_tags = NewsTag.objects.filter(tagged_items__isnull=False).distinct()
    assert used_tags and [tag.name for tag in used_tags if tag.name_in("en") == tag.name] == []

    settings = GovNewsSettings.for_site(site)
    assert settings.portal_name == content.PORTAL_NAME
    vietnamese, english = settings.identity("vi"), settings.identity("en")
    assert vietnamese.agency_in_charge == "Ủy ban nhân dân Thành phố"
    assert english.agency_in_charge == "City People's Committee"
    assert english.phone == vietnamese.phone and english.email == vietnamese.email
    assert english.logo == vietnamese.logo and english.logo.file.name.endswith(".png")
    assert [account.network for account in settings.accounts_for("vi")] == [
        "facebook",
        "zalo",
        "youtube",
    ]
    assert [account.name for account in settings.accounts_for("en")] == [
        "City Portal on Facebook",
        "The City on YouTube",
    ]

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("admin")

    page = featured()
    assert "admin" in output
    assert "http://127.0.0.1:8000/admin/" in output
    assert page.get_full_url() in output
    assert page.get_full_url().startswith("http://127.0.0.1:8000/vi/khoa-giao/")
    assert_featured_structure(page)
    english_featured = page.get_translation(Locale.objects.get(language_code="en"))
    assert english_featured.get_full_url() in output
    assert english_featured.get_full_url().startswith("http://127.0.0.1:8000/en/science-education/")


@pytest.mark.slow  # loads the demo portal
def test_english_versions_are_wagtail_localize_translations() -> None:
    load()
    english_locale = Locale.objects.get(language_code="en")

    english_news = NewsPage.objects.live().filter(locale=english_locale)
    assert english_news.count() >= 6
    assert all(page.url.startswith("/en/") for page in english_news)
    home = HomePage.objects.get(locale=english_locale)
    assert (home.live, home.url, home.title) == (True, "/en/", english.HOME_TITLE)
    assert sorted(NewsIndexPage.objects.filter(locale=english_locale).values_list("title")) == [
        ("News",),
        ("Notices",),
        ("Science and Education",),
    ]
    assert {c.translation_key for c in NewsCategory.objects.filter(locale=english_locale)} == {
        c.translation_key for c in NewsCategory.objects.filter(locale__language_code="vi")
    }
    assert NewsCategory.objects.filter(locale=english_locale, slug="education").exists()

    for translation in Translation.objects.select_related("source"):
        total, translated = translation.get_progress()
        assert translated == total, f"untranslated strings in {translation.source.object_repr}"

    galleries = 0
    for page in english_news:
        original = page.get_translation(Locale.objects.get(language_code="vi"))
        source = TranslationSource.objects.get(object_id=page.translation_key)
        assert source.locale.language_code == "vi"
        assert source.translations.filter(target_locale=english_locale).exists()
        assert page.title != original.title and page.lead != original.lead
        assert page.date == original.date and page.hero_image_id == original.hero_image_id
        english_photos, photos = all_photos(page), all_photos(original)
        assert [photo[0] for photo in english_photos] == [photo[0] for photo in photos]
        assert all(
            mine[1] != theirs[1] and mine[2] != theirs[2]
            for mine, theirs in zip(english_photos, photos, strict=True)
        )
        galleries += any(block.block_type == "gallery" for block in page.body)
    assert galleries >= 2  # a grid and a slideshow, captions and alt texts in English


def assert_featured_structure(page: NewsPage) -> None:
    """The featured article is built like the modelled district news item."""
    assert page.live
    assert page.get_parent().slug == content.SCIENCE_EDUCATION
    dateline = timezone.localtime(page.date, content.LOCAL_TZ)
    assert dateline.weekday() == 3  # Thursday
    assert (dateline.year, dateline.month, dateline.day) == (2022, 12, 29)
    assert (dateline.hour, dateline.minute) == (17, 5)
    assert page.original_url.startswith("https://example.gov.vn/")
    assert page.lead
    photos = photos_of(page)
    assert len(photos) >= 2
    assert all(photo["caption"] and photo["image"] for photo in photos)
    assert page.body[0].block_type == "paragraph"
    assert page.author and page.source_name and page.source_url

    picks = [item.news for item in page.related_news.all()]
    assert len(picks) == 3
    assert all(
        pick.get_parent().pk == page.get_parent().pk and pick.pk != page.pk for pick in picks
    )
    assert page.other_news() == picks


@pytest.mark.slow  # loads the demo portal
def test_loading_twice_creates_nothing_new() -> None:
    load()
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("changed-by-the-editor")
    admin.save()
    lost_image = featured().hero_image
    lost_image.file.storage.delete(lost_image.file.name)
    before = counts()

    output = load(hostname="localhost", port=8123)

    assert counts() == before
    admin.refresh_from_db()
    assert admin.check_password("changed-by-the-editor")
    lost_image.refresh_from_db()
    assert lost_image.file.storage.exists(lost_image.file.name)  # drawn again
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 8123)
    assert featured().get_full_url().startswith("http://localhost:8123/vi/")
    assert featured().get_full_url() in output
    assert " 0 created" in output and "news articles" in output


@pytest.mark.slow  # loads the demo portal
def test_an_original_edited_in_the_admin_is_still_translated() -> None:
    load()
    english_locale = Locale.objects.get(language_code="en")
    page = featured()
    page.get_translation(english_locale).delete()
    page.lead = "Sapo do biên tập viên sửa lại."
    page.save_revision().publish()

    load()

    english_page = featured().get_translation(english_locale)
    assert english_page.live
    assert english_page.title == english.FEATURED_ARTICLE.title
    assert english_page.lead == "Sapo do biên tập viên sửa lại."  # waits for a translator


@pytest.mark.slow  # loads the demo portal
def test_failed_load_leaves_no_rows_and_no_files(monkeypatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    storage = get_image_model()._meta.get_field("file").storage
    before = (
        set(storage.listdir("original_images")[1]) if storage.exists("original_images") else set()
    )
    monkeypatch.setattr(builder, "ensure_article", fail)

    with pytest.raises(RuntimeError):
        load()

    assert not get_image_model().objects.exists()
    assert not HomePage.objects.exists()
    assert set(storage.listdir("original_images")[1]) == before


@pytest.mark.slow  # loads the demo portal
def test_featured_article_renders(client) -> None:
    load()
    page = featured()

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert page.title in html
    assert "Toàn cảnh hội nghị" in html

    english_page = page.get_translation(Locale.objects.get(language_code="en"))
    response = client.get(english_page.url)

    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        english.FEATURED_ARTICLE.title,
        "Thursday, 29 December 2022, 17:05",
        "The conference in the hall of the District Political Centre.",
        "Information utilities",
        "Other news",
    ):
        assert text in html, text
    assert "Toàn cảnh hội nghị" not in html


@pytest.mark.slow  # loads the demo portal
def test_now_option_dates_the_demo_from_a_fixed_moment(client) -> None:
    call_command("load_demo_content", f"--now={SUNDAY_MORNING}", stdout=StringIO())

    moment = datetime.fromisoformat(SUNDAY_MORNING)
    vietnamese = NewsPage.objects.live().filter(locale__language_code="vi")
    newest = vietnamese.exclude(slug=content.FEATURED_SLUG).order_by("-date")[0]
    assert newest.date <= moment
    assert timezone.localtime(newest.date, content.LOCAL_TZ).date() == moment.date()
    html = client.get(newest.url).content.decode()
    assert f"Chủ Nhật, 06/12/2026 {timezone.localtime(newest.date):%H:%M}" in html


def test_now_option_rejects_what_is_not_a_date() -> None:
    with pytest.raises(CommandError, match="not an ISO 8601 date and time"):
        call_command("load_demo_content", "--now=last sunday", stdout=StringIO())


@pytest.mark.clock
def test_generated_articles_are_unique_and_recent() -> None:
    now = timezone.now()
    articles = generate_articles(now)
    assert len(articles) >= 32
    assert len({(article.section, article.slug) for article in articles}) == len(articles)
    assert all(article.date <= now for article in articles)
    assert all((now - article.date).days <= 60 for article in articles)


@pytest.mark.parametrize("picture", PICTURES, ids=lambda picture: picture.key)
def test_pictures_are_drawn_at_their_size(picture) -> None:
    image = draw_picture(picture)
    assert image.size == picture.size
    assert image.mode == "RGB"
    assert len(image.getcolors(maxcolors=1 << 20) or ()) > 5  # a picture, not a flat fill


@pytest.mark.clock
@pytest.mark.slow  # loads the demo portal
def test_demo_shows_every_newsroom_feature(client) -> None:
    load()
    numbered = NewsPage.objects.get(document_number="125/TB-UBND")
    assert "125/TB-UBND" in client.get(numbered.url).content.decode()
    corrected = NewsPage.objects.get(notice_kind="correction", locale__language_code="vi")
    assert "Đính chính" in client.get(corrected.url).content.decode()
    archived = NewsPage.objects.get(is_archived=True, locale__language_code="vi")
    assert "govnews-banner--archived" in client.get(archived.url).content.decode()
    most_read = client.get("/api/govnews/news/most-read/", {"locale": "vi"}).json()["items"]
    assert [item["views"] for item in most_read] == sorted(
        (item["views"] for item in most_read), reverse=True
    )
    assert len(most_read) == 5 and most_read[0]["id"] == featured().pk
    before = counts()
    load()
    assert counts() == before and NewsPageDailyViews.objects.count() == 35
