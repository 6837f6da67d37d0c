"""Importing foreign pages (contrib.importer): datelines, JSON-LD and trafilatura, site
profiles, category mapping, failures reported, robots.txt obeyed."""

from __future__ import annotations

import json
import os
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

import wagtail_govnews
from tests.factories import make_category, make_index, make_news
from tests.static_server import serving, serving_folder
from wagtail_govnews.contrib.importer.datelines import parse_dateline
from wagtail_govnews.contrib.importer.fetch import Fetcher, FetchError
from wagtail_govnews.contrib.importer.models import ImportedArticle
from wagtail_govnews.models import NewsPage

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ Năm, 29/12/2022 17:05", datetime(2022, 12, 29, 17, 5, tzinfo=HANOI)),
        ("17:05 29/12/2022", datetime(2022, 12, 29, 17, 5, tzinfo=HANOI)),
        ("Cập nhật: 29-12-2022 - 17h05", datetime(2022, 12, 29, 17, 5, tzinfo=HANOI)),
        ("Chủ Nhật, 1/1/2023", datetime(2023, 1, 1, tzinfo=HANOI)),
        ("2022-12-29T17:05:00+07:00", datetime(2022, 12, 29, 17, 5, tzinfo=HANOI)),
        ("2022-12-29T10:05:00Z", datetime(2022, 12, 29, 17, 5, tzinfo=HANOI)),
        ("Thu, 29 Dec 2022 10:05:00 +0000", datetime(2022, 12, 29, 17, 5, tzinfo=HANOI)),
    ],
)
def test_datelines_as_portals_write_them(text, expected):
    assert parse_dateline(text) == expected


@pytest.mark.parametrize("text", ["", "không có ngày", "31/02/2022", None])
def test_no_date_gives_none(text):
    assert parse_dateline(text) is None


FOREIGN = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Cổng cũ</title>
<script type="application/ld+json">{json_ld}</script>
<meta property="og:image" content="/anh/hero.png">
</head><body>
<div class="menu"><a href="/">Trang chủ</a> <a href="/tin">Tin tức</a></div>
<div class="post">
  <h1 class="post-title">{title}</h1>
  <span class="post-date">Thứ Năm, 29/12/2022 17:05</span>
  <div class="post-sapo">Tóm tắt: thành phố mở thêm tuyến buýt điện.</div>
  <div class="post-body">
    <p>Sáng nay, thành phố đưa vào vận hành tuyến buýt điện thứ mười, nối trung tâm với khu
    đô thị mới ở phía tây, phục vụ hàng nghìn người dân mỗi ngày.</p>
    <figure><img src="/anh/xe-buyt.png" alt="Xe buýt điện"><figcaption>Xe buýt điện tại bến.
    <em class="tac-gia-anh">Ảnh: Lan Anh</em></figcaption></figure>
    <h3>Giá vé</h3>
    <p>Giá vé bằng các tuyến buýt thường, người cao tuổi được miễn phí theo quy định.</p>
  </div>
  <div class="post-author">Phạm Hùng</div>
  <div class="post-tags"><a href="/chu-de/giao-thong">Giao thông đô thị</a></div>
