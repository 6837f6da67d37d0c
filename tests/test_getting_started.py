"""docs/tutorial/getting-started.md, "Add it to an existing Wagtail site", on a fresh site.

The test runs ``wagtail start mysite`` in a temporary directory, applies the guide's steps to
the generated files with the code snippets taken from the guide itself (so the guide and the
test cannot drift apart), migrates, creates a news section and an article with a captioned
photo in ``manage.py shell``, and requests the pages, the QR images and the headless API with
Django's test client inside that new site. Every subprocess runs with a clean environment and
the new site's settings: nothing of this repository's test settings is used.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # wagtail start and manage.py in subprocesses

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "tutorial" / "getting-started.md"
SECTION = "## Add it to an existing Wagtail site"
RESULT = "GOVNEWS-RESULT "

# The article the test publishes; the guide promises this English dateline for this date.
HEADLINE = "City opens the new river bridge"
CAPTION = "The bridge at dawn, seen from the east bank"
DATELINE = "Thursday, 29 December 2022, 17:05"

# Step 8 of the guide, done in `manage.py shell` instead of the admin, then the checks of
# "Your news section is at /news/ ..." with the new site's own test client. It prints one
# JSON line with what each URL answered.
SHELL_SCRIPT = f"""
import json
import re
from datetime import datetime, timezone
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Site

from wagtail_govnews.models import GovNewsSettings, NewsIndexPage, NewsPage, SocialAccount

site = Site.objects.get(is_default_site=True)
home = site.root_page

# 1. Under your home page, add a News index page (the admin allows it there).
assert NewsIndexPage.can_create_at(home)
news = NewsIndexPage(title="News", slug="news", intro="<p>Press releases.</p>")
home.add_child(instance=news)
news.save_revision().publish()

# 2. Under it, add News pages (here with a captioned photo: a real JPEG made by Pillow).
assert NewsPage.can_create_at(news)
buffer = BytesIO()
Image.new("RGB", (1600, 900), (30, 120, 200)).save(buffer, "JPEG")
photo = get_image_model().objects.create(
    title="Bridge", file=ImageFile(buffer, name="bridge.jpg")
)
article = NewsPage(
    title={HEADLINE!r},
    date=datetime(2022, 12, 29, 17, 5, tzinfo=timezone.utc),
    lead="The bridge links both banks of the river.",
    author="Press office",
    body=[
        {{"type": "paragraph", "value": "<p>Traffic started at noon.</p>"}},
        {{"type": "image", "value": {{"image": photo.pk, "caption": {CAPTION!r},
            "alt_text": "A bridge over a river", "credit": "", "alignment": "full"}}}},
    ],
)
news.add_child(instance=article)
article.save_revision().publish()
article.refresh_from_db()

# 3. Settings -> News portal settings: portal name and a social account.
portal = GovNewsSettings.for_site(site)
portal.portal_name = "Mysite portal"
portal.save()
SocialAccount.objects.create(
    settings=portal, network="facebook", name="Mysite on Facebook",
    url="https://www.facebook.com/mysite.example", sort_order=0,
)

client = Client()
answers = {{}}

# The admin screens of step 8 open for an editor.
editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "x")
admin = Client()
admin.force_login(editor)
for name, url in [
    ("admin_add_section", f"/admin/pages/{{home.pk}}/add_subpage/"),
    ("admin_add_article", f"/admin/pages/add/wagtail_govnews/newspage/{{news.pk}}/"),
    ("admin_edit_article", f"/admin/pages/{{article.pk}}/edit/"),
    ("admin_portal_settings", "/admin/settings/wagtail_govnews/govnewssettings/"),
]:
    response = admin.get(url, follow=True)
    answers[name] = {{
        "url": url,
        "status": response.status_code,
        "text": response.content.decode() if name == "admin_add_section" else "",
    }}

