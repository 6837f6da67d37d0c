"""Create the demo objects in the database, or find them when they are already there.

Every ``ensure_*`` function is idempotent: objects are looked up by a stable key (a slug, a
title, a username) and only created when missing, so loading twice creates nothing new.
Pages that exist are left as they are, so edits made in the admin survive a reload; the
default site and the portal settings are brought back to the demo values. English versions
are made with wagtail-localize (:mod:`home.demo.translation`) only where none exists yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from io import BytesIO
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from wagtail_govnews.models import (
    GovNewsSettings,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageRelatedNews,
    NewsTag,
    NewsTagTranslation,
    SocialAccount,
)
from wagtail_govnews.slugs import ascii_slug

from ..models import HomePage
from . import content, english
from .images import PICTURES, render_emblem_png, render_jpeg
from .newsroom import ensure_newsroom_examples
from .report import Tally
from .specs import ArticleSpec, ImageRef, SectionSpec
from .stories import generate_articles
from .translation import Texts, article_texts, plain, rich, translate

AbstractImage = Any  # the project's image model, from get_image_model()


@dataclass
class DemoResult:
    """What a load produced: the site, its home page, the featured article and the counts."""

    site: Site
    home: HomePage
    featured: NewsPage
    featured_english: NewsPage
    tally: Tally
    admin_created: bool

    @property
    def admin_url(self) -> str:
        """The admin's login address on the demo site."""
        return f"{self.site.root_url}/admin/"


def load_demo_content(
    hostname: str = "127.0.0.1", port: int = 8000, now: datetime | None = None
) -> DemoResult:
    """Load the whole demo portal in one transaction; ``now`` anchors the articles' dates.

    If anything fails, the transaction is rolled back and the picture files this load wrote
    are deleted again, so a failed load leaves neither rows nor orphan files behind.
    """
    tally = Tally()
    written: list[FieldFile] = []
    try:
        with transaction.atomic():
            locale = ensure_locales(tally)
            home = ensure_home_page(locale, tally)
            site = ensure_default_site(home, hostname, port, tally)
            remove_welcome_pages(tally)
            sections = {spec.slug: ensure_section(home, spec, tally) for spec in content.SECTIONS}
            categories = ensure_categories(locale, tally)
            images = ensure_images(tally, written)
            pages = {}
            for spec in (content.FEATURED_ARTICLE, *generate_articles(now)):
                section = sections[spec.section]
                pages[spec.slug] = ensure_article(section, spec, categories, images, tally)
            featured = pages[content.FEATURED_SLUG]
            ensure_home_blocks(home, sections, tally)
            curate_other_news(featured, content.FEATURED_RELATED_COUNT, tally)
            ensure_newsroom_examples(sections, featured, tally, now)
            translated = ensure_english(home, sections, categories, pages, now, tally)
            ensure_portal_settings(site, tally, written)
            admin_created = ensure_superuser(tally)
    except BaseException:
        for file in written:
            file.storage.delete(file.name)
        raise
    featured_english = translated[content.FEATURED_SLUG]
    return DemoResult(site, home, featured, featured_english, tally, admin_created)


def ensure_locales(tally: Tally) -> Locale:
    """Make sure the default locale and the translation locales exist; return the default."""
    default, created = Locale.objects.get_or_create(language_code=content.DEFAULT_LANGUAGE)
    tally.add("locales", created)
    for language in content.OTHER_LANGUAGES:
        tally.add("locales", Locale.objects.get_or_create(language_code=language)[1])
    return default


