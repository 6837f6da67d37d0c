"""The static export stays in its target: unsafe manifest names and links are refused, an
error at any step leaves the previous export byte-identical, one export runs at a time, and
nothing a user put in the target is removed or overwritten."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, InMemoryStorage
from django.core.management import CommandError, call_command

from tests.factories import make_index, make_news, paragraph
from wagtail_govnews.contrib.export import ExportLocked, ExportRefused, UnsafePath, export_site
from wagtail_govnews.contrib.export import render as export_render
from wagtail_govnews.contrib.export.local import LocalTarget
from wagtail_govnews.contrib.export.paths import NAMESPACE
from wagtail_govnews.contrib.export.remote import StorageTarget

pytestmark = pytest.mark.django_db


def snapshot(folder: Path) -> dict[str, object]:
    """Every file (its bytes), link (its text) and folder under ``folder``, links unfollowed."""
    found: dict[str, object] = {}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent, name)
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = ("link", os.readlink(path))
            elif path.is_file():
                found[key] = path.read_bytes()
            else:
                found[key] = "folder"
    return found


def storage_snapshot(storage, folder: str = "") -> dict[str, bytes]:
    """Every file of a Django storage, by name."""
    folders, files = storage.listdir(folder)
    found = {}
    for name in files:
        with storage.open(folder + name, "rb") as file:
            found[folder + name] = file.read()
    for name in folders:
        found |= storage_snapshot(storage, f"{folder}{name}/")
    return found


def manifest_files(target: Path) -> dict:
    return json.loads((target / "manifest.json").read_text())["files"]


def tamper(target: Path, *names: str) -> None:
    """Add entries to the manifest, as a broken or hostile deploy step might."""
    data = json.loads((target / "manifest.json").read_text())
    for name in names:
        data["files"][name] = {"sha256": "0" * 64, "size": 1, "last_modified": "", "page": 1}
    (target / "manifest.json").write_text(json.dumps(data))


@pytest.fixture
def articles(db):
    """Two articles in one section."""
    section = make_index()
    return make_news(section, "Tin một"), make_news(section, "Tin hai")


def change(edited, gone) -> None:
    """Changes for the next run to write, remove and list in a new manifest."""
    edited.title += ", đã sửa"
    edited.save_revision().publish()
    gone.unpublish()


@pytest.fixture
def site(articles, tmp_path):
    """The articles exported to ``tmp_path/site``, then changed."""
    target = tmp_path / "site"
    export_site(FileSystemStorage(location=str(target)))
    change(*articles)
    return target, *articles


def export(target: Path, **options):
    return export_site(FileSystemStorage(location=str(target)), **options)


# Names and links


@pytest.mark.parametrize("entry", ["../x", "{outside}/x", "vi/../../x", "vi//x", "./x"])
def test_an_unsafe_manifest_entry_is_refused_before_anything_changes(site, entry):
    target, _edited, _gone = site
    outside = target.parent / "x"
    outside.write_text("not the export's")
    tamper(target, entry.format(outside=target.parent))
    before = snapshot(target.parent)
    listed = re.escape(f"manifest.json lists '{entry.format(outside=target.parent)}'")
    with pytest.raises(CommandError, match=listed):
        call_command("govnews_export", str(target), stdout=StringIO())
    assert snapshot(target.parent) == before


def test_a_manifest_entry_through_a_linked_folder_never_touches_the_outside(site):
    target, _edited, _gone = site
    outside = target.parent / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_text("keep me")
    (target / "linkdir").symlink_to(outside)
    tamper(target, "linkdir/victim.txt")  # not rendered again: the run would remove it
    before = snapshot(target.parent)
    with pytest.raises(CommandError, match=r"'linkdir/victim\.txt'.*symbolic link"):
        call_command("govnews_export", str(target), stdout=StringIO())
    assert snapshot(target.parent) == before
    assert (outside / "victim.txt").read_text() == "keep me"


def test_an_exported_file_replaced_by_a_link_is_neither_followed_nor_replaced(site):
    target, edited, _gone = site
    outside = target.parent / "outside.html"
    outside.write_text("keep me")
    page = target / f"vi/tin-tuc/{edited.slug}/index.html"  # the run rewrites it
    page.unlink()
    page.symlink_to(outside)
    before = snapshot(target.parent)
    with pytest.raises(UnsafePath, match=f"vi/tin-tuc/{edited.slug}/index.html"):
        export(target)
    assert snapshot(target.parent) == before


def test_a_link_to_an_unsafe_asset_path_is_skipped_not_copied(db, tmp_path):
    section = make_index()
    make_news(section, "Tin", body=[paragraph('<p><a href="/media/../../secret">x</a></p>')])
    (tmp_path / "secret").write_text("secret")
    result = export(tmp_path / "site")
    assert any("/media/../../secret" in message for message in result.skipped)
    assert all(".." not in name for name in manifest_files(tmp_path / "site"))


# Failures at each step


def fail_on_call(monkeypatch, owner, name: str, number: int, after: bool = False) -> None:
    """Make ``owner.name`` raise on its ``number``-th call (``after`` it did its work)."""
    original = getattr(owner, name)
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == number and not after:
            raise OSError("injected failure")
        result = original(*args, **kwargs)
        if len(calls) == number:
            raise OSError("injected failure")
        return result

    monkeypatch.setattr(owner, name, failing)


PHASES = [
    (export_render.Renderer, "render", 3, False),  # rendering and staging
    (LocalTarget, "put_file", 2, False),  # one file moved in, then a failure
    (LocalTarget, "remove_file", 2, False),  # files moved in, one removed, then a failure
    (LocalTarget, "put_manifest", 1, True),  # the new manifest is in place, then a failure
]


@pytest.mark.parametrize(("owner", "name", "number", "after"), PHASES)
def test_a_failure_in_any_step_leaves_the_previous_export_byte_identical(
    site, monkeypatch, owner, name, number, after
):
    target, _edited, gone = site
    before = snapshot(target)
    fail_on_call(monkeypatch, owner, name, number, after)
    with pytest.raises(OSError, match="injected failure"):
        export(target)
    assert snapshot(target) == before

    monkeypatch.undo()  # the next run does the whole work
    result = export(target)
    assert result.written and result.removed
    assert not any(f"/{gone.pk}/" in path for path in manifest_files(target))
    assert set(os.listdir(target / NAMESPACE)) == {"lock"}


@pytest.mark.parametrize(
    ("name", "number", "after"),
    [("put_file", 2, False), ("remove_file", 1, True), ("put_manifest", 1, True)],
)
def test_a_failure_while_committing_to_a_storage_puts_everything_back(
    articles, monkeypatch, name, number, after
):
    storage = InMemoryStorage()
    export_site(storage)
    change(*articles)
    before = storage_snapshot(storage)
    fail_on_call(monkeypatch, StorageTarget, name, number, after)
    with pytest.raises(OSError, match="injected failure"):
        export_site(storage)
    assert storage_snapshot(storage) == before
    monkeypatch.undo()
    assert export_site(storage).removed


def test_an_export_killed_while_committing_is_rolled_back_by_the_next_run(
    site, monkeypatch, settings
):
    target, _edited, _gone = site
    before = snapshot(target)
    # A kill skips every cleanup: nothing is moved back and the run's folder stays.
    monkeypatch.setattr(LocalTarget, "_undo", lambda self, run, journal: None)
    monkeypatch.setattr(LocalTarget, "_forget_run", lambda self: None)
    fail_on_call(monkeypatch, LocalTarget, "remove_file", 1, after=True)
    with pytest.raises(OSError):
        export(target)
    assert snapshot(target) != before  # half committed
    monkeypatch.undo()
    settings.ALLOWED_HOSTS = ["elsewhere.example"]  # the next run stops before rendering
    with pytest.raises(CommandError, match="not in ALLOWED_HOSTS"):
        call_command("govnews_export", str(target), stdout=StringIO())
    assert snapshot(target) == before  # ... after rolling the killed run back


# One export at a time


def test_a_second_export_while_one_runs_is_refused_and_the_first_one_finishes(site, monkeypatch):
    target, edited, _gone = site
    render = export_render.Renderer.render
    refusals = []

    def render_and_start_another(self, url):
        if not refusals:
            with pytest.raises(CommandError) as refused:
                call_command("govnews_export", str(target), stdout=StringIO())
            refusals.append(str(refused.value))
        return render(self, url)

    monkeypatch.setattr(export_render.Renderer, "render", render_and_start_another)
    result = export(target)
    assert (
        refusals
        and f"Another export into this target is running (process {os.getpid()})" in (refusals[0])
    )
    assert f"vi/tin-tuc/{edited.slug}/index.html" in result.written
    monkeypatch.undo()
    assert export(target).written == []  # the first one did all the work


def test_a_lock_held_by_another_process_refuses_until_that_process_dies(site):
    target, _edited, _gone = site
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys; f = open(sys.argv[1], 'w'); fcntl.flock(f, fcntl.LOCK_EX); "
            "print('held', flush=True); sys.stdin.read()",
            str(target / NAMESPACE / "lock"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        before = snapshot(target)
        with pytest.raises(ExportLocked, match="Another export into this target is running"):
            export(target)
        assert snapshot(target) == before
        # Killed (no cleanup at all) half a second later: a waiting export then runs.
        threading.Timer(0.5, holder.send_signal, (signal.SIGKILL,)).start()
        assert export(target, wait=30).written
    finally:
        holder.kill()
        holder.wait()


def test_exports_into_one_storage_take_turns(articles, monkeypatch):
    storage = InMemoryStorage()
    render = export_render.Renderer.render
    refusals = []

    def render_and_start_another(self, url):
        if not refusals:
            with pytest.raises(ExportLocked) as refused:
                export_site(storage)
            refusals.append(refused.value)
        return render(self, url)

    monkeypatch.setattr(export_render.Renderer, "render", render_and_start_another)
    assert export_site(storage).written and refusals


# Files a user put in the target


def test_files_a_user_put_in_the_export_are_never_removed(site):
    target, _edited, gone = site
    folder = target / f"vi/tin-tuc/{gone.slug}"
    mine = [target / "notes.txt", folder / "notes.txt", target / NAMESPACE / "notes.txt"]
    for path in mine:
        path.write_text("mine")
    result = export(target)
    assert f"vi/tin-tuc/{gone.slug}/index.html" in result.removed
    assert not (folder / "index.html").exists()
    assert all(path.read_text() == "mine" for path in mine)


def test_a_user_file_where_the_export_would_write_is_refused(site):
    target, edited, _gone = site
    fresh = make_news(edited.get_parent().specific, "Tin mới")
    mine = target / f"api/govnews/news/{fresh.pk}/index.json"
    mine.parent.mkdir(parents=True)
    mine.write_text("mine")
    before = snapshot(target)
    with pytest.raises(CommandError, match=f"api/govnews/news/{fresh.pk}/index.json is a file"):
        call_command("govnews_export", str(target), stdout=StringIO())
    assert snapshot(target) == before


@pytest.mark.parametrize(
    "mine", [".govnews-export-staging/notes.txt", f"{NAMESPACE}/notes.txt", f"{NAMESPACE}/run-1"]
)
def test_a_folder_holding_only_a_staging_like_folder_is_not_empty(articles, tmp_path, mine):
    (tmp_path / mine).parent.mkdir(parents=True)
    (tmp_path / mine).write_text("mine")
    before = snapshot(tmp_path)
    with pytest.raises(ExportRefused, match="not empty and holds no previous export"):
        export(tmp_path)
    assert snapshot(tmp_path) == before


def test_a_storage_manifest_with_an_unsafe_name_is_refused(articles):
    storage = InMemoryStorage()
    export_site(storage)
    with storage.open("manifest.json") as file:
        data = json.loads(file.read())
    data["files"]["../x"] = {"sha256": "0" * 64, "last_modified": ""}
    storage.delete("manifest.json")
    storage.save("manifest.json", ContentFile(json.dumps(data).encode()))
    before = storage_snapshot(storage)
    with pytest.raises(UnsafePath, match=re.escape("'../x'")):
        export_site(storage)
    assert storage_snapshot(storage) == before