for name, url in [
    ("section", "/news/"),
    ("article", article.url),
    ("print", article.url + "print/"),
    ("pdf", article.url + "pdf/"),
    ("qr_svg", f"/govnews/news/{{article.pk}}/qr.svg"),
    ("qr_png", f"/govnews/news/{{article.pk}}/qr.png"),
    ("api_list", "/api/govnews/news/"),
    ("api_detail", f"/api/govnews/news/{{article.pk}}/"),
    ("api_schema", "/api/govnews/openapi.json"),
]:
    response = client.get(url)
    answers[name] = {{
        "url": url,
        "status": response.status_code,
        "type": response.get("Content-Type", ""),
        "text": response.content.decode("utf-8", "replace")
        if not url.endswith((".png", "pdf/")) else response.content[:8].hex(),
    }}
feed = re.search(r'type="application/rss\\+xml"[^>]*href="([^"]+)"', answers["article"]["text"])
feed_url = feed.group(1) if feed else "(no feed link)"
response = client.get(feed_url)
answers["feed"] = {{"url": feed_url, "status": response.status_code,
    "type": response.get("Content-Type", ""), "text": response.content.decode()}}
detail = json.loads(answers["api_detail"]["text"])
rendition = detail["body"][1]["image"]["renditions"][0]["url"].split("testserver", 1)[1]
answers["rendition"] = {{"url": rendition, "status": client.get(rendition).status_code}}
answers["article_id"] = article.pk
print({RESULT!r} + json.dumps(answers))
"""


def guide_section() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    assert SECTION in text, f"{GUIDE.name} has no section {SECTION!r}"
    section = text.split(SECTION, 1)[1]
    return section.split("\n## ", 1)[0]


def python_blocks(section: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def block_starting(blocks: list[str], first_line: str) -> str:
    found = [block for block in blocks if block.lstrip().startswith(first_line)]
    assert found, f"the guide has no Python block starting with {first_line!r}"
    return found[0]


def run(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=240
    )
    assert result.returncode == 0, (
        f"{' '.join(args[:3])} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    return result.stdout


def add_installed_apps(settings_file: Path, guide_block: str) -> list[str]:
    """Step 2: the apps the guide lists, inserted in its order after the ones before them."""
    source = settings_file.read_text()
    match = re.search(r"INSTALLED_APPS = \[\n(.*?)\n\]", source, flags=re.DOTALL)
    existing = re.findall(r'"([\w.]+)"', match.group(1))
    wanted = re.findall(r'^\s+"([\w.]+)",', guide_block, flags=re.MULTILINE)
    added = [app for app in wanted if app not in existing]
    assert "wagtail_govnews" in added
    anchor = wanted[wanted.index(added[0]) - 1]
    assert anchor in existing, f"the guide puts the apps after {anchor!r}, not in the new site"
    lines = "".join(f'    "{app}",\n' for app in added)
    source = source.replace(f'    "{anchor}",\n', f'    "{anchor}",\n{lines}', 1)
    settings_file.write_text(source)
    return added


def add_urls(urls_file: Path, guide_block: str) -> None:
    """Step 3: the guide's imports after the site's, its new paths before Wagtail's pages."""
    source = urls_file.read_text()
    imports = [line for line in guide_block.splitlines() if line.startswith(("from ", "import "))]
    paths = [
        line.rstrip()
        for line in guide_block.splitlines()
        if line.strip().startswith("path(") and line.strip() not in source
    ]
    assert imports, f"the guide's URL snippet imports nothing:\n{guide_block}"
    for prefix in ('path("govnews/"', 'path("api/govnews/"'):
        assert any(line.strip().startswith(prefix) for line in paths), f"no {prefix} in the guide"
    last_import = [line for line in source.splitlines() if line.startswith(("from ", "import "))]
    source = source.replace(last_import[-1], "\n".join([last_import[-1], *imports]), 1)
    # `wagtail start` appends Wagtail's catch-all pattern after this first list.
    head, tail = source.split("urlpatterns = [\n", 1)
    body, rest = tail.split("\n]\n", 1)
    source = f"{head}urlpatterns = [\n{body}\n" + "\n".join(paths) + f"\n]\n{rest}"
    urls_file.write_text(source)


def test_getting_started_in_this_environment(tmp_path):
    """The guide on a new site, with the package as this environment has it (editable)."""
    check_answers(follow_the_guide(tmp_path, Path(sys.executable).parent))