def ensure_home_page(locale: Locale, tally: Tally) -> HomePage:
    """The portal's home page under the tree root, in ``locale``."""
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).filter(locale=locale).first()
    tally.add("home page", home is None)
    if home is not None:
        return home
    home = HomePage(
        title=content.HOME_TITLE, slug=content.HOME_SLUG, intro=content.HOME_INTRO, locale=locale
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    return home


def ensure_home_blocks(home: HomePage, sections: dict[str, NewsIndexPage], tally: Tally) -> None:
    """Fill an empty home page with its boxes: lead story, most read, then each section."""
    tally.add("home page boxes", not home.body)
    if home.body:
        return
    home.body = [
        {"type": "featured", "value": {"article": None}},
        {"type": "most_read", "value": {"count": 5, "days": 7}},
        *(
            {"type": "section", "value": {"section": sections[spec.slug].pk, "count": 4}}
            for spec in content.SECTIONS
        ),
    ]
    home.save_revision().publish()


def ensure_default_site(home: Page, hostname: str, port: int, tally: Tally) -> Site:
    """Point the default site at ``home``, served at ``hostname:port``."""
    site = Site.objects.filter(is_default_site=True).first()
    tally.add("default site", site is None)
    if site is None:
        site = Site(is_default_site=True)
    site.hostname = hostname
    site.port = port
    site.root_page = home
    site.site_name = content.SITE_NAME
    site.save()
    Site.clear_site_root_paths_cache()
    return site


def remove_welcome_pages(tally: Tally) -> None:
    """Delete Wagtail's "Welcome to your new Wagtail site!" page once no site uses it."""
    plain_page = ContentType.objects.get_for_model(Page)
    welcome = Page.objects.filter(
        depth=2, title=content.WELCOME_PAGE_TITLE, content_type=plain_page, numchild=0
    ).exclude(sites_rooted_here__isnull=False)
    for page in welcome:
        page.delete()
        tally.remove("welcome page")


def ensure_section(home: Page, spec: SectionSpec, tally: Tally) -> NewsIndexPage:
    """A news section under the home page, shown in menus."""
    section = NewsIndexPage.objects.child_of(home).filter(slug=spec.slug).first()
    tally.add("news sections", section is None)
    if section is not None:
        return section
    section = NewsIndexPage(title=spec.title, slug=spec.slug, intro=spec.intro, show_in_menus=True)
    home.add_child(instance=section)
    section.save_revision().publish()
    return section


def ensure_categories(locale: Locale, tally: Tally) -> dict[str, NewsCategory]:
    """The demo categories in ``locale``, by name (their ASCII slugs come from the model)."""
    categories = {}
    for name in content.CATEGORIES:
        category = NewsCategory.objects.filter(slug=ascii_slug(name), locale=locale).first()
        tally.add("categories", category is None)
        if category is None:
            category = NewsCategory.objects.create(name=name, locale=locale)
        categories[name] = category
    return categories


def ensure_images(tally: Tally, written: list[FieldFile]) -> dict[str, AbstractImage]:
    """Every demo picture as a Wagtail image, by key; re-draws a file gone from storage.

    Each file saved to storage is appended to ``written``.
    """
    return {
        spec.key: ensure_image(
            spec.title,
            spec.filename,
            lambda spec=spec: render_jpeg(spec),
            tally,
            written,
            description=spec.description,
        )
        for spec in PICTURES
    }


def ensure_image(
    title: str,
    filename: str,
    draw: Callable[[], bytes],
    tally: Tally,
    written: list[FieldFile],
    description: str = "",
) -> AbstractImage:
    """The Wagtail image titled ``title``, drawn by ``draw`` if it or its file is missing."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).order_by("pk").first()
    tally.add("images", image is None)
    if image is None or not image.file.storage.exists(image.file.name):
        image = image or image_model(title=title, description=description)
        image.file = ImageFile(BytesIO(draw()), name=filename)
        image._set_image_file_metadata()
        image.save()
        written.append(image.file)
    return image


def ensure_article(
    section: NewsIndexPage,
    spec: ArticleSpec,
    categories: dict[str, NewsCategory],
    images: dict[str, AbstractImage],
    tally: Tally,
) -> NewsPage:
    """A published news article in ``section``, found by its slug."""
    page = NewsPage.objects.child_of(section).filter(slug=spec.slug).first()
    tally.add("news articles", page is None)
    if page is not None:
        return page
    page = NewsPage(
        title=spec.title,
        slug=spec.slug,
        date=spec.date,
        first_published_at=spec.date,
        lead=spec.lead,
        body=resolve_images(spec.body, images),
        hero_image=images[spec.hero],
        author=spec.author,
        source_name=spec.source_name,
        source_url=spec.source_url,
        original_url=spec.original_url,
    )
    page.categories.set([categories[name] for name in spec.categories])
    page.tags.add(*spec.tags)
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


def resolve_images(value: Any, images: dict[str, AbstractImage]) -> Any:
    """Copy of ``value`` (raw block JSON) with each :class:`ImageRef` replaced by an image id."""
    if isinstance(value, ImageRef):
        return images[value.key].pk
    if isinstance(value, dict):
        return {key: resolve_images(item, images) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve_images(item, images) for item in value]
    return value


def curate_other_news(page: NewsPage, count: int, tally: Tally) -> None:
    """Pick the newest ``count`` articles of ``page``'s section for its "other news" box."""
    if page.related_news.exists():
        tally.add("other-news picks", False, page.related_news.count())
        return
    picks = (
        NewsPage.objects.sibling_of(page, inclusive=False).live().order_by("-date", "-pk")[:count]
    )
    page.related_news = [NewsPageRelatedNews(news=pick) for pick in picks]
    page.save_revision().publish()
    tally.add("other-news picks", True, len(picks))


def ensure_english(
    home: HomePage,
    sections: dict[str, NewsIndexPage],
    categories: dict[str, NewsCategory],
    pages: dict[str, NewsPage],
    now: datetime | None,
    tally: Tally,
) -> dict[str, NewsPage]:
    """English translations of the home page, sections, categories and some articles.

    Returns the English articles by the slug of their Vietnamese original.
    """
    locale = Locale.objects.get(language_code=english.LANGUAGE)
    home_texts = {
        **plain(content.HOME_TITLE, english.HOME_TITLE),
        **plain(content.HOME_SLUG, english.HOME_SLUG),
        **rich(content.HOME_INTRO, english.HOME_INTRO),
    }
    _translate(home, locale, home_texts, "English home page", tally)
    for spec in content.SECTIONS:
        _translate(sections[spec.slug], locale, section_texts(spec), "English sections", tally)
    ensure_tag_names(locale.language_code, tally)
    for name, category in categories.items():
        texts = {
            **plain(name, english.CATEGORIES[name]),
            **plain(category.slug, english.category_slug(name)),
        }
        _translate(category, locale, texts, "English categories", tally)
    return {
        original.slug: _translate(
            pages[original.slug],
            locale,
            article_texts(original, translation) | english.NEWSROOM_TEXTS,
            "English articles",
            tally,
        )
        for original, translation in english.translated_articles(now)
    }


def ensure_tag_names(language_code: str, tally: Tally) -> None:
    """Give the demo's tags their names in ``language_code`` (English)."""
    for tag in NewsTag.objects.filter(name__in=english.TAGS):
        _, created = NewsTagTranslation.objects.get_or_create(
            tag=tag, language_code=language_code, defaults={"name": english.TAGS[tag.name]}
        )
        tally.add("English tag names", created)


def section_texts(spec: SectionSpec) -> Texts:
    """The strings of a Vietnamese section with their English translations."""
    translation = english.SECTIONS[spec.slug]
    return {
        **plain(spec.title, translation.title),
        **plain(spec.slug, translation.slug),
        **rich(spec.intro, translation.intro),
    }


def _translate(instance: Any, locale: Locale, texts: Texts, kind: str, tally: Tally) -> Any:
    """Translate ``instance`` into ``locale`` unless it is already, and count it."""
    translated, created = translate(instance, locale, texts)
    tally.add(kind, created)
    return translated


def ensure_portal_settings(site: Site, tally: Tally, written: list[FieldFile]) -> GovNewsSettings:
    """Set who runs the portal (both languages), its emblem and the demo social accounts."""
    settings = GovNewsSettings.for_site(site)
    for name, value in asdict(content.PORTAL).items():
        setattr(settings, name, value)
    settings.logo = ensure_image(
        content.EMBLEM_TITLE, "demo-emblem.png", render_emblem_png, tally, written
    )
    overrides = {name: value for name, value in asdict(english.PORTAL).items() if value}
    settings.identity_translations = [
        {"type": "language", "value": {"language_code": english.LANGUAGE, **overrides}}
    ]
    wanted = [(a.network, a.name, a.url, a.language) for a in content.SOCIAL_ACCOUNTS]
    current = list(
        settings.social_accounts.order_by("sort_order").values_list(
            "network", "name", "url", "language_code"
        )
    )
    if current != wanted:
        settings.social_accounts = [
            SocialAccount(network=network, name=name, url=url, language_code=language, sort_order=n)
            for n, (network, name, url, language) in enumerate(wanted)
        ]
    tally.add("social accounts", current != wanted, len(wanted))
    settings.save()
    return settings


def ensure_superuser(tally: Tally) -> bool:
    """Create the demo superuser if missing; an existing user's password is never changed."""
    user_model = get_user_model()
    exists = user_model._default_manager.filter(username=content.ADMIN_USERNAME).exists()
    tally.add("admin users", not exists)
    if not exists:
        user_model._default_manager.create_superuser(
            username=content.ADMIN_USERNAME,
            email=content.ADMIN_EMAIL,
            password=content.ADMIN_PASSWORD,
        )
    return not exists
