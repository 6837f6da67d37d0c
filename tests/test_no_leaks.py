"""Hidden articles never reach anonymous visitors, on any public surface of the site.

One hidden article per test, of each kind a newsroom makes (draft, unpublished, password /
login / group restricted, scheduled, expired, under a private section, an unpublished
translation, unpublished edits of a live article), probed on every surface: the article's
own URLs, news index and its filters, "other news", site search, the headless API, Wagtail's
APIs, QR images, feeds and sitemaps. Its title, lead, body and byline carry ``TEXT_MARK``,
its slug ``SLUG_MARK``; neither may appear in any response, and nothing may answer 5xx.
Each list surface also has a control: a public article that must be there.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from io import BytesIO
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from wagtail.models import Locale, Page, PageViewRestriction

from home.models import HomePage
from tests.api_schema import api_get
from tests.factories import make_category, make_home, make_index, make_news, paragraph
from tests.shared_data import shared_transaction
from wagtail_govnews.models import NewsIndexPage, NewsPage, NewsPageRelatedNews

pytestmark = pytest.mark.django_db

TEXT_MARK = "zqhidden"  # in the hidden title, lead, body and byline
SLUG_MARK = "zqslug"  # in the hidden slug (and so in its URL)
FIND_WORD = "zqfind"  # only in the hidden lead: searching for it must find nothing visible
SHARED_WORD = "kiemtrachung"  # in the leads of the hidden and the public articles
PUBLIC_TITLE = "Tin công khai kiểm tra"
CURATOR_TITLE = "Tin chọn lọc công khai"
ENGLISH_TITLE = "Public English control"

KINDS = [
    "draft",
    "unpublished",
    "password",
    "login",
    "groups",
    # Hidden or not by comparison with the current time: also run at every clock moment.
    pytest.param("scheduled", marks=pytest.mark.clock),
    pytest.param("expired", marks=pytest.mark.clock),
    "private_section",
    "draft_translation",
    "unpublished_translation",
    # Expired but still live: publish_scheduled has not run yet.
    pytest.param("expired_translation", marks=pytest.mark.clock),
    "draft_edit",
]
TRANSLATION_KINDS = {"draft_translation", "unpublished_translation", "expired_translation"}


@dataclass
class World:
    """The site, the public control articles and one hidden article of ``kind``."""

    kind: str
    home: HomePage
    section: NewsIndexPage
    public: NewsPage
    curator: NewsPage
    hidden: NewsPage
    category_slug: str
    tag_slug: str
    #: What anonymous visitors see at the hidden article's URL (only for draft edits).
    live_title: str | None = None
    english_home: Page | None = None
    english_section: NewsIndexPage | None = None


@dataclass
class Probe:
    """One GET an anonymous visitor can make."""

    url: str
    own: bool = False  # the hidden article's own URL: a login/password form may name its path
    control: str | None = None  # must be in the response (the surface really lists news)
    absent: list[str] = field(default_factory=list)  # must not be in the response either
    api: bool = False  # a /api/govnews/ URL: the response must match the OpenAPI document
    binary: bool = False  # a binary download (PDF) that must not be served at all


def hidden_fields(kind: str) -> dict:
    """Title, slug, lead, byline and body of a hidden article, every one of them marked."""
    return {
        "title": f"Bài {TEXT_MARK} {kind}",
        "slug": f"{SLUG_MARK}-{kind.replace('_', '-')}",
        "lead": f"Tóm tắt {TEXT_MARK} {FIND_WORD} {SHARED_WORD}.",
        "author": f"Tác giả {TEXT_MARK}",
        "source_name": f"Nguồn {TEXT_MARK}",
    }


def translate(page: Page, locale: Locale, publish: bool = True, **fields) -> Page:
    """Wagtail's copy of ``page`` into ``locale`` (parents must exist), published or a draft."""
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    revision = copy.save_revision()
    if publish:
        revision.publish()
    copy.refresh_from_db()
    return copy


