"""The static export: incremental runs, removal on unpublish, refusal, interruption, storages."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from wagtail.images.views.serve import generate_image_url
from wagtail.models import Locale, PageViewRestriction

from tests.factories import image_block, make_image, make_index, make_news, paragraph, translate
from wagtail_govnews.contrib.export import ExportError, ExportRefused, export_site
from wagtail_govnews.contrib.export import render as export_render
from wagtail_govnews.contrib.export.paths import NAMESPACE

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(db):
    """Two sections: three articles (with photos) in one, one article in the other."""
    news, culture = make_index(), make_index("Văn hóa", "van-hoa")
    image = make_image()
    articles = [
        make_news(news, f"Tin số {n}", lead=f"Tóm tắt {n}", body=[image_block(image, "Chú thích")])
        for n in range(1, 4)
    ]
    other = make_news(culture, "Lễ hội mùa thu", body=[paragraph("<p>Nội dung</p>")])
    return articles, other


def storage(folder: Path) -> FileSystemStorage:
    return FileSystemStorage(location=str(folder), base_url="/")


def snapshot(folder: Path) -> dict[str, bytes]:
    """The exported files (the export's own folder, with its lock, aside)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).parts[0] != NAMESPACE
    }


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def files_of(folder: Path, page_id: int) -> set[str]:
    return {
        path for path, entry in manifest(folder)["files"].items() if entry.get("page") == page_id
    }


def test_full_export_lists_every_file_with_hash_and_type(portal, tmp_path):
    articles, _other = portal
    result = export_site(storage(tmp_path))
    files = manifest(tmp_path)["files"]
    assert set(result.written) == set(files) == set(snapshot(tmp_path)) - {"manifest.json"}
    page = articles[0]
    expected = {
        f"vi/tin-tuc/{page.slug}/index.html",
        f"vi/tin-tuc/{page.slug}/print/index.html",
        f"api/govnews/news/{page.pk}/index.json",
        f"api/govnews/news/{page.pk}/qr.svg",
        f"api/govnews/news/{page.pk}/qr.png",
        f"govnews/news/{page.pk}/qr.svg",
        f"govnews/news/{page.pk}/qr.png",
    }
    assert files_of(tmp_path, page.pk) == expected
    entry = files[f"api/govnews/news/{page.pk}/qr.png"]
    assert entry["content_type"] == "image/png" and len(entry["sha256"]) == 64
    assert entry["size"] == (tmp_path / f"api/govnews/news/{page.pk}/qr.png").stat().st_size
    renditions = [path for path in files if path.startswith("media/images/")]
    assert renditions and all(files[path].get("asset") for path in renditions)
    assert "govnews/feeds/vi/rss.xml" in files and "api/govnews/news/index.json" in files


@pytest.mark.slow  # seconds: exports the site, changes it, exports again
def test_qr_files_made_without_a_request_are_the_bytes_the_site_answers(portal, tmp_path, client):
    articles, other = portal
    other.title = 'Lễ hội "mùa thu" & <đêm> hội'
    other.save_revision().publish()
    english = translate(other, Locale.objects.get_or_create(language_code="en")[0])
    export_site(storage(tmp_path))
    qr_files = [path for path in manifest(tmp_path)["files"] if "/qr" in path]
    assert len(qr_files) == 4 * (len(articles) + 2)
    assert any(f"/{english.pk}/" in path for path in qr_files)
    for path in qr_files:
        live = client.get("/" + path, headers={"host": "localhost"})
        assert live.status_code == 200
        assert (tmp_path / path).read_bytes() == live.content, path


def test_rerun_writes_nothing_and_an_edit_rewrites_only_what_shows_it(portal, tmp_path):
    articles, other = portal
    export_site(storage(tmp_path))
    before = snapshot(tmp_path)

    assert export_site(storage(tmp_path)).written == []
    assert snapshot(tmp_path) == before

    edited = articles[0]
    edited.title = "Tin số 1 đã sửa"
    edited.save_revision().publish()
    result = export_site(storage(tmp_path))
    own = files_of(tmp_path, edited.pk)
    png = {path for path in own if path.endswith(".png")}
    assert own - png <= set(result.written)  # its HTML, print view, JSON, titled SVG QR
    assert not png & set(result.written)  # same URL, same PNG: not written again
    assert not files_of(tmp_path, other.pk) & set(result.written)  # another section
    after = snapshot(tmp_path)
    for path in files_of(tmp_path, other.pk):
        assert after[path] == before[path]
    assert json.loads(after[f"api/govnews/news/{edited.pk}/index.json"])["title"] == edited.title
    assert result.removed == []
    other_json = f"api/govnews/news/{other.pk}/index.json"
    assert (
        manifest(tmp_path)["files"][other_json]
        == json.loads(before["manifest.json"])["files"][other_json]
    )  # same hash, same last-modified


