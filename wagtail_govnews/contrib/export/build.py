"""Export the published news of a site to static files: the one entry point, :func:`export_site`.

A run renders every file, compares its SHA-256 with the previous ``manifest.json`` and writes
only the files that changed; files of articles that are no longer published are removed.
With ``page_ids`` (a publish task) or ``changed_only`` (the audit log since the previous
export) only some articles' files, and the shared lists, feeds and pages, are rendered again;
of the articles that only show a changed one, only the page and API detail.
"""

from __future__ import annotations

import mimetypes
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage
from django.utils import timezone, translation
from wagtail.models import Locale, Site

from wagtail_govnews.contrib.export.assets import (
    AssetError,
    dynamic_image_pattern,
    is_text,
    read_asset,
    references,
)
from wagtail_govnews.contrib.export.changes import Changes, changed_since, current_state
from wagtail_govnews.contrib.export.errors import ExportError, UnsafePath
from wagtail_govnews.contrib.export.manifest import Manifest
from wagtail_govnews.contrib.export.paths import check_name
from wagtail_govnews.contrib.export.render import Rendered, Renderer, RenderError, rewrite_links
from wagtail_govnews.contrib.export.staging import ExportTarget
from wagtail_govnews.contrib.export.storage import open_target
from wagtail_govnews.contrib.export.targets import (
    Target,
    article_targets,
    file_path,
    list_pages,
    published_articles,
    shared_targets,
)
from wagtail_govnews.contrib.export.workers import render_all
from wagtail_govnews.models import NewsPage


@dataclass
class ExportResult:
    """What a run did: files written, left unchanged and removed, and the time it took."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unchanged: int = 0
    files: int = 0
    seconds: float = 0.0


class _Run:
    """The state of one export run."""

    def __init__(self, site: Site, previous: Manifest, target: ExportTarget, force: bool) -> None:
        self.renderer = Renderer(site)
        self.previous = previous
        self.target = target
        self.force = force
        self.now = timezone.now().isoformat(timespec="seconds")
        self.manifest = Manifest(site=site.root_url, generated_at=self.now)
        self.result = ExportResult()
        self.assets: set[str] = set()
        self.dynamic = dynamic_image_pattern()

    def add(
        self,
        path: str,
        body: bytes,
        content_type: str,
        page: int | None = None,
        asset: bool = False,
    ) -> None:
        """Record one file; stage it when its content changed."""
        try:
            check_name(path)
        except UnsafePath as error:
            raise ExportError(f"A rendered file has an unsafe name: {error}") from error
        entry, changed = self.previous.entry(path, body, content_type, self.now, page)
        if changed and path in self.previous.files and _is_feed(content_type):
            changed = not self._same_feed(path, body)
            if not changed:
                entry = self.previous.files[path]
        if asset:
            entry["asset"] = True
        self.manifest.files[path] = entry
        if changed or self.force:
            self.target.stage(path, body)
            self.result.written.append(path)
        else:
            self.result.unchanged += 1
        if is_text(content_type):
            self._scan(path, body)

    def _same_feed(self, path: str, body: bytes) -> bool:
        """Whether a feed differs from its exported version only in its build date (an
        empty feed is dated "now" on every request)."""
        try:
            old = self.target.read(path)
        except OSError:
            return False
        return _without_build_date(old) == _without_build_date(body)

    def _scan(self, path: str, body: bytes) -> None:
        if self.dynamic is not None:
            found = self.dynamic.search(body)
            if found:
                raise ExportError(
                    f"{path} links to the dynamic image-serve view ({found.group().decode()}); "
                    "use rendition URLs from the media storage instead."
                )
        self.assets |= references(body, self.renderer.root_url)

    def record(self, target: Target, rendered: Rendered | RenderError) -> None:
        """Add a rendered URL's file; skip a URL that did not answer 200."""
        if isinstance(rendered, RenderError):
            self.result.skipped.append(str(rendered))
            return
        self.add(target.path, rendered.body, rendered.content_type, page=target.page_id)

    def render_lists(
        self,
        site: Site,
        languages: list[str | None],
        first: int | None = None,
        workers: int | None = None,
    ) -> None:
        """The pages of the API news list of each of ``languages`` (``None``: all), their
        ``first`` pages only when given, with next/previous pointing at export files."""
        absolute = self.renderer.absolute
        lists = [list_pages(NewsPage.objects.published(), language) for language in languages]
        numbered = [(pages, number) for pages in lists for number in range(len(pages[:first]))]
        targets = [Target(pages[number].url, pages[number].path) for pages, number in numbered]
        rendered_pages = render_all(self.renderer, site, targets, workers)
        for (pages, number), (_target, rendered) in zip(numbered, rendered_pages, strict=True):
            if isinstance(rendered, RenderError):
                raise ExportError(f"The API news list cannot be exported: {rendered}")
            page = pages[number]
            neighbours = pages[max(number - 1, 0) : number + 2]
            links = {absolute(other.url): absolute("/" + other.path) for other in neighbours}
            for url in (page.url, *page.aliases):
                self.manifest.routes[url] = page.path
            body = rewrite_links(rendered.body, links)
            self.add(page.path, body, rendered.content_type)

    def copy_assets(self) -> None:
        """Copy the referenced media and static files into the export."""
        for url_path in sorted(self.assets):
            try:
                check_name(file_path(url_path))
            except UnsafePath as error:
                self.result.skipped.append(f"{url_path} is not copied: {error}")
                continue
            try:
                body = read_asset(url_path)
            except AssetError as error:
                raise ExportError(str(error)) from error
            content_type = _guess_type(url_path)
            self.add(file_path(url_path), body, content_type, asset=True)