def restrict(page: Page, restriction_type: str) -> None:
    """A view restriction of ``restriction_type`` on ``page``."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="mat-khau"
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Phóng viên"))


def make_hidden(kind: str, section: NewsIndexPage, home: HomePage, public: NewsPage) -> dict:
    """The hidden article of ``kind`` and what the world needs to reach it."""
    marked = hidden_fields(kind)
    body = [paragraph(f"<p>Nội dung {TEXT_MARK}.</p>")]
    shared = {"categories": list(public.categories.all()), "tags": ["kiểm tra"], "body": body}
    if kind == "draft":
        return {"hidden": make_news(section, publish=False, **marked, **shared)}
    if kind == "unpublished":
        page = make_news(section, **marked, **shared)
        page.unpublish()
        return {"hidden": page}
    if kind in ("password", "login", "groups"):
        page = make_news(section, **marked, **shared)
        restrict(page, kind)
        return {"hidden": page}
    if kind == "scheduled":
        later = datetime.now(UTC) + timedelta(days=1)
        page = make_news(section, go_live_at=later, **marked, **shared)
        assert not page.live and page.revisions.filter(approved_go_live_at=later).exists()
        return {"hidden": page}
    if kind == "expired":
        page = make_news(section, **marked, **shared)
        past = datetime.now(UTC) - timedelta(minutes=5)
        NewsPage.objects.filter(pk=page.pk).update(expire_at=past)
        call_command("publish_scheduled")
        page.refresh_from_db()
        assert page.expired and not page.live
        return {"hidden": page}
    if kind == "private_section":
        private = make_index("Nội bộ", "noi-bo", parent=home)
        restrict(private, PageViewRestriction.LOGIN)
        return {"hidden": make_news(private, **marked, **shared)}
    if kind in TRANSLATION_KINDS:
        english = Locale.objects.get_or_create(language_code="en")[0]
        english_home = translate(home, english, slug="home-en")
        english_section = translate(section, english, title="News", slug="news")
        hidden = translate(public, english, publish=kind != "draft_translation", **marked)
        if kind == "unpublished_translation":
            hidden.unpublish()
        if kind == "expired_translation":
            past = datetime.now(UTC) - timedelta(minutes=5)
            NewsPage.objects.filter(pk=hidden.pk).update(expire_at=past)
            assert NewsPage.objects.get(pk=hidden.pk).live
        return {"hidden": hidden, "english_home": english_home, "english_section": english_section}
    if kind == "draft_edit":
        shared["body"] = [paragraph("<p>Nội dung đã đăng.</p>")]
        page = make_news(section, "Tin đang sửa", lead=f"Tin đang sửa {SHARED_WORD}.", **shared)
        for name, value in marked.items():
            setattr(page, name, value)
        page.body = body
        page.save_revision()  # saved for review, never published
        page = NewsPage.objects.get(pk=page.pk)
        assert page.title == "Tin đang sửa" and page.has_unpublished_changes
        return {"hidden": page, "live_title": page.title}
    raise AssertionError(kind)


def make_world(kind: str) -> World:
    """A portal with public control articles and one hidden article of ``kind``."""
    home = make_home()
    section = make_index(parent=home)
    category = make_category("Kiểm tra")
    public = make_news(
        section,
        PUBLIC_TITLE,
        lead=f"Tin công khai {SHARED_WORD}.",
        categories=[category],
        tags=["kiểm tra"],
    )
    made = make_hidden(kind, section, home, public)
    hidden = made["hidden"]
    # An article whose editor picked the hidden one for its "other news" box.
    curator = make_news(section, CURATOR_TITLE, lead=f"Chọn lọc {SHARED_WORD}.", publish=False)
    source_hidden = hidden.get_translation(public.locale) if kind in TRANSLATION_KINDS else hidden
    NewsPageRelatedNews.objects.create(page=curator, news=source_hidden, sort_order=0)
    curator.save_revision().publish()
    if kind in TRANSLATION_KINDS:
        translate(curator, hidden.locale, title=ENGLISH_TITLE, slug="public-english-control")
    return World(
        kind=kind,
        home=home,
        section=section,
        public=public,
        curator=NewsPage.objects.get(pk=curator.pk),
        hidden=NewsPage.objects.get(pk=hidden.pk),
        category_slug=category.slug,
        tag_slug=public.tags.get().slug,
        live_title=made.get("live_title"),
        english_home=made.get("english_home"),
        english_section=made.get("english_section"),
    )


@pytest.fixture(scope="class", params=KINDS)
def world(request, django_db_setup, django_db_blocker) -> Iterator[World]:
    """The world of each kind, made once for the probes of every surface (each test's
    changes, e.g. ``publish_scheduled``, are rolled back before the next test)."""
    with shared_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            world = make_world(request.param)
        yield world


# Surfaces: each returns the probes of one part of the site.


def article_probes(world: World) -> list[Probe]:
    """The hidden article's own page and print view (a 404 or a login form is fine)."""
    url = world.hidden.get_url()
    probes = [
        Probe(url, own=True, control=world.live_title),
        Probe(url + "print/", own=True, control=world.live_title),
    ]
    if hasattr(NewsPage, "pdf_view"):  # the PDF download, where it exists
        probes.append(
            Probe(url + "pdf/", own=True, binary=world.live_title is None, control=world.live_title)
        )
    return probes