</div>
<div class="footer">Bản quyền</div></body></html>"""

JSON_LD = """{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "%s", "datePublished": "2022-12-29T17:05:00+07:00",
"author": {"@type": "Person", "name": "Phạm Hùng"}, "articleSection": "Giao thông đô thị"}"""

PROFILE = """name = "cong-cu"
hosts = ["127.0.0.1"]
[selectors]
title = "h1.post-title"
dateline = ".post-date"
lead = ".post-sapo"
body = ".post-body"
byline = ".post-author"
categories = ".post-tags a"
credit = ".tac-gia-anh"
remove = [".menu", ".footer"]
"""


def png(color: tuple[int, int, int]) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    PILImage.new("RGB", (320, 200), color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def old_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A foreign portal: two article pages, a feed listing them and a broken link."""
    root = tmp_path / "old"
    (root / "tin").mkdir(parents=True)
    (root / "anh").mkdir()
    (root / "anh" / "xe-buyt.png").write_bytes(png((200, 30, 30)))
    (root / "anh" / "hero.png").write_bytes(png((30, 30, 200)))
    titles = ["Thêm tuyến buýt điện nối trung tâm", "Tuyến buýt điện thứ mười một"]
    for n, title in enumerate(titles, 1):
        page = FOREIGN.replace("{json_ld}", JSON_LD % title).replace("{title}", title)
        (root / "tin" / f"bai-{n}.html").write_text(page, encoding="utf-8")
    listing = '<html><head><meta property="og:type" content="website"></head><body>'
    listing += "".join(
        f"<p>Tin {n}: {title}, một đoạn tóm tắt dài.</p>" for n, title in enumerate(titles)
    )
    (root / "tin" / "danh-sach.html").write_text(listing + "</body></html>", encoding="utf-8")
    cards = "".join(  # a home page saying nothing of itself: many linked headlines
        f'<h3><a href="/tin/bai-{n}.html">Tin {n}</a></h3><p>Tóm tắt dài của tin số {n}.</p>'
        for n in range(10)
    )
    home = f"<html><head><title>Cổng</title></head><body><h1>Cổng</h1>{cards}</body></html>"
    (root / "tin" / "trang-chu.html").write_text(home, encoding="utf-8")
    with serving_folder(root) as origin:
        items = "".join(
            f"<item><title>x</title><link>{origin}/tin/{name}</link></item>"
            for name in ("bai-1.html", "bai-2.html", "mat-tich.html")
        )
        (root / "rss.xml").write_text(f'<?xml version="1.0"?><rss><channel>{items}</channel></rss>')
        yield origin, root