@pytest.mark.slow  # seconds: exports the site, changes it, exports again
def test_changed_mode_renders_only_articles_changed_since_the_export(portal, tmp_path):
    articles, other = portal
    export_site(storage(tmp_path))
    assert export_site(storage(tmp_path), changed_only=True).unchanged < len(
        manifest(tmp_path)["files"]
    )  # nothing changed: only the shared lists and feeds were rendered
    edited = articles[1]
    edited.lead = "Tóm tắt mới"
    edited.save_revision().publish()
    result = export_site(storage(tmp_path), changed_only=True)
    assert f"api/govnews/news/{edited.pk}/index.json" in result.written
    assert files_of(tmp_path, other.pk)  # untouched articles stay in the export
    gone = articles[2]
    gone_files = files_of(tmp_path, gone.pk)
    gone.unpublish()
    result = export_site(storage(tmp_path), changed_only=True)
    assert gone_files and set(result.removed) == gone_files
    full = export_site(storage(tmp_path))
    assert full.written == full.removed == []  # the changed-only runs missed nothing


@pytest.mark.slow  # seconds: exports the site, changes it, exports again
def test_an_article_showing_a_change_is_removed_if_no_longer_published(portal, tmp_path):
    articles, other = portal
    export_site(storage(tmp_path))
    assert files_of(tmp_path, articles[0].pk)
    articles[0].unpublish()
    result = export_site(storage(tmp_path), showing_ids=[articles[0].pk, articles[1].pk])
    assert files_of(tmp_path, articles[0].pk) == set()
    assert len(files_of(tmp_path, articles[1].pk)) == 7 and len(files_of(tmp_path, other.pk)) == 7
    assert len(result.removed) == 7


def test_changed_mode_removes_an_article_that_became_private(portal, tmp_path):
    """A view restriction leaves no audit-log entry when a script adds it: still noticed."""
    articles, _other = portal
    export_site(storage(tmp_path))
    private = articles[0]
    private_files = files_of(tmp_path, private.pk)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    result = export_site(storage(tmp_path), changed_only=True)
    assert private_files and private_files <= set(result.removed)


@pytest.mark.slow  # seconds: exports the site, changes it, exports again
def test_publishing_and_unpublishing_update_the_export_in_a_task(
    portal, tmp_path, settings, django_capture_on_commit_callbacks
):
    articles, other = portal
    settings.WAGTAIL_GOVNEWS = {"EXPORT_ON_PUBLISH": True, "EXPORT_DIR": str(tmp_path)}
    export_site(storage(tmp_path))
    gone = articles[2]
    paths = files_of(tmp_path, gone.pk)
    assert paths

    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    assert not files_of(tmp_path, gone.pk)
    assert not any((tmp_path / path).exists() for path in paths)
    assert not (tmp_path / f"vi/tin-tuc/{gone.slug}").exists()  # no empty folder left behind
    listed = json.loads((tmp_path / "api/govnews/news/index.json").read_text())
    assert gone.pk not in [item["id"] for item in listed["items"]]

    with django_capture_on_commit_callbacks(execute=True):
        fresh = make_news(articles[0].get_parent().specific, "Tin mới đăng")
    assert (tmp_path / f"api/govnews/news/{fresh.pk}/index.json").exists()
    assert files_of(tmp_path, other.pk)  # the task leaves the other articles alone
    assert export_site(storage(tmp_path)).written == []  # a full run finds nothing stale


def test_publishing_does_not_export_when_the_setting_is_off(portal, tmp_path, settings):
    settings.WAGTAIL_GOVNEWS = {"EXPORT_DIR": str(tmp_path)}
    articles, _other = portal
    articles[0].save_revision().publish()
    assert not (tmp_path / "manifest.json").exists()