def index_probes(world: World) -> list[Probe]:
    """News index pages: unfiltered, by category, by tag, and searched."""
    url = world.section.get_url()
    probes = [
        Probe(url, control=PUBLIC_TITLE),
        Probe(f"{url}?category={world.category_slug}", control=PUBLIC_TITLE),
        Probe(f"{url}?tag={world.tag_slug}", control=PUBLIC_TITLE),
        Probe(f"{url}?q={SHARED_WORD}", control=PUBLIC_TITLE),
        Probe(f"{url}?q={FIND_WORD}", absent=_live_titles(world)),
    ]
    parent = world.hidden.get_parent()
    if parent.pk != world.section.pk:  # a private section or a translated one
        control = ENGLISH_TITLE if world.english_section else None
        probes += [
            Probe(parent.get_url(), control=control),
            Probe(f"{parent.get_url()}?q={SHARED_WORD}", control=control),
            Probe(f"{parent.get_url()}?q={FIND_WORD}"),
        ]
    return probes


def other_news_probes(world: World) -> list[Probe]:
    """Articles whose "other news" box would list the hidden one: a sibling and a curator."""
    probes = [
        Probe(world.public.get_url(), control=CURATOR_TITLE),
        # The curator's only pick is hidden: the box falls back to the latest news.
        Probe(world.curator.get_url(), control=world.live_title or PUBLIC_TITLE),
    ]
    if world.english_section:
        english_curator = world.curator.get_translation(world.hidden.locale)
        probes.append(Probe(english_curator.get_url(), control=ENGLISH_TITLE))
    return probes


def search_probes(world: World) -> list[Probe]:
    """The portal home page: latest news and the site search."""
    url = world.home.get_url()
    probes = [
        Probe(url, control=PUBLIC_TITLE),
        Probe(f"{url}?q={SHARED_WORD}", control=PUBLIC_TITLE),
        Probe(f"{url}?q={FIND_WORD}", absent=_live_titles(world)),
    ]
    if world.english_home:
        english = world.english_home.get_url()
        probes += [
            Probe(english, control=ENGLISH_TITLE),
            Probe(f"{english}?q={FIND_WORD}"),
        ]
    return probes