def test_getting_started_with_the_built_wheel(tmp_path):
    """The guide on a new site whose own requirements are installed, with the built wheel.

    ``wagtail start`` of this environment's Wagtail writes the site and its
    ``requirements.txt``; a new virtual environment gets those requirements and the wheel
    ``python -m build`` makes of this checkout, as ``pip install wagtail-govnews`` would.
    """
    bin_dir = Path(sys.executable).parent
    site = start_site(tmp_path, bin_dir, clean_env(tmp_path, bin_dir))
    dist = tmp_path / "dist"
    build = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)]
    run([*build, str(Path(__file__).resolve().parent.parent)], cwd=tmp_path, env=os.environ)
    (wheel,) = dist.glob("*.whl")
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path, env=os.environ)
    requirements = (site / "requirements.txt").read_text()
    install = subprocess.run(
        [venv / "bin" / "python", "-m", "pip", "install", "-r", "requirements.txt", str(wheel)],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if install.returncode and "Requires-Python" in install.stdout + install.stderr:
        pytest.skip(
            f"this Python cannot install the requirements wagtail start wrote: {requirements}"
        )
    assert install.returncode == 0, install.stdout + install.stderr
    check_answers(follow_the_guide(tmp_path, venv / "bin", site=site))


def clean_env(tmp_path: Path, bin_dir: Path) -> dict[str, str]:
    """An environment with nothing of this repository's: the new site's commands first."""
    return {
        "PATH": f"{bin_dir}{os.pathsep}{os.defpath}",
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def start_site(tmp_path: Path, bin_dir: Path, env: dict[str, str]) -> Path:
    """``wagtail start mysite`` with the ``wagtail`` command of ``bin_dir``."""
    wagtail = bin_dir / "wagtail"
    assert wagtail.exists(), f"no `wagtail` command in {bin_dir}"
    run([str(wagtail), "start", "mysite"], cwd=tmp_path, env=env)
    return tmp_path / "mysite"


def add_head_blocks(base_html: Path, section: str) -> None:
    """Step 7: each block the guide says base.html must define, added as the guide shows."""
    sentence = re.search(r"It must define the blocks (.*?);", section, flags=re.DOTALL)
    assert sentence, "the guide no longer lists the blocks base.html must define"
    snippets = re.findall(r"```html\n(.*?)```", section, flags=re.DOTALL)
    source = base_html.read_text()
    for block in re.findall(r"`(\w+)`", sentence.group(1)):
        if f"{{% block {block} %}}" in source:
            continue
        snippet = next((s for s in snippets if s.startswith(f"{{% block {block} %}}")), None)
        assert snippet, f"base.html of wagtail start has no block {block}, nor the guide a fix"
        source = source.replace("</head>", f"{snippet}</head>", 1)
    base_html.write_text(source)


def follow_the_guide(tmp_path: Path, bin_dir: Path, site: Path | None = None) -> dict:
    """Steps 2 to 8 of the guide on a new site; what the site's URLs answered then."""
    section = guide_section()
    blocks = python_blocks(section)
    env = clean_env(tmp_path, bin_dir)
    site = site or start_site(tmp_path, bin_dir, env)
    env["DJANGO_SETTINGS_MODULE"] = "mysite.settings.dev"
    manage = [str(bin_dir / "python"), "manage.py"]

    # Step 2: INSTALLED_APPS. The package's templates need no context processor.
    base_settings = site / "mysite" / "settings" / "base.py"
    added = add_installed_apps(base_settings, block_starting(blocks, "# mysite/settings/base.py"))
    assert added[:1] == ["wagtail_govnews"]

    # Step 3: URLs (QR images and the headless API).
    urls = site / "mysite" / "urls.py"
    add_urls(urls, block_starting(blocks, "# mysite/urls.py"))

    # Step 4 is for sites whose pages are inside i18n_patterns; `wagtail start` has none.
    assert "i18n_patterns" not in urls.read_text()
    assert "LocaleMiddleware" not in base_settings.read_text()

    # Step 5 (optional): the guide's WAGTAIL_GOVNEWS example, which must be valid as is.
    settings_block = block_starting(blocks, "WAGTAIL_GOVNEWS = {")
    ast.parse(settings_block)
    with base_settings.open("a") as settings_file:
        settings_file.write("\n" + settings_block)

    # Step 7: the blocks base.html must define (wagtail_govnews.W002 would name a missing one).
    add_head_blocks(site / "mysite" / "templates" / "base.html", section)

    # Step 6: migrate; then Django's system checks on the new site, warnings included.
    run([*manage, "migrate", "--noinput"], cwd=site, env=env)
    run([*manage, "check", "--fail-level", "WARNING"], cwd=site, env=env)

    # Step 8, and the URLs the guide promises.
    output = run([*manage, "shell", "--no-imports", "-c", SHELL_SCRIPT], cwd=site, env=env)
    line = next((line for line in output.splitlines() if line.startswith(RESULT)), None)
    assert line, f"the shell script printed no result:\n{output}"
    return json.loads(line[len(RESULT) :])


def check_answers(answers: dict) -> None:
    """What the new site answered is what the guide promises."""
    for name, answer in answers.items():
        if isinstance(answer, dict):
            assert answer["status"] == 200, f"{name}: {answer['url']} answered {answer['status']}"

    section_page = answers["section"]["text"]
    assert "<h1>News</h1>" in section_page
    assert HEADLINE in section_page
    assert DATELINE in section_page

    article = answers["article"]["text"]
    assert answers["article"]["url"] == "/news/city-opens-the-new-river-bridge/"
    assert f'<h1 class="govnews-article__title">{HEADLINE}</h1>' in article
    assert f'datetime="2022-12-29T17:05:00+00:00">{DATELINE}</time>' in article
    assert CAPTION in article and "srcset=" in article
    assert "QR CODE: " + HEADLINE in article and "<svg" in article
    assert f'href="/govnews/news/{answers["article_id"]}/qr.png" download' in article
    assert "Mysite on Facebook" in article  # the portal's social accounts box
    assert "facebook.com/sharer/sharer.php" in article  # share links

    assert "News index page" in answers["admin_add_section"]["text"]

    printable = answers["print"]["text"]
    assert HEADLINE in printable and DATELINE in printable and CAPTION in printable
    assert "QR CODE: " + HEADLINE in printable

    assert answers["qr_svg"]["type"].startswith("image/svg+xml")
    assert "<svg" in answers["qr_svg"]["text"]
    assert answers["qr_png"]["type"] == "image/png"
    assert answers["qr_png"]["text"] == "89504e470d0a1a0a"  # PNG signature

    listing = json.loads(answers["api_list"]["text"])
    assert listing["count"] == 1
    item = listing["items"][0]
    assert item["title"] == HEADLINE
    assert item["dateline"] == DATELINE
    assert item["url"] == "http://localhost/news/city-opens-the-new-river-bridge/"

    detail = json.loads(answers["api_detail"]["text"])
    assert detail["qr"]["value"] == item["url"]
    assert [block["type"] for block in detail["body"]] == ["paragraph", "image"]
    assert detail["body"][1]["caption"] == CAPTION
    assert detail["other_news"] == []
    assert "/api/govnews/news/" in json.loads(answers["api_schema"]["text"])["paths"]

    assert answers["pdf"]["type"] == "application/pdf"
    assert answers["pdf"]["text"].startswith(b"%PDF".hex())
    assert answers["feed"]["type"].startswith("application/rss+xml")
    assert HEADLINE in answers["feed"]["text"]

    # The SEO tags, in <head> thanks to step 7; the description once (the starter prints its own).
    head = article.split("</head>", 1)[0]
    canonical = "http://localhost/news/city-opens-the-new-river-bridge/"
    assert f'<link rel="canonical" href="{canonical}">' in head
    assert f'<meta property="og:title" content="{HEADLINE}">' in head
    assert '<script type="application/ld+json">' in head and '"NewsArticle"' in head
    assert head.count('name="description"') == 1
    assert "hreflang" not in head  # one language: no alternates (tests/test_seo.py has them)
