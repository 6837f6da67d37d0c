"""Nothing an editor or a translator saved is ever lost.

Publishing, saving drafts, reverting (publishing an older revision) and editing in the admin
add revisions and never change or drop an earlier one. Translating with wagtail-localize and
then changing the source keeps every English text of the segments that did not change, and
the English page keeps its own revisions.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale, PageLogEntry, Revision
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from tests.factories import (
    image_block,
    make_category,
    make_image,
    make_news,
    news_form,
    paragraph,
)
from wagtail_govnews.models import NewsPage

pytestmark = pytest.mark.django_db


class RevisionLedger:
    """Every revision of a page as it was when it was made, to compare with the database."""

    def __init__(self, page: NewsPage) -> None:
        self.page = page
        self.seen: dict[int, dict[str, Any]] = {}
        self.record()

    def record(self) -> None:
        """Remember the revisions made since the last call (the earlier ones must not change)."""
        self.assert_kept()
        for revision in Revision.objects.for_instance(self.page):
            self.seen.setdefault(revision.pk, json.loads(json.dumps(revision.content)))

    def assert_kept(self) -> None:
        """Every revision seen so far still exists with the same content."""
        stored = {
            revision.pk: json.loads(json.dumps(revision.content))
            for revision in Revision.objects.for_instance(self.page)
        }
        missing = set(self.seen) - set(stored)
        assert not missing, f"revisions {sorted(missing)} were deleted"
        for pk, content in self.seen.items():
            assert stored[pk] == content, f"revision {pk} was changed"

    def content(self, index: int) -> dict[str, Any]:
        """The content of the ``index``-th revision, in the order they were made."""
        return self.seen[sorted(self.seen)[index]]


def live(page: NewsPage) -> NewsPage:
    return NewsPage.objects.get(pk=page.pk)


def edit(page: NewsPage, **fields: Any) -> NewsPage:
    """The latest revision of ``page`` with ``fields`` changed (not saved)."""
    draft = live(page).get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    return draft


# Revisions: publish, draft, revert.


def test_publishing_drafts_and_reverting_keep_every_revision(news_index):
    page = make_news(news_index, "Bản đầu", lead="Sapo 1", body=[paragraph("<p>Thân 1</p>")])
    ledger = RevisionLedger(page)

    edit(page, lead="Sapo 2").save_revision().publish()
    ledger.record()
    edit(page, title="Bản nháp", lead="Sapo nháp").save_revision()  # a draft, not published
    ledger.record()
    assert live(page).lead == "Sapo 2" and live(page).has_unpublished_changes

    # Revert as the admin does: the first revision's content, saved as a new revision.
    first = page.revisions.order_by("pk").first()
    reverted = first.as_object().save_revision(previous_revision=first, log_action=True)
    reverted.publish()
    ledger.record()

    assert len(ledger.seen) == 4
    current = live(page)
    assert (current.title, current.lead) == ("Bản đầu", "Sapo 1")
    assert str(current.body[0].value) == "<p>Thân 1</p>"
    assert current.live_revision_id == reverted.pk
    assert ledger.content(2)["title"] == "Bản nháp"  # the draft is still there to go back to
    assert ledger.content(3)["lead"] == ledger.content(0)["lead"] == "Sapo 1"
    assert current.get_latest_revision().pk == reverted.pk
    actions = PageLogEntry.objects.filter(page=page).values_list("action", flat=True)
    assert "wagtail.revert" in actions


def test_publishing_an_older_revision_directly_keeps_the_newer_ones(news_index):
    page = make_news(news_index, "Bản 1", lead="Sapo 1")
    edit(page, title="Bản 2").save_revision().publish()
    edit(page, title="Bản 3").save_revision().publish()
    ledger = RevisionLedger(page)

    page.revisions.order_by("pk").first().publish()
    ledger.assert_kept()
    assert live(page).title == "Bản 1"
    assert page.revisions.count() == 3
    assert [content["title"] for content in map(ledger.content, range(3))] == [
        "Bản 1",
        "Bản 2",
        "Bản 3",
    ]


def test_unpublishing_and_republishing_keep_every_revision(news_index):
    page = make_news(news_index, "Tin", lead="Sapo")
    ledger = RevisionLedger(page)
    live(page).unpublish()
    ledger.assert_kept()
    live(page).get_latest_revision().publish()
    ledger.record()
    assert live(page).live and page.revisions.count() == 1  # republishing adds nothing


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def test_admin_edits_keep_every_published_revision(editor, news_index):
    """Publish twice and save a draft in the admin: three revisions, none overwritten."""
    image, category = make_image(), make_category()
    add = reverse("wagtailadmin_pages:add", args=("wagtail_govnews", "newspage", news_index.pk))
    response = editor.post(add, news_form(image, category) | {"action-publish": "publish"})
    assert response.status_code == 302
    page = NewsPage.objects.get()
    ledger = RevisionLedger(page)
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))

    form = news_form(image, category, lead="Sapo sửa lần hai.")
    assert editor.post(edit_url, form | {"action-publish": "publish"}).status_code == 302
    ledger.record()
    assert editor.post(edit_url, news_form(image, category, lead="Sapo nháp.")).status_code == 302
    ledger.record()

    assert [ledger.content(i)["lead"] for i in range(3)] == [
        "Sapo của bài.",
        "Sapo sửa lần hai.",
        "Sapo nháp.",
    ]
    assert live(page).lead == "Sapo sửa lần hai."


def test_admin_cannot_overwrite_a_revision_that_is_not_the_latest(editor, article):
    """Wagtail's autosave overwrites only the editor's own latest draft, never older ones."""
    ledger = RevisionLedger(article)
    first = article.revisions.get()
    edit(article, lead="Bản nháp").save_revision(user=None)
    ledger.record()
    form = news_form(make_image(), make_category(), title=article.title, slug=article.slug)
    form["overwrite_revision_id"] = str(first.pk)
    editor.post(reverse("wagtailadmin_pages:edit", args=(article.pk,)), form)
    ledger.assert_kept()
    assert live(article).lead == "Tóm tắt tin."


# Translations: re-syncing after the source changes.

VIETNAMESE_TO_ENGLISH = {
    "Hội nghị tổng kết": "Review conference",
    "hoi-nghi-tong-ket": "review-conference",
    "Sapo tiếng Việt.": "English lead.",
    "Đoạn thứ nhất.": "First paragraph.",
    "Đoạn thứ hai.": "Second paragraph.",
    "Quang cảnh hội nghị.": "The conference hall.",
    "Hội trường đông người.": "A crowded hall.",
    "Minh Khang": "Minh Khang",
}


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def source(news_index) -> NewsPage:
    return make_news(
        news_index,
        "Hội nghị tổng kết",
        lead="Sapo tiếng Việt.",
        author="Minh Khang",
        body=[
            paragraph("<p>Đoạn thứ nhất.</p>"),
            image_block(make_image(), "Quang cảnh hội nghị.", "Hội trường đông người."),
            paragraph("<p>Đoạn thứ hai.</p>"),
        ],
    )


def sync(page: NewsPage, locale: Locale, texts: dict[str, str], capture) -> NewsPage:
    """Translate (or re-sync) ``page`` into ``locale`` with wagtail-localize, as the admin does.

    Only the strings in ``texts`` get a (new) translation; every other segment keeps what
    translators saved before, or falls back to the source text.
    """
    source, created = TranslationSource.get_or_create_from_instance(live(page))
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        if segment.string.data in texts:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": texts[segment.string.data], "translation_type": "manual"},
            )
    with capture(execute=True):
        translation.save_target(publish=True)
    return live(page).get_translation(locale)


def english_texts(page: NewsPage) -> dict[str, Any]:
    page = live(page)
    image = page.body[1].value
    return {
        "title": page.title,
        "lead": page.lead,
        "paragraphs": [str(block.value) for block in page.body if block.block_type == "paragraph"],
        "caption": image["caption"],
        "alt_text": image["alt_text"],
    }


TRANSLATED = {
    "title": "Review conference",
    "lead": "English lead.",
    "paragraphs": ["<p>First paragraph.</p>", "<p>Second paragraph.</p>"],
    "caption": "The conference hall.",
    "alt_text": "A crowded hall.",
}


def stored_translations(locale: Locale) -> dict[str, str]:
    return dict(
        StringTranslation.objects.filter(locale=locale).values_list("translation_of__data", "data")
    )


def test_changing_the_source_keeps_the_english_of_unchanged_segments(
    source, english, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    translated = sync(source, english, VIETNAMESE_TO_ENGLISH, capture)
    assert english_texts(translated) == TRANSLATED
    english_ledger = RevisionLedger(translated)
    made = len(english_ledger.seen)
    saved = stored_translations(english)

    # The editor rewrites the lead and the second paragraph, and re-syncs without translating.
    body = list(live(source).body.raw_data)
    body[2]["value"] = "<p>Đoạn thứ hai, đã sửa.</p>"
    edit(source, lead="Sapo mới.", body=body).save_revision().publish()
    resynced = sync(source, english, {}, capture)

    assert resynced.pk == translated.pk
    assert english_texts(resynced) == TRANSLATED | {
        "lead": "Sapo mới.",  # not translated yet: the source text, until a translator does
        "paragraphs": ["<p>First paragraph.</p>", "<p>Đoạn thứ hai, đã sửa.</p>"],
    }
    assert stored_translations(english) == saved  # no translator's work was dropped
    english_ledger.record()
    assert len(english_ledger.seen) == made + 1  # the sync added one, the earlier ones are kept

    # A translator translates the new strings: only those change.
    resynced = sync(
        source,
        english,
        {"Sapo mới.": "New lead.", "Đoạn thứ hai, đã sửa.": "Second paragraph, edited."},
        capture,
    )
    assert english_texts(resynced) == TRANSLATED | {
        "lead": "New lead.",
        "paragraphs": ["<p>First paragraph.</p>", "<p>Second paragraph, edited.</p>"],
    }
    english_ledger.record()
    assert len(english_ledger.seen) == made + 2


def test_reverting_the_source_brings_back_its_earlier_english(
    source, english, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    translated = sync(source, english, VIETNAMESE_TO_ENGLISH, capture)
    first = live(source).live_revision

    edit(source, lead="Sapo khác.").save_revision().publish()
    sync(source, english, {"Sapo khác.": "Another lead."}, capture)
    assert live(translated).lead == "Another lead."

    first.as_object().save_revision(previous_revision=first).publish()
    reverted = sync(source, english, {}, capture)
    assert english_texts(reverted) == TRANSLATED  # every earlier English text is back
    assert live(translated).get_translation(source.locale).lead == "Sapo tiếng Việt."
    ledger = RevisionLedger(translated)
    assert [content["lead"] for content in map(ledger.content, range(-3, 0))] == [
        "English lead.",
        "Another lead.",
        "English lead.",
    ]
    assert live(source).revisions.count() == 3


def test_english_edits_outside_the_sync_keep_their_revisions(
    source, english, django_capture_on_commit_callbacks
):
    """A revision saved on the English page (e.g. a scheduled go-live) survives a re-sync."""
    capture = django_capture_on_commit_callbacks
    translated = sync(source, english, VIETNAMESE_TO_ENGLISH, capture)
    edit(translated, search_description="English search description.").save_revision().publish()
    ledger = RevisionLedger(translated)
    made = len(ledger.seen)

    edit(source, author="Lan Anh").save_revision().publish()
    resynced = sync(source, english, {"Lan Anh": "Lan Anh"}, capture)
    ledger.record()
    assert len(ledger.seen) == made + 1
    assert resynced.author == "Lan Anh"
    assert english_texts(resynced) == TRANSLATED
    assert ledger.content(-2)["search_description"] == "English search description."
