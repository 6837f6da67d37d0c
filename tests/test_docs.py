"""The reference docs cannot drift from the code."""

import json
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
