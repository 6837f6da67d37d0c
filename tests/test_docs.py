"""The reference docs cannot drift from the code."""

import json
import re
from pathlib import Path

from wagtail_govnews.conf import DEFAULTS
from wagtail_govnews.templatetags.govnews_tags import register

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_every_setting_is_documented_with_its_default():
    text = (DOCS / "reference" / "settings.md").read_text()
    for key, default in DEFAULTS.items():
        row = next((line for line in text.splitlines() if line.startswith(f"| `{key}` |")), None)
        assert row, f"{key} is not documented"
        shown = str(default) if isinstance(default, bool) else json.dumps(default)
        assert f"`{shown}`" in row, f"{key}: documented default differs from {shown}"


def test_every_template_tag_and_filter_is_documented():
    text = (DOCS / "reference" / "templates.md").read_text()
    for name in [*register.tags, *register.filters]:
        assert f"| `{name}` |" in text, f"{name} is not documented"


def test_readme_links_work_on_a_package_index():
    """README.md is the PyPI page: its links and images must be absolute (or #anchors)."""
    text = (DOCS.parent / "README.md").read_text()
    targets = re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r'src="([^"]+)"', text)
    assert targets
    relative = [t for t in targets if not t.startswith(("https://", "http://", "#", "mailto:"))]
    assert relative == []


def test_every_system_check_is_documented():
    text = (DOCS / "reference" / "checks.md").read_text()
    code = "".join(
        path.read_text() for path in (DOCS.parent / "wagtail_govnews").rglob("checks.py")
    )
    ids = set(re.findall(r'id="(wagtail_govnews\.[EW]\d{3})"', code))
    assert len(ids) >= 8
    assert ids == set(re.findall(r"^## (wagtail_govnews\.[EW]\d{3}):", text, flags=re.MULTILINE))
