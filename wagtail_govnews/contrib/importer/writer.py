"""Writing one imported article: created or updated as a whole, or not at all.

Each article is one transaction: its images, the page, its revision (published with its
original dates, or left a draft), its categories and tags, the import record and the redirect
from its old address. An article whose content has not changed since the last run is left
alone (no new revision).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.text import Truncator
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from wagtail_govnews.models import NewsIndexPage, NewsPage
from wagtail_govnews.slugs import ascii_slug

from .article import Article, Photo
from .images import content_hash, image_for
from .mapping import Mapping
from .models import ImportedArticle, url_key
from .redirects import keep_old_address


@dataclass
class Options:
    """How articles are written."""

    section: NewsIndexPage
    source: str
    mapping: Mapping = field(default_factory=Mapping)
    draft: bool = False
    dry_run: bool = False
    overwrite: bool = False


@dataclass
class Outcome:
    """What happened to one article: created, updated, unchanged or kept (edited since)."""

    action: str
    page: NewsPage | None = None
    notes: list[str] = field(default_factory=list)
    title: str = ""


def save_article(
    article: Article, images: dict[str, bytes], options: Options, validators: dict[str, str]
) -> Outcome:
    """Create or update the page of ``article`` (``images``: downloaded bytes by address)."""
    hashes = {url: content_hash(data) for url, data in images.items()}
    digest = article.digest(hashes)
    record = (
        ImportedArticle.objects.select_related("page").filter(url_hash=url_key(article.url)).first()
    )
    if record and record.content_hash == digest:
        if not options.dry_run and validators and _validators_changed(record, validators):
            ImportedArticle.objects.filter(pk=record.pk).update(**validators)
        return Outcome("unchanged", record.page)
    action = "updated" if record else "created"
    if record and not options.overwrite and record.page.latest_revision_id != record.revision_id:
        return Outcome("kept", record.page, ["edited in Wagtail since the last import"])
    if options.dry_run:
        return Outcome(action, record.page if record else None, title=article.title)
    with transaction.atomic():
        notes: list[str] = []
        language = options.section.locale.language_code
        if article.language and article.language != language:
            notes.append(f"the page is in {article.language!r}, the section in {language!r}")
        image_ids = _store_photos(article, images, notes)
        # One reference-index update for the page, at its end, rather than one per save.
        with disable_reference_index_auto_update():
            page = record.page if record else NewsPage(live=False)
            revision = _write_page(page, article, image_ids, options, notes)
            record = record or ImportedArticle(original_url=article.url, page=page)
            record.source, record.content_hash = options.source, digest
            record.revision_id = revision.pk
            for key, value in validators.items():
                setattr(record, key, value)
            record.save()
            if note := keep_old_address(article.url, page):
                notes.append(note)
        if ReferenceIndex.is_indexed(NewsPage):
            ReferenceIndex.create_or_update_for_object(page)
    page.refresh_from_db()
    return Outcome(action, page, notes)


def _write_page(
    page: NewsPage,
    article: Article,
    image_ids: dict[str, int | None],
    options: Options,
    notes: list[str],
) -> Revision:
    """Fill ``page`` (new or not) from ``article``, save a revision, publish it unless drafts
    are asked for, with the original dates; the revision."""
    _fill(page, article, image_ids)
    categories, unknown = options.mapping.category_objects(
        article.categories, options.section.locale
    )
    notes += [f"unknown category {name!r}" for name in unknown]
    page.categories.set(categories)
    page.tags.set(options.mapping.tag_names(article.tags))
    if page.pk is None:
        page.slug = _free_slug(options.section, _old_slug(article) or ascii_slug(page.title))
        options.section.add_child(instance=page)
    revision = page.save_revision()
    if not options.draft:
        revision.publish()
        if article.date:
            NewsPage.objects.filter(pk=page.pk).update(
                first_published_at=article.date, last_published_at=article.date
            )
    return revision


def _validators_changed(record: ImportedArticle, validators: dict[str, str]) -> bool:
    return any(getattr(record, key) != value for key, value in validators.items())


def _store_photos(
    article: Article, images: dict[str, bytes], notes: list[str]
) -> dict[str, int | None]:
    """The image library's id of each photo of the article (``None``: not downloaded)."""
    ids: dict[str, int | None] = {}
    for photo in article.photos():
        if photo.url in ids:
            continue
        data = images.get(photo.url)
        ids[photo.url] = image_for(data, photo, article.title[:255]).pk if data else None
        if data is None:
            notes.append(f"photo left out: {photo.url}")
    return ids


def _fill(page: NewsPage, article: Article, image_ids: dict[str, int | None]) -> None:
    """Copy the article's fields onto ``page``, its photos as the library's images."""
    page.title = Truncator(article.title).chars(255)
    page.date = article.date
    page.lead = article.lead
    page.author = article.author[:255]
    page.source_name = article.source_name[:255]
    page.source_url = article.source_url[:500]
    page.original_url = article.original_url[:500]

    def image_id(photo: Photo) -> int | None:
        return image_ids.get(photo.url)

    page.hero_image_id = image_id(article.hero) if article.hero else None
    page.body = [block for block in (_block(b, image_id) for b in article.body) if block]


def _photo_value(photo: Photo, image_id: Any) -> dict[str, Any] | None:
    pk = image_id(photo)
    if pk is None:
        return None
    return {"image": pk, "caption": photo.caption, "alt_text": photo.alt, "credit": photo.credit}


def _block(block: dict[str, Any], image_id: Any) -> dict[str, Any] | None:
    """A block with its photos as image ids (a photo that could not be stored is left out)."""
    kind, value = block["type"], block["value"]
    if kind == "image":
        photo = _photo_value(value["photo"], image_id)
        return {"type": kind, "value": photo | {"alignment": value["alignment"]}} if photo else None
    if kind == "gallery":
        photos = [p for p in (_photo_value(photo, image_id) for photo in value["images"]) if p]
        return {"type": kind, "value": value | {"images": photos}} if photos else None
    return block


def _old_slug(article: Article) -> str:
    """The last part of the old address, when it is a slug already ("…/le-hoi/" → "le-hoi")."""
    parts = [part for part in urlsplit(article.url).path.split("/") if part]
    last = parts[-1] if parts else ""
    last = last.rsplit(".", 1)[0] if last.endswith((".html", ".htm", ".aspx")) else last
    return last if last and last == ascii_slug(last) else ""


def _free_slug(section: Page, slug: str) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… when a page of the section has it."""
    slug = (slug or "bai-viet")[:240]
    siblings = section.get_children().filter(slug__startswith=slug)
    taken = set(siblings.values_list("slug", flat=True))  # an index look-up, not the section
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate
