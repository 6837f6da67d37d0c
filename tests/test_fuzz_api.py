"""Fuzz the headless API with schemathesis against its own OpenAPI document, in-process.

Every operation gets a bounded, deterministic set of generated requests (valid and invalid,
and undocumented methods), sent to the Django WSGI application without any network. Every
check of Schemathesis runs on each response: no 5xx; status code, content type, headers and
JSON body as documented; every request the document calls valid is accepted
(positive-data acceptance) and every invalid one refused; an undocumented method is a 405
with ``Allow``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from wagtail.models import Locale, PageViewRestriction

from tests.api_schema import api_get, openapi_document
from tests.factories import gallery_block, image_block, make_category, make_image, make_news
from tests.factories import paragraph as paragraph_block

pytestmark = pytest.mark.slow  # hundreds of generated requests

#: Generated requests per operation in the fuzzing phase: the news list has the most
#: parameters, so the most cases. The coverage phase adds its boundary cases (about 260 in
#: all): about 500 requests. Runs of 1,500 and 300 pass too; these keep the file quick.
LIST_EXAMPLES = 80
OTHER_EXAMPLES = 20
LIST_PATH = "/api/govnews/news/"

schema = schemathesis.openapi.from_dict(openapi_document())
APP = get_wsgi_application()

#: Real values from the current test's data, which the hooks below mix into generated requests.
known: dict[str, list[Any]] = {}
#: Characters that SQL, full-text search and URL parsers treat specially, to mix into text.
#: Each is valid where the document allows any text (NUL is not: the regression tests below
#: and the negative cases send it), so a positive case stays positive.
TRICKY = ('"', "'", "*", "(", ")", "-", ":", "%", "\\", "http://[", "//", "../")
TEXT_PARAMS = ("category", "tag", "search", "path")


def _fuzz_settings(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.function_scoped_fixture,
        ],
    )


def _sometimes(original: dict, names: list[str]) -> st.SearchStrategy:
    """``original`` as generated, or with some values replaced by real or tricky ones."""
    tail = st.text(st.characters(exclude_characters="\x00"), max_size=3)
    tricky = st.tuples(st.sampled_from(TRICKY), tail).map("".join)
    overrides = {
        name: st.one_of(st.sampled_from(known[name]), tricky)
        if name in TEXT_PARAMS
        else st.sampled_from(known[name])
        for name in names
    }
    replaced = st.fixed_dictionaries({}, optional=overrides).map(lambda new: {**original, **new})
    return st.one_of(st.just(original), replaced)


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict | None) -> st.SearchStrategy:
    """Often aim ``page_id`` at a real (published, draft or private) article."""
    if not isinstance(path_parameters, dict) or "page_id" not in path_parameters or not known:
        return st.just(path_parameters)
    return _sometimes(path_parameters, ["page_id"])


@schema.hook
def flatmap_query(context: Any, query: dict | None) -> st.SearchStrategy:
    """Often use real (or tricky) paths, languages, categories, tags and sections in queries."""
    if not isinstance(query, dict) or not known:
        return st.just(query)
    if context.operation.path == LIST_PATH:
        return _sometimes(query, ["locale", "category", "tag", "search", "index", "limit"])
    if "path" in query:
        return _sometimes(query, ["path"])
    return st.just(query)


@pytest.fixture
def keep_connection():
    """Keep the test's database connection across WSGI requests, as Django's test client does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def newsroom(news_index, keep_connection):
    """Published articles (one with images and a gallery), a draft and a private article."""
    base = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
    education = make_category("Giáo dục")
    images = [make_image(size=(64, 36)) for _ in range(3)]
    published = [
        make_news(
            news_index,
            "Khai giảng năm học mới",
            date=base,
            categories=[education],
            tags=["giáo dục"],
            hero_image=images[0],
            lead='Sapo <b>khai giảng</b> & "trích dẫn".',
            author="Phóng viên",
            source_name="Báo Nhân Dân",
            source_url="https://nhandan.vn/",
            body=[
                paragraph_block('<p>Đoạn <a href="https://example.gov.vn/">liên kết</a>.</p>'),
                image_block(images[1], caption="Chú thích", alt_text="Ảnh"),
                gallery_block(images),
            ],
        ),
        make_news(news_index, "Bệnh viện quận", date=base + timedelta(days=1)),
        make_news(news_index, "Cầu mới thông xe", date=base + timedelta(days=2)),
    ]
    draft = make_news(news_index, "Bản nháp", publish=False)
    private = make_news(news_index, "Riêng tư", date=base + timedelta(days=3))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    pages = [*published, draft, private]
    known.update(
        page_id=[page.pk for page in pages],
        path=[page.url for page in pages if page.url],
        locale=list(Locale.objects.values_list("language_code", flat=True)),
        search=["khai giảng", "khai giang"],
        category=[education.slug],
        tag=["giao-duc"],
        index=[news_index.pk],
        limit=[1, 2, 100],
    )
    yield pages
    known.clear()


def _call_and_validate(case: schemathesis.Case) -> None:
    # A savepoint per request: a database error in one request (a 500 that fails the test) must
    # not leave the test's PostgreSQL transaction aborted, which would fail every later request.
    with transaction.atomic():
        # Uncompressed, as a client that decodes gzip would read it (the API is gzipped).
        response = case.call(app=APP, headers={"Accept-Encoding": "identity"})
        transaction.set_rollback(True)
    case.validate_response(response)  # every check Schemathesis has (its default)


@pytest.mark.django_db
@schema.include(path=LIST_PATH).parametrize()
@_fuzz_settings(LIST_EXAMPLES)
def test_news_list_answers_every_request_as_documented(case, newsroom):
    """No 5xx, and every response of the news list matches the OpenAPI document."""
    _call_and_validate(case)


@pytest.mark.django_db
@schema.exclude(path=LIST_PATH).parametrize()
@_fuzz_settings(OTHER_EXAMPLES)
def test_api_answers_every_request_as_documented(case, newsroom):
    """No 5xx, and every response of the other operations matches the OpenAPI document."""
    _call_and_validate(case)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"{LIST_PATH}?offset=100000000000000000000", 400),
        (f"{LIST_PATH}?index=9223372036854775808", 400),
        (f"{LIST_PATH}?date_from=0001-01-01", 200),
        (f"{LIST_PATH}?date_to=9999-12-31", 200),
        (f"{LIST_PATH}?search=%22", 200),
        (f"{LIST_PATH}?search=OR%20(%20*%20%22", 200),
        (f"{LIST_PATH}?search=a%00b", 400),
        (f"{LIST_PATH}?tag=a%00b", 400),
        (f"{LIST_PATH}?category=a%00b", 400),
        (f"{LIST_PATH}?locale=a%00b", 400),
        (f"{LIST_PATH}find/?path=a%00b", 404),
        (f"{LIST_PATH}find/?path=http://[", 404),
        (f"{LIST_PATH}abc/", 400),
        (f"{LIST_PATH}-1/qr.svg", 400),
        (f"{LIST_PATH}1497273459095645580165120/", 400),
        (f"{LIST_PATH}1497273459095645580165120/qr.png", 400),
    ],
)
def test_hostile_inputs_are_answered_as_documented(client, article, url, status):
    """Inputs that once raised a 500 or answered in HTML get a documented problem or a list."""
    assert api_get(client, url).status_code == status
