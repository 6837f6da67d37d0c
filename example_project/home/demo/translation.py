"""Translate demo objects with wagtail-localize's own machinery, from ready-made texts.

This is what an editor does in the admin ("Translate", type each string, "Publish"), done in
code: a :class:`TranslationSource` of the original, a :class:`Translation` into the target
locale, one :class:`StringTranslation` per string segment, then ``save_target``. Images,
dates, links and categories are not strings: wagtail-localize copies them from the original.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import Model
from wagtail.blocks import StreamValue
from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue, extract_strings

from .images import PICTURES_BY_KEY
from .specs import ArticleSpec, ImageRef

#: Keys of block values that are settings, not text (copied by wagtail-localize).
NOT_TEXT = frozenset({"type", "id", "level", "layout", "alignment", "image"})

Texts = dict[str, str]
"""Translations by source text, both as wagtail-localize stores strings (escaped HTML)."""


def translate(instance: Model, locale: Locale, texts: Mapping[str, str]) -> tuple[Model, bool]:
    """Translate ``instance`` into ``locale`` unless it already is; return it and if created.

    ``texts`` maps each source string to its translation (see :func:`plain` and
    :func:`rich`). A string without one (an original edited in the admin since it was
    loaded) keeps its original text, as in a translation still in progress. A page that
    exists only as an alias in ``locale`` (a parent wagtail-localize copied untranslated)
    is translated in place.
    """
    existing = instance.get_translation_or_none(locale)
    if existing is not None and not getattr(existing, "alias_of_id", None):
        return existing, False
    # From the database: the caller's object may predate later edits (an archived flag set
    # by the newsroom examples), and the translation must copy what is published.
    instance = give_list_items_ids(type(instance)._default_manager.get(pk=instance.pk))
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()  # an older source is not refreshed by get_or_create
    translation, _ = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    _store_strings(source, locale, texts)
    if isinstance(instance, DraftStateMixin):
        # save_target(publish=True) publishes on commit; publish now so the pages are live
        # inside the loader's transaction too (and in tests).
        translation.save_target(publish=False)
        target = source.get_translated_instance(locale)
        target.get_latest_revision().publish()
    else:
        translation.save_target(publish=True)
        target = source.get_translated_instance(locale)
    return target, True


def give_list_items_ids(instance: Model, field_name: str = "body") -> Model:
    """Store the lists of a StreamField the way the admin does, if older code did not.

    wagtail-localize only offers the strings of list items (gallery photos) stored with a
    type and an id; demo pages loaded before the demo stored them so had bare values.
    Returns the instance as it is in the database.
    """
    stream = getattr(instance, field_name, None)
    if not isinstance(stream, StreamValue) or not _has_bare_items(list(stream.raw_data)):
        return instance
    list(stream)  # convert every block: lists are then saved as items with ids
    type(instance).objects.filter(pk=instance.pk).update(**{field_name: stream})
    return type(instance).objects.get(pk=instance.pk)


def _has_bare_items(value: Any) -> bool:
    """Whether raw block data holds a list of dicts without ids (a list stored bare)."""
    if isinstance(value, dict):
        return any(_has_bare_items(item) for item in value.values())
    if isinstance(value, list):
        bare = any(isinstance(item, dict) and "id" not in item for item in value)
        return bare or any(_has_bare_items(item) for item in value)
    return False


def _store_strings(source: TranslationSource, locale: Locale, texts: Mapping[str, str]) -> None:
    """A StringTranslation for each string segment of ``source`` found in ``texts``.

    Translations already in wagtail-localize's memory (typed by an editor) are kept.
    """
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        if segment.string.data not in texts:
            continue
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": texts[segment.string.data],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": "govnews demo",
            },
        )


def plain(source: str, translation: str) -> Texts:
    """The string of a plain-text field or block (title, caption, alt text)."""
    if not source:
        return {}
    return {StringValue.from_plaintext(source).data: StringValue.from_plaintext(translation).data}


def rich(source_html: str, translation_html: str) -> Texts:
    """The strings of rich text: one per paragraph, in order."""
    _, sources = extract_strings(source_html)
    _, translations = extract_strings(translation_html)
    if len(sources) != len(translations):
        raise ValueError(
            f"{translation_html!r} does not match {source_html!r} paragraph by paragraph"
        )
    return {
        source.data: translation.data
        for (source, _), (translation, _) in zip(sources, translations, strict=True)
    }


def article_texts(source: ArticleSpec, translation: ArticleSpec) -> Texts:
    """Every string of an article, from the same article written in two languages.

    The two specs must have the same body structure (blocks, photos, in the same order).
    """
    texts = {
        **plain(source.title, translation.title),
        **plain(source.slug, translation.slug),
        **plain(source.lead, translation.lead),
        **plain(source.author, translation.author),
        **plain(source.source_name, translation.source_name),
    }
    for original, translated in _pairs(source.body, translation.body, "body"):
        if original.startswith("<"):
            texts.update(rich(original, translated))
        else:
            texts.update(plain(original, translated))
    return texts


def _pairs(source: Any, translation: Any, path: str) -> Iterator[tuple[str, str]]:
    """The texts found at the same places in two block structures."""
    if isinstance(source, dict) and isinstance(translation, dict):
        if source.keys() != translation.keys() or source.get("type") != translation.get("type"):
            raise ValueError(f"Different blocks at {path}")
        for key in source.keys() - NOT_TEXT:
            yield from _pairs(source[key], translation[key], f"{path}.{key}")
    elif isinstance(source, list) and isinstance(translation, list):
        if len(source) != len(translation):
            raise ValueError(f"Different numbers of blocks at {path}")
        for n, (original, translated) in enumerate(zip(source, translation, strict=True)):
            yield from _pairs(original, translated, f"{path}.{n}")
    elif type(source) is not type(translation):
        raise ValueError(f"Cannot pair {source!r} with {translation!r} at {path}")
    elif isinstance(source, str):
        yield source, translation


def with_alt_texts(body: list[Any], alt_texts: Mapping[str, str]) -> list[Any]:
    """Copy of ``body`` whose photos use ``alt_texts`` (by picture key) for their alt text."""

    def convert(value: Any) -> Any:
        if isinstance(value, dict):
            converted = {key: convert(item) for key, item in value.items()}
            image = value.get("image")
            if isinstance(image, ImageRef) and "alt_text" in value:
                converted["alt_text"] = alt_texts[image.key]
            return converted
        if isinstance(value, list):
            return [convert(item) for item in value]
        return value

    missing = set(PICTURES_BY_KEY) - set(alt_texts)
    if missing:
        raise ValueError(f"No alt text for the pictures {sorted(missing)}")
    return convert(body)