def run(source: str, section, *args: str, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(
        "govnews_import",
        source,
        *args,
        into=str(section.pk),
        rate=0,
        stdout=out,
        stderr=err,
        **options,
    )
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_a_foreign_portal_with_a_site_profile_and_a_mapping(old_site, tmp_path):
    origin, _ = old_site
    section = make_index()
    transport = make_category("Giao thông")
    profile, mapping = tmp_path / "cong-cu.toml", tmp_path / "mapping.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    mapping.write_text('[categories]\n"Giao thông đô thị" = "Giao thông"\n', encoding="utf-8")
    report = tmp_path / "report.json"
    out, err = run(
        origin + "/rss.xml",
        section,
        "--profile",
        str(profile),
        "--mapping",
        str(mapping),
        report=str(report),
    )
    assert "2 created" in out and "1 failed" in out
    assert "mat-tich.html: HTTP 404" in err and "Traceback" not in err
    written = json.loads(report.read_text())
    assert written["counts"]["created"] == 2
    assert written["failures"] == [{"url": f"{origin}/tin/mat-tich.html", "reason": "HTTP 404"}]
    page = NewsPage.objects.get(title="Thêm tuyến buýt điện nối trung tâm")
    assert page.date == datetime(2022, 12, 29, 17, 5, tzinfo=HANOI)
    assert page.lead == "Tóm tắt: thành phố mở thêm tuyến buýt điện."
    assert page.author == "Phạm Hùng"
    assert list(page.categories.all()) == [transport]
    kinds = [block.block_type for block in page.body]
    assert kinds == ["paragraph", "image", "heading", "paragraph"]
    photo = page.body[1].value
    assert (photo["caption"], photo["credit"], photo["alt_text"]) == (
        "Xe buýt điện tại bến.",
        "Ảnh: Lan Anh",
        "Xe buýt điện",
    )
    assert page.hero_image is not None
    # Both articles use the same two files: the library holds each once.
    assert get_image_model().objects.count() == 2


@pytest.mark.django_db
def test_generic_extraction_without_a_profile(old_site):
    """JSON-LD for the headline, dateline and byline; trafilatura finds the body."""
    origin, _ = old_site
    section = make_index()
    out, err = run(origin + "/tin/bai-1.html", section)
    assert "1 created" in out, err
    page = NewsPage.objects.get()
    assert page.title == "Thêm tuyến buýt điện nối trung tâm"
    assert page.date == datetime(2022, 12, 29, 17, 5, tzinfo=HANOI)
    assert page.author == "Phạm Hùng"
    text = " ".join(str(block.value) for block in page.body)
    assert "tuyến buýt điện thứ mười" in text and "Giá vé" in text
    assert "Bản quyền" not in text and "Trang chủ" not in text


@pytest.mark.django_db
def test_a_folder_of_saved_pages(old_site):
    _, root = old_site
    section = make_index()
    out, _ = run(str(root / "tin"), section, ignore_robots=True)
    assert "2 created" in out and "2 skipped" in out  # list pages are not articles
    assert ImportedArticle.objects.count() == 2


@pytest.mark.django_db
def test_robots_txt_is_obeyed(old_site):
    origin, root = old_site
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /tin/\n")
    section = make_index()
    out, err = run(origin + "/rss.xml", section)
    assert "0 created" in out and "3 failed" in out
    assert "robots.txt" in err
    out, _ = run(origin + "/rss.xml", section, ignore_robots=True)
    assert "2 created" in out


@pytest.mark.django_db
def test_an_unknown_section_is_an_error(old_site):
    with pytest.raises(CommandError, match="No news section"):
        call_command("govnews_import", old_site[0] + "/rss.xml", into="/khong-co/")


@pytest.mark.django_db
def test_editors_find_imports_in_the_news_area(old_site, editor_client):
    origin, _ = old_site
    section = make_index()
    run(origin + "/tin/bai-1.html", section)
    written_here = make_news(section, "Tin viết tại đây")
    imported = NewsPage.objects.get(title="Thêm tuyến buýt điện nối trung tâm")
    listing = reverse("govnews_news:index")
    html = editor_client.get(listing, {"imported": "yes"}).content.decode()
    assert imported.title in html and written_here.title not in html
    html = editor_client.get(listing, {"imported": "no"}).content.decode()
    assert imported.title not in html and written_here.title in html
    # The edit form shows where the article came from; an article written here shows nothing.
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=(imported.pk,))).content
    assert f"{origin}/tin/bai-1.html".encode() in html
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=(written_here.pk,))).content
    assert b"govnews-origin" not in html


def test_the_check_names_a_missing_extra(monkeypatch):
    from wagtail_govnews.contrib.importer import checks

    real = checks.importlib.util.find_spec
    monkeypatch.setattr(
        checks.importlib.util,
        "find_spec",
        lambda name: None if name == "trafilatura" else real(name),
    )
    errors = checks.check_import_extra()
    assert [error.id for error in errors] == ["wagtail_govnews.E006"]
    assert "wagtail-govnews[import]" in errors[0].hint


@pytest.mark.django_db
def test_a_changed_page_updates_its_article_unless_an_editor_changed_it(old_site):
    origin, root = old_site
    section = make_index()
    source = origin + "/tin/bai-1.html"
    run(source, section)
    page = NewsPage.objects.get()
    revisions = page.revisions.count()
    out, _ = run(source, section)
    assert "1 unchanged" in out and page.revisions.count() == revisions
    path = root / "tin" / "bai-1.html"
    path.write_text(path.read_text().replace("Giá vé bằng", "Giá vé mới bằng"))
    os.utime(path, (time.time() + 10, time.time() + 10))  # the server's Last-Modified moves
    out, _ = run(source, section)
    assert "1 updated" in out
    assert "Giá vé mới bằng" in str(NewsPage.objects.get().body)
    # An editor works on the article: the next import leaves it alone unless told otherwise.
    page = NewsPage.objects.get()
    page.lead = "Sửa bởi biên tập viên."
    page.save_revision().publish()
    path.write_text(path.read_text().replace("Giá vé mới bằng", "Giá vé vẫn bằng"))
    out, _ = run(source, section, refetch=True)
    assert "1 kept" in out and NewsPage.objects.get().lead == "Sửa bởi biên tập viên."
    out, _ = run(source, section, refetch=True, overwrite=True)
    assert "1 updated" in out and "Giá vé vẫn bằng" in str(NewsPage.objects.get().body)


