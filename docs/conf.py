"""Sphinx configuration of the wagtail-govnews documentation (MyST Markdown, Furo theme).

Build with ``make docs``: warnings are errors (``-W -n``) and ``docs/check_links.py`` then
checks that every internal link and anchor of the built HTML resolves.
"""

import os
import re
import sys
from pathlib import Path

import django

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "wagtail-govnews"
author = "wagtail-govnews contributors"
copyright = "wagtail-govnews contributors"
# Read the version without importing the package.
release = re.search(
    r'__version__\s*=\s*"([^"]+)"', (ROOT / "wagtail_govnews" / "__init__.py").read_text()
).group(1)
version = release

extensions = ["myst_parser", "openapi_markdown", "sphinx.ext.autodoc"]

# The Python API reference (reference/python-api.md) imports the package: set Django up with
# the example project's settings (no database is touched).
sys.path[:0] = [str(ROOT), str(ROOT / "example_project")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_project.settings")
django.setup()
autodoc_typehints = "none"  # signatures without types: no links to Django's own docs needed
autodoc_member_order = "bysource"

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "_tools"]
language = "en"

# Strict internal links: every [text](target) must resolve to a document, a heading anchor
# or a label; nothing is silently turned into an external link.
myst_all_links_external = False
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence", "deflist"]
nitpicky = True

html_theme = "furo"
html_title = f"wagtail-govnews {release}"
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