def api_probes(world: World) -> list[Probe]:
    """Every endpoint of the headless API, for the hidden article and around it."""
    news, hidden = "/api/govnews/news/", world.hidden
    language = hidden.locale.language_code
    control = ENGLISH_TITLE if world.english_section else PUBLIC_TITLE
    found = world.live_title  # draft edits: the live version is found, the draft is not
    return [
        Probe(news, api=True, control=PUBLIC_TITLE),
        Probe(f"{news}?locale={language}", api=True, control=control),
        Probe(f"{news}?category={world.category_slug}", api=True, control=PUBLIC_TITLE),
        Probe(f"{news}?tag={world.tag_slug}", api=True, control=PUBLIC_TITLE),
        Probe(f"{news}?search={SHARED_WORD}", api=True, control=PUBLIC_TITLE),
        Probe(f"{news}?search={FIND_WORD}", api=True, absent=_live_titles(world)),
        Probe(f"{news}?index={world.section.pk}", api=True, control=PUBLIC_TITLE),
        Probe(f"{news}?index={hidden.get_parent().pk}", api=True),
        Probe(f"{news}?date_from=2000-01-01&limit=100", api=True, control=PUBLIC_TITLE),
        Probe(f"{news}{hidden.pk}/", api=True, control=found),
        Probe(f"{news}find/?path={quote(hidden.get_url())}", api=True, own=True, control=found),
        Probe(f"{news}{hidden.pk}/qr.svg", api=True),
        Probe(f"{news}{hidden.pk}/qr.png", api=True),
        Probe(f"{news}{world.public.pk}/", api=True, control=CURATOR_TITLE),
        Probe(f"{news}{world.curator.pk}/", api=True, control=found or PUBLIC_TITLE),
        Probe(f"{news}find/?path={quote(world.public.get_url())}", api=True, control=PUBLIC_TITLE),
        Probe("/api/govnews/social/", api=True),
        Probe("/api/govnews/preview/", api=True),
        Probe("/api/govnews/preview/?token=forged:token", api=True),
    ]


def wagtail_api_probes(world: World) -> list[Probe]:
    """Wagtail's own page APIs (v2, and v3 on Wagtail 8) as mounted by the example project.

    They list what Wagtail has live: an expired page until ``publish_scheduled`` runs
    (docs/how-to/deploying.md schedules it), so that kind is probed after it ran.
    """
    if world.kind == "expired_translation":
        call_command("publish_scheduled")
    pk, path = world.hidden.pk, quote(world.hidden.get_url())
    found = world.live_title
    probes = [
        Probe("/api/v2/pages/?type=wagtail_govnews.NewsPage&fields=*", control=PUBLIC_TITLE),
        Probe(f"/api/v2/pages/?search={FIND_WORD}", absent=_live_titles(world)),
        Probe(f"/api/v2/pages/{pk}/", control=found),
        Probe(f"/api/v2/pages/find/?html_path={path}", own=True),
    ]
    if not settings.WAGTAIL_API_V3:  # Wagtail 7.4 has no v3
        return probes
    return [
        *probes,
        Probe("/api/v3/pages/?type=wagtail_govnews.NewsPage", control=PUBLIC_TITLE),
        Probe(f"/api/v3/pages/?search={FIND_WORD}", absent=_live_titles(world)),
        Probe(f"/api/v3/pages/{pk}/", control=found),
        Probe(f"/api/v3/pages/find/?html_path={path}", own=True),
        Probe(f"/api/v3/pages/{pk}/?version=draft", control=found),
        Probe(f"/api/v3/pages/find/?id={pk}&version=draft", control=found),
    ]


def qr_probes(world: World) -> list[Probe]:
    """The package's QR image views."""
    probes = []
    for fmt in ("svg", "png"):
        url = reverse("wagtail_govnews:news_qr_code", args=[world.hidden.pk, fmt])
        probes.append(Probe(url, control=world.live_title if fmt == "svg" else None))
    return probes


def syndication_probes(world: World) -> list[Probe]:
    """RSS/Atom feeds and sitemaps (those that exist in the URLconf)."""
    languages = {"vi", world.hidden.locale.language_code}
    candidates: list[tuple[str, list, str | None]] = []
    for lang in sorted(languages):
        control = ENGLISH_TITLE if lang == "en" else PUBLIC_TITLE
        sections = {world.section.pk, world.hidden.get_parent().pk}
        candidates += [
            ("wagtail_govnews:feed_rss", [lang], control),
            ("wagtail_govnews:feed_atom", [lang], control),
            ("wagtail_govnews:news_sitemap", [lang], control),
        ]
        for section in sorted(sections):
            candidates += [
                ("wagtail_govnews:section_feed_rss", [lang, section], None),
                ("wagtail_govnews:section_feed_atom", [lang, section], None),
            ]
        if lang == "vi":
            candidates += [
                ("wagtail_govnews:category_feed_rss", [lang, world.category_slug], control),
                ("wagtail_govnews:category_feed_atom", [lang, world.category_slug], control),
            ]
    probes = []
    for name, args, control in candidates:
        try:
            probes.append(Probe(reverse(name, args=args), control=control))
        except NoReverseMatch:
            continue  # this feed or sitemap is not part of the site (yet)
    for path, lists_pages in (
        ("/sitemap-pages.xml", True),
        ("/sitemap.xml", False),  # the index, and robots.txt: sitemap URLs only
        ("/robots.txt", False),
    ):
        if _resolves(path):
            probes.append(Probe(path, control=world.public.slug if lists_pages else None))
    return probes