class FlakyHandler(BaseHTTPRequestHandler):
    """Answers 503 to the first two requests for a path, then the page; records user agents."""

    calls: Counter = Counter()
    agents: list = []

    def do_GET(self):
        self.calls[self.path] += 1
        self.agents.append(self.headers.get("User-Agent"))
        if self.path == "/cham.html":  # a server too slow to answer
            time.sleep(0.6)
        if self.path == "/cu.html":  # an old address moved permanently
            self.send_response(301)
            self.send_header("Location", "/moi.html")
            self.end_headers()
            return
        status = 404 if self.path == "/robots.txt" else 503 if self.calls[self.path] <= 2 else 200
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"<html><body><p>ok</p></body></html>")

    def log_message(self, format, *args):
        pass


@pytest.fixture
def flaky():
    FlakyHandler.calls.clear()
    FlakyHandler.agents.clear()
    with serving(FlakyHandler) as origin:
        yield origin


def test_requests_are_retried_with_back_off_and_name_the_tool(flaky):
    answer = Fetcher(rate=0, retries=3, backoff=0.01).get(flaky + "/tin/1.html")
    assert answer.status == 200 and FlakyHandler.calls["/tin/1.html"] == 3
    assert set(FlakyHandler.agents) == {f"wagtail-govnews-import/{wagtail_govnews.__version__}"}
    with pytest.raises(FetchError, match=r"ReadTimeoutError.*\(after 2 attempts\)"):
        Fetcher(rate=0, retries=1, backoff=0.01, timeout=0.2).get(flaky + "/cham.html")
    FlakyHandler.calls["/moi.html"] = 2  # answers at once
    moved = Fetcher(rate=0).get(flaky + "/cu.html")
    assert (moved.status, moved.body) == (200, b"<html><body><p>ok</p></body></html>")
    with pytest.raises(FetchError, match=r"HTTP 503 \(after 2 attempts\)"):
        Fetcher(rate=0, retries=1, backoff=0.01).get(flaky + "/tin/2.html")


def test_the_request_rate_is_kept(flaky):
    fetcher = Fetcher(rate=20, retries=0, robots=False)
    start = time.monotonic()
    for n in range(6):
        with pytest.raises(FetchError):
            fetcher.get(f"{flaky}/tin/{n}.html")  # 503: not retried here
    assert time.monotonic() - start >= 5 / 20


@pytest.mark.django_db
def test_an_article_failing_halfway_leaves_nothing_behind(old_site, monkeypatch):
    from wagtail_govnews.contrib.importer import writer

    def broken(url, page):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer, "keep_old_address", broken)  # the last step of an article
    section = make_index()
    out, err = run(old_site[0] + "/tin/bai-1.html", section)
    assert "1 failed" in out and "RuntimeError: disk full" in err and "Traceback" not in err
    assert not NewsPage.objects.exists() and not ImportedArticle.objects.exists()
    assert not get_image_model().objects.exists()
    monkeypatch.undo()
    out, _ = run(old_site[0] + "/tin/bai-1.html", section)
    assert "1 created" in out