def test_a_folder_that_is_not_an_export_is_refused(portal, tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(CommandError, match="not empty and holds no previous export"):
        call_command("govnews_export", str(tmp_path), stdout=StringIO())
    assert snapshot(tmp_path) == {"notes.txt": b"keep me"}
    (tmp_path / "manifest.json").write_text("{}")
    with pytest.raises(ExportRefused, match="not an export manifest"):
        export_site(storage(tmp_path))


def test_command_reports_counts(portal, tmp_path):
    out = StringIO()
    call_command("govnews_export", str(tmp_path / "site"), stdout=out)
    assert "written, 0 unchanged, 0 removed" in out.getvalue()
    with pytest.raises(CommandError, match="either a target folder or --storage"):
        call_command("govnews_export", stdout=StringIO())
    with pytest.raises(CommandError, match="No storage 'nope'"):
        call_command("govnews_export", storage="nope", stdout=StringIO())


@pytest.mark.slow  # seconds: exports the site, changes it, exports again
def test_an_interrupted_export_leaves_the_previous_one_intact(portal, tmp_path, monkeypatch):
    articles, other = portal
    export_site(storage(tmp_path))
    before = snapshot(tmp_path)
    for page in (*articles, other):
        page.title += " (cập nhật)"
        page.save_revision().publish()

    render = export_render.Renderer.render
    calls = []

    def crash_midway(self, url):
        calls.append(url)
        if len(calls) == 10:
            raise KeyboardInterrupt  # the process is stopped while rendering
        return render(self, url)

    monkeypatch.setattr(export_render.Renderer, "render", crash_midway)
    with pytest.raises(KeyboardInterrupt):
        export_site(storage(tmp_path))
    assert snapshot(tmp_path) == before
    assert [path.name for path in (tmp_path / NAMESPACE).iterdir()] == ["lock"]  # no staging

    monkeypatch.undo()
    result = export_site(storage(tmp_path))
    assert len(result.written) > len(articles) * 7


@pytest.mark.slow  # seconds: exports the site, changes it, exports again
def test_export_to_a_storage_other_than_the_local_disk(portal):
    articles, _other = portal
    memory = InMemoryStorage()
    export_site(memory)
    path = f"api/govnews/news/{articles[0].pk}/index.json"
    with memory.open(path) as file:
        assert json.loads(file.read())["id"] == articles[0].pk
    assert export_site(memory).written == []
    articles[0].unpublish()
    result = export_site(memory)
    assert path in result.removed and not memory.exists(path)


@pytest.mark.slow  # seconds: exports the site, changes it, exports again
def test_deleting_an_article_removes_its_files(
    portal, tmp_path, settings, django_capture_on_commit_callbacks
):
    articles, _other = portal
    settings.WAGTAIL_GOVNEWS = {"EXPORT_ON_PUBLISH": True, "EXPORT_DIR": str(tmp_path)}
    export_site(storage(tmp_path))
    doomed = articles[1]
    paths, pk = files_of(tmp_path, doomed.pk), doomed.pk
    with django_capture_on_commit_callbacks(execute=True):
        doomed.delete()
    assert paths and not files_of(tmp_path, pk)
    assert not any((tmp_path / path).exists() for path in paths)


def test_an_export_leaves_the_active_language_alone(portal, tmp_path):
    with translation.override("en"):
        export_site(storage(tmp_path))
        assert translation.get_language() == "en"


def test_a_site_hostname_outside_allowed_hosts_is_a_clear_error(portal, tmp_path, settings):
    settings.ALLOWED_HOSTS = ["www.example.gov.vn"]
    with pytest.raises(CommandError, match="'localhost' is not in ALLOWED_HOSTS"):
        call_command("govnews_export", str(tmp_path), stdout=StringIO())
    assert not (tmp_path / "manifest.json").exists()


def test_a_target_that_is_a_file_is_a_clear_error(portal, tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(CommandError):
        call_command("govnews_export", str(tmp_path / "file"), stdout=StringIO())


@pytest.mark.slow  # seconds: exports the site, changes it, exports again
def test_links_to_the_dynamic_image_serve_view_stop_the_export(portal, tmp_path, settings):
    articles, _other = portal
    settings.ROOT_URLCONF = "tests.urls_image_serve"
    export_site(storage(tmp_path))  # renditions come from the media storage: fine
    before = snapshot(tmp_path)
    image = make_image()
    url = generate_image_url(image, "width-400")
    assert url.startswith("/images/")
    page = articles[0]
    page.body = [paragraph(f'<p><a href="{url}">Ảnh gốc</a></p>')]
    page.save_revision().publish()
    with pytest.raises(ExportError, match="dynamic image-serve view"):
        export_site(storage(tmp_path))
    assert snapshot(tmp_path) == before


def test_command_exports_to_a_storages_alias(portal, settings):
    articles, _other = portal
    memory = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    settings.STORAGES = {**settings.STORAGES, "govnews_export": memory}
    out = StringIO()
    call_command("govnews_export", storage="govnews_export", stdout=out)
    exported = storages["govnews_export"]
    assert exported.exists("manifest.json")
    assert exported.exists(f"api/govnews/news/{articles[0].pk}/index.json")
    with pytest.raises(CommandError, match="No Wagtail site with the hostname 'nope'"):
        call_command("govnews_export", storage="govnews_export", site="nope", stdout=out)


@pytest.mark.slow  # seconds: exports the site, changes it, exports again
@pytest.mark.clock
def test_an_edit_of_the_newest_article_reaches_every_other_news_box(
    db, tmp_path, settings, monkeypatch
):
    settings.WAGTAIL_GOVNEWS = {"OTHER_NEWS_COUNT": 1}
    section = make_index()
    start = timezone.now() - timedelta(days=10)
    articles = [
        make_news(section, f"Tin ngày {day}", date=start + timedelta(days=day)) for day in range(5)
    ]
    export_site(storage(tmp_path))
    newest, oldest = articles[-1], articles[0]
    newest.title = "Tin mới nhất, đã sửa"
    newest.save_revision().publish()
    before = manifest(tmp_path)["files"]
    rendered = []
    render_target = export_render.Renderer.render_target

    def recording(renderer, target):
        rendered.append(target.path)
        return render_target(renderer, target)

    monkeypatch.setattr(export_render.Renderer, "render_target", recording)
    result = export_site(storage(tmp_path), changed_only=True)
    assert f"vi/tin-tuc/{oldest.slug}/index.html" in result.written  # its "other news" box
    # The articles showing it: their page and API detail only; their other files are kept.
    assert files_of(tmp_path, oldest.pk) == {
        path for path, entry in before.items() if entry.get("page") == oldest.pk
    }
    assert files_of(tmp_path, oldest.pk) & set(rendered) == {
        f"vi/tin-tuc/{oldest.slug}/index.html",
        f"api/govnews/news/{oldest.pk}/index.json",
    }
    assert len(files_of(tmp_path, oldest.pk)) == len(files_of(tmp_path, newest.pk)) == 7
    assert files_of(tmp_path, newest.pk) <= set(rendered)
    assert export_site(storage(tmp_path)).written == []


@pytest.mark.parametrize(("attempt", "retried"), [(1, True), (4, True), (5, False)])
def test_a_failed_publish_update_is_tried_again_later(portal, tmp_path, settings, attempt, retried):
    """The export refuses a folder it did not write: the task fails, is logged and retried."""
    from django_tasks import default_task_backend

    from wagtail_govnews.contrib.export.tasks import retry_delay, update_export

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.WAGTAIL_GOVNEWS = {"EXPORT_ON_PUBLISH": True, "EXPORT_DIR": str(tmp_path)}
    (tmp_path / "notes.txt").write_text("not an export")
    articles, _other = portal
    default_task_backend.clear()
    before = timezone.now()
    with pytest.raises(ExportRefused, match="holds no previous export"):
        update_export.call([articles[0].pk], attempt)
    queued = default_task_backend.results
    if not retried:
        assert queued == []
        return
    [retry] = queued
    assert (retry.args, retry.task.func) == (
        [[articles[0].pk], attempt + 1, None, None, False],
        update_export.func,
    )
    assert (
        before + retry_delay(attempt)
        <= retry.task.run_after
        <= timezone.now() + retry_delay(attempt)
    )
    assert retry_delay(1).total_seconds() == 30 and retry_delay(4).total_seconds() == 240


def test_a_publish_queues_a_quick_update_then_a_full_one(
    portal, tmp_path, settings, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    from wagtail_govnews.contrib.export.tasks import update_export

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.WAGTAIL_GOVNEWS = {"EXPORT_ON_PUBLISH": True, "EXPORT_DIR": str(tmp_path)}
    articles, other = portal
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        fresh = make_news(articles[0].get_parent().specific, "Tin mới nhất")
    quick, full = [r for r in default_task_backend.results if r.task.func is update_export.func]
    assert (quick.args, quick.kwargs) == ([[fresh.pk]], {"list_pages": 1})
    # Then the section's other articles (their "other news" box lists the newest), with
    # every list page, after the quick runs of later publishes.
    assert full.args == [sorted(article.pk for article in articles)]
    assert full.kwargs == {"generation": full.kwargs["generation"], "showing_only": True}
    assert other.pk not in full.args[0]
    assert full.task.priority < quick.task.priority


def test_the_follow_up_comes_in_runs_of_a_few_articles(
    portal, tmp_path, settings, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    from wagtail_govnews.contrib.export.tasks import FOLLOW_UP_CHUNK, update_export

    section = portal[0][0].get_parent().specific
    siblings = [make_news(section, f"Tin cũ {n}") for n in range(2 * FOLLOW_UP_CHUNK + 5)]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.WAGTAIL_GOVNEWS = {"EXPORT_ON_PUBLISH": True, "EXPORT_DIR": str(tmp_path)}
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_news(section, "Tin mới nhất")
    runs = [r for r in default_task_backend.results if r.task.func is update_export.func][1:]
    assert [len(run.args[0]) for run in runs] == [FOLLOW_UP_CHUNK, FOLLOW_UP_CHUNK, 3 + 5]
    assert [run.kwargs.get("list_pages") for run in runs] == [0, 0, None]  # lists at the end
    assert len({run.kwargs["generation"] for run in runs}) == 1  # one publish's runs
    assert {pk for run in runs for pk in run.args[0]} >= {page.pk for page in siblings}


def test_follow_ups_of_successive_publishes_render_each_article_once(
    portal, tmp_path, settings, django_capture_on_commit_callbacks
):
    """Two publishes in one section before the worker gets to their follow-ups: the first
    publish's runs leave the section's articles and the list pages to the second's."""
    from django_tasks import default_task_backend

    from wagtail_govnews.contrib.export.tasks import update_export

    section = portal[0][0].get_parent().specific
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.WAGTAIL_GOVNEWS = {"EXPORT_ON_PUBLISH": True, "EXPORT_DIR": str(tmp_path)}
    export_site(storage(tmp_path))
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = make_news(section, "Tin thứ nhất")
    with django_capture_on_commit_callbacks(execute=True):
        second = make_news(section, "Tin thứ hai")
    runs = [r for r in default_task_backend.results if r.task.func is update_export.func]
    _quick_1, follow_up_1, _quick_2, follow_up_2 = runs
    assert first.pk in follow_up_2.args[0]  # the second publish changes the first's box

    outcomes = [update_export.call(*run.args, **run.kwargs) for run in runs]
    assert outcomes[1] == {"written": 0, "removed": 0, "skipped": len(follow_up_1.args[0])}
    assert outcomes[3]["skipped"] == 0 and outcomes[3]["written"] > 0
    # Nothing was lost: the export equals a full one made now.
    before = {path: entry["sha256"] for path, entry in manifest(tmp_path)["files"].items()}
    result = export_site(storage(tmp_path))
    assert result.written == [] and set(before) == set(manifest(tmp_path)["files"])
    assert f"api/govnews/news/{second.pk}/index.json" in before


def test_a_follow_up_renders_what_the_cache_lost_track_of(
    portal, tmp_path, settings, django_capture_on_commit_callbacks
):
    """The marks are a shortcut: without them (evicted, or a cache the worker does not
    share) every follow-up run renders its articles."""
    from django.core.cache import cache
    from django_tasks import default_task_backend

    from wagtail_govnews.contrib.export.tasks import update_export

    section = portal[0][0].get_parent().specific
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.WAGTAIL_GOVNEWS = {"EXPORT_ON_PUBLISH": True, "EXPORT_DIR": str(tmp_path)}
    default_task_backend.clear()
    for title in ("Tin thứ nhất", "Tin thứ hai"):
        with django_capture_on_commit_callbacks(execute=True):
            make_news(section, title)
    cache.clear()
    runs = [r for r in default_task_backend.results if r.task.func is update_export.func]
    assert update_export.call(*runs[1].args, **runs[1].kwargs)["skipped"] == 0


def test_a_quick_update_renders_the_first_list_pages_and_keeps_the_rest(portal, tmp_path, settings):
    settings.WAGTAIL_GOVNEWS = {"API_DEFAULT_LIMIT": 2}
    articles, _other = portal
    export_site(storage(tmp_path))
    second_page = tmp_path / "api/govnews/news/page-2.json"
    before, routes = second_page.read_bytes(), manifest(tmp_path)["routes"]

    fresh = make_news(articles[0].get_parent().specific, "Tin mới nhất")
    export_site(storage(tmp_path), page_ids=[fresh.pk], list_pages_first=1)
    first = json.loads((tmp_path / "api/govnews/news/index.json").read_text())
    assert first["items"][0]["id"] == fresh.pk and first["count"] == 5
    assert (tmp_path / f"api/govnews/news/{fresh.pk}/index.json").is_file()
    assert second_page.read_bytes() == before  # kept as it was, until the full update
    assert manifest(tmp_path)["routes"] == routes | manifest(tmp_path)["routes"]
    assert set(routes) <= set(manifest(tmp_path)["routes"])

    export_site(storage(tmp_path), page_ids=[fresh.pk])
    assert second_page.read_bytes() != before
    assert (tmp_path / "api/govnews/news/page-3.json").is_file()  # five articles, two a page