def _content_languages() -> list[str]:
    """Languages of the site that have a locale (the API rejects the others)."""
    existing = set(Locale.objects.values_list("language_code", flat=True))
    return [code for code, _name in settings.LANGUAGES if code in existing]


def _is_feed(content_type: str) -> bool:
    return content_type.startswith(("application/rss+xml", "application/atom+xml"))


def _without_build_date(feed: bytes) -> bytes:
    feed = re.sub(rb"<lastBuildDate>[^<]*</lastBuildDate>", b"", feed, count=1)
    return re.sub(rb"<updated>[^<]*</updated>", b"", feed, count=1)


def _guess_type(path: str) -> str:
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def export_site(
    storage: Storage,
    *,
    site: Site | None = None,
    page_ids: Iterable[int] | None = None,
    showing_ids: Iterable[int] | None = None,
    force: bool = False,
    changed_only: bool = False,
    progress: Callable[[str], None] | None = None,
    wait: float = 0.0,
    list_pages_first: int | None = None,
    workers: int | None = None,
) -> ExportResult:
    """Export ``site`` (default: the default site) to ``storage``; see the module docstring.

    ``page_ids``: render only the files of these articles (removing those no longer
    published) and the shared lists and feeds. ``showing_ids``: articles that only show a
    changed one: render their page and API detail. ``changed_only``: find both kinds in the
    audit log since the previous export (everything when more than articles changed).
    ``wait``: seconds to wait for another export into the same target to finish.
    ``list_pages_first``: with ``page_ids``, render only the first pages of each API news
    list and keep the rest as they are (a quick update that a full one follows: the later
    pages shift by the articles added or removed in between).
    ``workers``: processes rendering the articles (default: ``EXPORT_WORKERS``).

    Raises :class:`~wagtail_govnews.contrib.export.errors.ExportRefused` for a target that is
    not empty and not a previous export, that another export holds, or whose manifest or
    files the export may not touch; :class:`ExportError` when the export fails. Either way
    the previous export is left as it was.
    """
    started = time.perf_counter()
    site = site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise ExportError("No Wagtail site to export: create one or mark one as the default.")
    with open_target(storage, wait) as target:
        previous = target.previous_manifest()
        try:
            run = _Run(site, previous, target, force)
        except RenderError as error:
            raise ExportError(str(error)) from error
        state = current_state()
        given = page_ids is not None or showing_ids is not None
        selection = Changes.of(page_ids or (), showing_ids or ()) if given else None
        if selection is None and changed_only and previous.state:
            selection = changed_since(previous.state)
        # A run for given articles does not cover every change since the previous state.
        run.manifest.state = previous.state if given and previous.state else state
        # Rendering activates each page's language: give the caller's back afterwards.
        partial_lists = given and list_pages_first is not None
        with translation.override(translation.get_language()):
            published = _render_all(
                run, site, selection, progress, list_pages_first if partial_lists else None, workers
            )
        kept = _kept(previous, selection, published, partial_lists)
        run.manifest.files = kept | run.manifest.files
        if partial_lists:
            run.manifest.routes = previous.routes | run.manifest.routes
        removed = sorted(set(previous.files) - set(run.manifest.files))
        target.commit(removed, run.manifest, previous)
    result = run.result
    result.removed = removed
    result.files = len(run.manifest.files)
    result.seconds = time.perf_counter() - started
    return result


def _render_all(
    run: _Run,
    site: Site,
    selection: Changes | None,
    progress: Callable[[str], None] | None,
    list_pages_first: int | None = None,
    workers: int | None = None,
) -> set[int]:
    """Render the articles (all, or those of ``selection``), the lists (their first pages
    only when ``list_pages_first`` is given), the shared pages and assets; return the ids of
    the published articles rendered."""
    articles = published_articles(site).select_related("locale").order_by("path")
    if selection is not None:
        articles = articles.filter(pk__in=selection.own | selection.showing)
    targets, published = [], set()
    for page in articles.iterator(chunk_size=200):
        showing_only = selection is not None and page.pk in selection.showing
        targets += article_targets(page, showing_only)
        published.add(page.pk)
    count, last_page = 0, None
    for target, rendered in render_all(run.renderer, site, targets, workers):
        run.record(target, rendered)
        if target.page_id != last_page:
            count, last_page = count + 1, target.page_id
            if progress and count % 500 == 0:
                progress(f"{count} articles rendered")
    run.render_lists(site, [None, *_content_languages()], list_pages_first, workers)
    for target, rendered in render_all(run.renderer, site, shared_targets(site), workers):
        run.record(target, rendered)
    run.copy_assets()
    return published


def _kept(
    previous: Manifest, selection: Changes | None, published: set[int], lists: bool = False
) -> dict[str, dict[str, Any]]:
    """Entries of the previous export a partial run leaves alone: other articles, the files
    it did not render of the published articles showing a changed one, assets, and with
    ``lists`` the API list pages it did not render (the run's own files replace these)."""
    if selection is None:
        return {}
    list_files = set(previous.routes.values()) if lists else set()
    removed = selection.own | (selection.showing - published)
    return {
        path: entry
        for path, entry in previous.files.items()
        if entry.get("asset")
        or ("page" in entry and entry["page"] not in removed)
        or path in list_files
    }