@pytest.mark.django_db
def test_ctrl_c_stops_between_articles_and_the_next_run_resumes(old_site):
    from wagtail_govnews.contrib.importer.profiles import built_in_profiles
    from wagtail_govnews.contrib.importer.runner import Reading, run_import
    from wagtail_govnews.contrib.importer.writer import Options

    def ctrl_c(url, outcome):
        raise KeyboardInterrupt

    section = make_index()
    source = old_site[0] + "/rss.xml"
    reading = Reading(fetcher=Fetcher(rate=0), profiles=built_in_profiles())
    options = Options(section=section, source=source)
    report = run_import(source, options, reading, after_each=ctrl_c)
    assert report.interrupted and report.counts["created"] == 1
    assert report.as_dict()["interrupted"] and "interrupted" in report.summary()
    report = run_import(source, options, reading)
    assert (report.counts["unchanged"], report.counts["created"]) == (1, 1)
    assert NewsPage.objects.count() == 2


def windows_1258(letter: str) -> str:
    """``letter`` as Windows-1258 spells it: a base letter it has, then combining tones."""
    try:
        letter.encode("cp1258")
        return letter
    except UnicodeEncodeError:
        base, *marks = unicodedata.normalize("NFD", letter)
        for mark in marks:  # "ậ": "â" is a letter of the charset, the dot below a mark
            joined = unicodedata.normalize("NFC", base + mark)
            if len(joined) == 1 and joined.encode("cp1258", errors="ignore"):
                return joined + "".join(other for other in marks if other != mark)
        return base + "".join(marks)


@pytest.mark.django_db
def test_a_page_in_a_legacy_vietnamese_charset(tmp_path):
    """Windows-1258 writes tones as combining marks: the article comes out composed (NFC)."""
    title = "Đà Nẵng mở tuyến buýt"
    page = (
        '<html><head><meta charset="windows-1258"></head><body><article>'
        f"<h1>{title}</h1><p>{title}: một đoạn nội dung đủ dài để đọc.</p></article></body></html>"
    )
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "bai.html").write_bytes("".join(map(windows_1258, page)).encode("cp1258"))
    profile = tmp_path / "p.toml"
    profile.write_text(
        'name = "p"\nmatch = "article"\n[selectors]\ntitle = "h1"\nbody = "article"\n'
    )
    run(str(folder), make_index(), "--profile", str(profile))
    assert NewsPage.objects.get().title == "Đà Nẵng mở tuyến buýt"


def test_sitemap_indexes_and_paged_feeds_are_followed(old_site):
    from wagtail_govnews.contrib.importer.sources import entries

    origin, root = old_site
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    for n in (1, 2):
        urls = f"<url><loc>{origin}/tin/bai-{n}.html</loc></url>"
        (root / f"sitemap-{n}.xml").write_text(f'<?xml version="1.0"?><urlset {ns}>{urls}</urlset>')
    maps = "".join(f"<sitemap><loc>/sitemap-{n}.xml</loc></sitemap>" for n in (1, 2, 1))
    (root / "index.xml").write_text(
        f'<?xml version="1.0"?><sitemapindex {ns}>{maps}</sitemapindex>'
    )
    atom = 'xmlns="http://www.w3.org/2005/Atom"'
    (root / "atom-1.xml").write_text(
        f'<?xml version="1.0"?><feed {atom}><link rel="next" href="atom-2.xml"/>'
        f'<entry><link href="{origin}/tin/bai-1.html"/></entry></feed>'
    )
    (root / "atom-2.xml").write_text(  # its "next" is the first page again: read once
        f'<?xml version="1.0"?><feed {atom}><link rel="next" href="atom-1.xml"/>'
        f'<entry><link rel="alternate" href="/tin/bai-2.html"/></entry></feed>'
    )
    expected = [f"{origin}/tin/bai-1.html", f"{origin}/tin/bai-2.html"]
    fetcher = Fetcher(rate=0)
    assert [entry.url for entry in entries(origin + "/index.xml", fetcher)] == expected
    assert [entry.url for entry in entries(origin + "/atom-1.xml", fetcher)] == expected


@pytest.mark.django_db
def test_the_section_is_found_by_its_path(old_site):
    section = make_index()
    out = StringIO()
    call_command(
        "govnews_import", old_site[0] + "/tin/bai-1.html", into="/vi/tin-tuc/", rate=0, stdout=out
    )
    assert "1 created" in out.getvalue()
    assert NewsPage.objects.get().get_parent().pk == section.pk