def translation_probes(world: World) -> list[Probe]:
    """Pages whose hreflang links and language switcher would link a hidden translation."""
    url = world.public.get_url()
    return [
        Probe(url, control=PUBLIC_TITLE),
        Probe(url + "print/", control=PUBLIC_TITLE),
        Probe(world.section.get_url(), control=PUBLIC_TITLE),
        Probe(f"/api/govnews/news/{world.public.pk}/", api=True, control=PUBLIC_TITLE),
    ]


SURFACES: dict[str, Callable[[World], list[Probe]]] = {
    "article": article_probes,
    "index": index_probes,
    "other_news": other_news_probes,
    "search": search_probes,
    "api": api_probes,
    "wagtail_api": wagtail_api_probes,
    "qr": qr_probes,
    "feeds_sitemaps": syndication_probes,
    "translations": translation_probes,
}


def _live_titles(world: World) -> list[str]:
    """A draft edit's live title must not be found by words only its draft contains."""
    return [world.live_title] if world.live_title else []


def _text(response) -> str:
    """The response body as text: JSON with its non-ASCII characters unescaped, PDF's text."""
    content_type = response.get("Content-Type", "")
    if "json" in content_type:
        return json.dumps(response.json(), ensure_ascii=False)
    if "pdf" in content_type:
        from pypdf import PdfReader

        reader = PdfReader(BytesIO(response.content))
        return "\n".join(page.extract_text() for page in reader.pages)
    return response.content.decode("utf-8", "replace")


def _resolves(path: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(path)
    except Resolver404:
        return False
    return True


class TestEverySurface:
    """One world per kind of hidden article, probed on each surface (class: the world is
    gone before the other tests of the module run)."""

    @pytest.mark.parametrize("surface", SURFACES)
    def test_hidden_article_never_leaks(self, client, world, surface):
        probes = SURFACES[surface](world)
        assert probes
        for probe in probes:
            response = (
                api_get(client, probe.url) if probe.api else client.get(probe.url, follow=True)
            )
            status = response.status_code
            assert status < 500, f"{probe.url} answered {status}"
            if probe.binary:
                assert "pdf" not in response.get("Content-Type", ""), f"{probe.url} serves a PDF"
            body = _text(response).lower()
            assert TEXT_MARK not in body, f"{world.kind} article leaks at {probe.url} ({status})"
            if not probe.own:
                assert SLUG_MARK not in body, f"{world.kind} article's URL leaks at {probe.url}"
            if probe.control:
                assert status == 200, f"{probe.url} answered {status}"
                assert probe.control.lower() in body, f"{probe.url} does not show {probe.control!r}"
            for text in probe.absent:
                assert text.lower() not in body, f"{probe.url} finds {text!r} by its draft's words"


def test_the_probes_would_see_a_leak(client, db):
    """Control: the same probes find an ordinary published article carrying the marks."""
    home = make_home()
    section = make_index(parent=home)
    page = make_news(section, **hidden_fields("published"))
    for url in (page.get_url(), section.get_url(), f"{home.get_url()}?q={FIND_WORD}"):
        assert TEXT_MARK in client.get(url).content.decode().lower()
    response = api_get(client, f"/api/govnews/news/?search={FIND_WORD}")
    assert SLUG_MARK in response.content.decode()
