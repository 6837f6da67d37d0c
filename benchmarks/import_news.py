"""Time ``govnews_import`` on many articles served locally: articles per second, memory.

Writes ``--n`` article pages in the package's own markup (each with a captioned photo and a
two-photo gallery drawn from 20 distinct JPEG files, so most photos are found again by their
hash), a news sitemap listing them, and serves the folder with ``http.server`` on a thread
of this process. Imports them into a throw-away SQLite database (the example project's
settings), then imports again (nothing changed: the server answers ``304``), then again with
``--refetch`` (every page read and compared, nothing written). Prints, for each run, the
time, articles per second and the resident memory at each quarter of the run and its peak.

    .venv/bin/python benchmarks/import_news.py --n 1000
    .venv/bin/python benchmarks/import_news.py --quick     # 100 articles
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.api import configure_django, prepare_database

PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:url" content="{url}"></head><body><article class="govnews-article">
<header class="govnews-article__header"><div class="govnews-article__meta">
<time class="govnews-dateline" datetime="{iso}">{dateline}</time></div>
<h1 class="govnews-article__title">{title}</h1>
<p class="govnews-article__lead">Tóm tắt của bài số {n}: thành phố triển khai kế hoạch mới.</p>
</header><div class="govnews-article__body">
<div class="govnews-richtext"><p>Đoạn mở đầu của bài {n}, kể lại sự kiện trong ngày.</p>
<p>Đoạn thứ hai với <b>số liệu</b> và <a href="/vi/tin-tuc/">một liên kết</a>.</p></div>
<h2 class="govnews-heading">Diễn biến</h2>
<figure class="govnews-figure govnews-figure--full"><img src="/anh/{a}.jpg" alt="Ảnh {a}">
<figcaption class="govnews-figure__caption">Quang cảnh buổi làm việc số {n}.
<span class="govnews-figure__credit">Ảnh: Phóng viên</span></figcaption></figure>
<section class="govnews-gallery govnews-gallery--grid">
<h2 class="govnews-gallery__title">Hình ảnh</h2><div class="govnews-gallery__items">
<figure class="govnews-figure"><img src="/anh/{b}.jpg" alt="">
<figcaption class="govnews-figure__caption">Ảnh {b}</figcaption></figure>
<figure class="govnews-figure"><img src="/anh/{c}.jpg" alt="">
<figcaption class="govnews-figure__caption">Ảnh {c}</figcaption></figure>
</div></section>
<figure class="govnews-quote"><blockquote><p>Câu trích dẫn của bài {n}.</p></blockquote>
<figcaption>— Người phát ngôn</figcaption></figure>
</div><footer class="govnews-article__footer"><p class="govnews-byline">Phóng viên {n}</p>
<ul class="govnews-tags"><li><a href="/vi/tin-tuc/?category=chinh-tri">Chính trị</a></li>
<li><a href="/vi/tin-tuc/?tag=do-thi">#đô thị</a></li></ul></footer>
</article></body></html>"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, help="number of articles (default 1000)")
    parser.add_argument("--quick", action="store_true", help="smoke run: --n 100")
    parser.add_argument("--workers", type=int, default=4, help="fetching threads (4)")
    args = parser.parse_args(argv)
    args.n = args.n if args.n is not None else (100 if args.quick else 1000)
    return args


def rss_mib() -> float:
    """Resident memory of this process, in MiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def write_site(folder: Path, n: int, origin: str) -> None:
    """``n`` article pages, 20 photos and a sitemap listing the pages."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from PIL import Image

    (folder / "anh").mkdir(parents=True)
    for number in range(20):
        buffer = BytesIO()
        Image.new("RGB", (800, 450), (number * 12, 90, 200 - number * 9)).save(buffer, "JPEG")
        (folder / "anh" / f"{number}.jpg").write_bytes(buffer.getvalue())
    start = datetime(2022, 12, 29, 17, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    urls = []
    for number in range(n):
        moment = start - timedelta(hours=number)
        url = f"{origin}/tin/bai-{number}/"
        (folder / "tin" / f"bai-{number}").mkdir(parents=True)
        page = PAGE.format(
            title=f"Bài viết số {number} về đời sống thành phố",
            url=url,
            iso=moment.isoformat(),
            dateline=moment.strftime("%d/%m/%Y %H:%M"),
            n=number,
            a=number % 20,
            b=(number + 7) % 20,
            c=(number + 13) % 20,
        )
        (folder / "tin" / f"bai-{number}" / "index.html").write_text(page, encoding="utf-8")
        urls.append(f"<url><loc>{url}</loc></url>")
    sitemap = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    (folder / "sitemap.xml").write_text(sitemap + "".join(urls) + "</urlset>")


def timed_import(label: str, source: str, section, workers: int, refetch: bool = False) -> str:
    """Run one import, sampling memory at each quarter; one line describing it."""
    from wagtail_govnews.contrib.importer.fetch import Fetcher
    from wagtail_govnews.contrib.importer.profiles import built_in_profiles
    from wagtail_govnews.contrib.importer.runner import Reading, run_import
    from wagtail_govnews.contrib.importer.writer import Options

    samples: list[float] = []
    peak = [rss_mib()]
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.2):
            peak[0] = max(peak[0], rss_mib())

    counted = [0]

    def after_each(url: str, outcome: object) -> None:
        counted[0] += 1
        if counted[0] % max(1, total // 4) == 0:
            samples.append(rss_mib())

    total = source_total[0]
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    start = time.perf_counter()
    report = run_import(
        source,
        Options(section=section, source=source),
        Reading(fetcher=Fetcher(rate=0, workers=workers), profiles=built_in_profiles()),
        workers=workers,
        refetch=refetch,
        after_each=after_each,
    )
    seconds = time.perf_counter() - start
    stop.set()
    watcher.join()
    counts = ", ".join(f"{value} {key}" for key, value in sorted(report.counts.items()))
    quarters = " / ".join(f"{value:.0f}" for value in samples)
    return (
        f"{label:<12}{seconds:>8.1f} s {report.done / seconds:>8.1f} articles/s  ({counts})\n"
        f"{'':<12}RSS MiB at each quarter: {quarters}; peak {peak[0]:.0f}"
    )


source_total = [0]


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="govnews-import-bench-") as temp:
        workdir = Path(temp)
        configure_django(workdir, None)
        prepare_database(workdir, own_file=True)
        from wagtail.models import Site

        from wagtail_govnews.models import NewsCategory, NewsIndexPage

        root = Site.objects.get(is_default_site=True).root_page
        section = NewsIndexPage(title="Tin cũ", slug="tin-cu")
        root.add_child(instance=section)
        section.save_revision().publish()
        NewsCategory.objects.get_or_create(
            slug="chinh-tri", locale=root.locale, defaults={"name": "Chính trị"}
        )
        folder = workdir / "site"
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        write_site(folder, args.n, origin)
        source_total[0] = args.n
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            print(f"{args.n} articles, {args.workers} fetching threads, RSS {rss_mib():.0f} MiB")
            source = origin + "/sitemap.xml"
            print(timed_import("first run", source, section, args.workers), flush=True)
            print(timed_import("re-run", source, section, args.workers), flush=True)
            print(timed_import("re-read", source, section, args.workers, True), flush=True)
        finally:
            server.shutdown()
            server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep the output to the figures
        pass


if __name__ == "__main__":
    main()