def test_body_html_becomes_the_packages_blocks():
    from bs4 import BeautifulSoup

    from wagtail_govnews.contrib.importer.body import BodyReader

    html = (
        '<div><div class="wrap"><p>Ngày <b>29/12</b>, thành phố <a href="/tin/2">họp</a>.</p>'
        "<ul><li>Một</li><li>Hai</li></ul><p><img src='/a.jpg' srcset='/a-480.jpg 480w, "
        "/a-1200.jpg 1200w' alt='Hội trường'></p><h4>Nhỏ</h4><table><caption>Số liệu</caption>"
        "<tr><th>Quận</th><th>Số hộ</th></tr><tr><td>Ba Đình</td><td>1.200</td></tr></table>"
        "<blockquote><p>Trích dẫn.</p></blockquote><script>alert(1)</script>"
        "<p onclick='x()' style='color:red'>Kết <span>thúc</span>.</p></div></div>"
    )
    blocks = BodyReader("http://old.example.vn/tin/1").blocks(BeautifulSoup(html, "html.parser"))
    assert [block["type"] for block in blocks] == [
        "paragraph",
        "image",
        "heading",
        "table",
        "quote",
        "paragraph",
    ]
    first = blocks[0]["value"]
    assert "<b>29/12</b>, thành phố" in first and "<li>Một</li>" in first
    assert 'href="http://old.example.vn/tin/2"' in first
    photo = blocks[1]["value"]["photo"]
    assert (photo.url, photo.alt) == ("http://old.example.vn/a-1200.jpg", "Hội trường")
    assert blocks[2]["value"] == {"text": "Nhỏ", "level": "h3"}
    table = blocks[3]["value"]
    assert table["data"] == [["Quận", "Số hộ"], ["Ba Đình", "1.200"]]
    assert table["first_row_is_table_header"] and table["table_caption"] == "Số liệu"
    assert blocks[4]["value"] == {"quote": "Trích dẫn.", "attribution": ""}
    assert blocks[5]["value"] == "<p>Kết thúc.</p>"  # no script, handlers or styles


@pytest.mark.django_db
def test_a_page_from_the_web_cannot_make_the_importer_read_local_files(old_site):
    origin, root = old_site
    secret = (root / "anh" / "hero.png").resolve().as_uri()
    page = (
        '<html><body><article class="govnews-article"><h1 class="govnews-article__title">Tin'
        '</h1><div class="govnews-article__body"><div class="govnews-richtext"><p>Nội dung.</p>'
        f'</div><figure class="govnews-figure"><img src="{secret}" alt=""></figure></div>'
        "</article></body></html>"
    )
    (root / "tin" / "bai-file.html").write_text(page, encoding="utf-8")
    out, _ = run(origin + "/tin/bai-file.html", make_index(), verbosity=2)
    assert "1 created" in out and "a local file named by a page from the web" in out
    assert [block.block_type for block in NewsPage.objects.get().body] == ["paragraph"]
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_a_page_without_metadata_gets_its_date_from_its_text(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "tin.html").write_text(
        "<html><head><title>Khánh thành cầu mới</title></head><body>"
        '<div class="meta">Đăng ngày 29/12/2022</div><h1>Khánh thành cầu mới</h1>'
        "<p>Sáng nay, thành phố khánh thành cây cầu thứ ba bắc qua sông, rút ngắn đường đi "
        "của hàng chục nghìn người mỗi ngày giữa hai bờ.</p>"
        "<p>Cây cầu dài gần một cây số, được xây dựng trong hai năm.</p></body></html>",
        encoding="utf-8",
    )
    run(str(folder), make_index())
    page = NewsPage.objects.get()
    assert page.title == "Khánh thành cầu mới"
    assert page.date == datetime(2022, 12, 29, tzinfo=HANOI)
    assert "cây cầu thứ ba" in str(page.body)
