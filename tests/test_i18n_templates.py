"""Every human-readable string in the package's templates goes through translation."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.template.base import Lexer, TokenType

TEMPLATES = Path(__file__).resolve().parent.parent / "wagtail_govnews" / "templates"
HUMAN_ATTRIBUTES = re.compile(r'\b(?:title|aria-label|alt|placeholder)="([^"\x00]*)"')
TAG = re.compile(r"<[^>]*>", re.S)
# Blocks whose text is not page text (comments) or is already translated (blocktranslate).
OPENERS = {
    "comment": True,
    "endcomment": False,
    "blocktranslate": True,
    "blocktrans": True,
    "endblocktranslate": False,
    "endblocktrans": False,
}
LETTER = re.compile(r"[^\W\d_]", re.U)


def untranslated(source: str) -> list[str]:
    """Text outside template tags, variables and comments that contains letters."""
    parts, in_comment = [], False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split(maxsplit=1)[0]
            in_comment = OPENERS.get(name, in_comment)
        if token.token_type == TokenType.TEXT and not in_comment:
            parts.append(token.contents)
        elif token.token_type != TokenType.COMMENT:
            parts.append("\x00")  # a tag or variable: translated or data, never literal text
    html = "".join(parts)
    found = [value for value in HUMAN_ATTRIBUTES.findall(html) if LETTER.search(value)]
    text = re.sub(r"&\w+;", " ", TAG.sub(" ", html))
    return found + [word for word in text.split() if LETTER.search(word.replace("\x00", ""))]


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.rglob("*.html")), ids=lambda path: str(path.relative_to(TEMPLATES))
)
def test_template_strings_are_marked_for_translation(template):
    assert untranslated(template.read_text()) == []


def test_the_check_catches_unmarked_text():
    assert untranslated('<p>Hello</p><a title="Print">{% translate "x" %}</a>') == [
        "Print",
        "Hello",
    ]
    assert untranslated('<p>{% translate "Hello" %}</p><a title="{% translate "x" %}">') == []


LOCALE = Path(__file__).resolve().parent.parent / "wagtail_govnews" / "locale"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_catalogues_are_complete_and_compiled(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    if language == "vi":
        assert [entry.msgid for entry in po if not entry.translated()] == []
    compiled = {entry.msgid: entry.msgstr for entry in mo if entry.msgid}
    translated = {entry.msgid: entry.msgstr for entry in po if entry.translated()}
    assert compiled == translated, "run `make messages` and commit the .mo files"
