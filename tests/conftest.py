"""Shared fixtures for the wagtail-govnews test suite."""

from datetime import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import Site

from tests.factories import make_index, make_news
from wagtail_govnews.models import GovNewsSettings, SocialAccount

#: Moments at which ``pytest -m clock --clock=all`` runs every test marked ``clock``: each
#: weekday, the last minute and the first second of a day, and a leap day (portal time).
CLOCK_CASES = {
    "monday": "2026-11-30T09:15:00+07:00",
    "tuesday": "2026-12-01T09:15:00+07:00",
    "wednesday": "2026-12-02T09:15:00+07:00",
    "thursday": "2026-12-03T09:15:00+07:00",
    "friday": "2026-12-04T09:15:00+07:00",
    "saturday": "2026-12-05T09:15:00+07:00",
    "sunday": "2026-12-06T07:00:00+07:00",
    "23:59": "2026-12-06T23:59:00+07:00",
    "00:00": "2026-12-07T00:00:00+07:00",
    "leap-day": "2028-02-29T12:00:00+07:00",
}

#: The moments where a day ends or a week or month turns: enough for a slow test whose outcome
#: depends on the date but not on the weekday (``@pytest.mark.clock(moments=DAY_EDGES)``).
DAY_EDGES = ("sunday", "23:59", "00:00", "leap-day")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock",
        default="",
        help=(
            "Run the tests marked 'clock' with the clock set to each named moment "
            f"(comma-separated, or 'all'): {', '.join(CLOCK_CASES)}."
        ),
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    chosen = metafunc.config.getoption("--clock")
    marker = metafunc.definition.get_closest_marker("clock")
    if not chosen or not marker:
        return
    names = list(CLOCK_CASES) if chosen == "all" else chosen.split(",")
    unknown = set(names) - set(CLOCK_CASES)
    if unknown:
        raise pytest.UsageError(f"--clock: unknown moments {sorted(unknown)}")
    if "moments" in marker.kwargs:
        names = [name for name in names if name in marker.kwargs["moments"]]
    if not names:
        metafunc.fixturenames.append("clock_moment")
        metafunc.parametrize(
            "clock_moment",
            [
                pytest.param(
                    None, marks=pytest.mark.skip(reason="not one of this test's clock moments")
                )
            ],
            ids=["other-moment"],
        )
        return
    metafunc.fixturenames.append("clock_moment")
    metafunc.parametrize("clock_moment", [CLOCK_CASES[name] for name in names], ids=names)


@pytest.fixture(autouse=True)
def travel_to_clock_moment(request: pytest.FixtureRequest):
    """With ``--clock``, start the clock of a ``clock`` test at its moment (it keeps ticking)."""
    callspec = getattr(request.node, "callspec", None)
    moment = callspec.params.get("clock_moment") if callspec else None
    if moment is None:
        yield
        return
    with time_machine.travel(datetime.fromisoformat(moment), tick=True):
        yield


@pytest.fixture(autouse=True)
def clear_cache():
    """Each test starts with an empty cache (QR codes, renditions)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor_client(client, db):
    """The test client logged in as a superuser (an editor with every permission)."""
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def news_index(db):
    """A published "Tin tức" section under the default site's root page."""
    return make_index()


@pytest.fixture
def article(news_index):
    """A published article with only a title and a lead."""
    return make_news(news_index, "Thành phố khai trương tuyến xe buýt mới", lead="Tóm tắt tin.")


@pytest.fixture
def social_accounts(db):
    """Two social accounts on the default site's settings."""
    settings = GovNewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.portal_name = "Cổng thông tin thử nghiệm"
    settings.save()
    return [
        SocialAccount.objects.create(
            settings=settings,
            network="facebook",
            name="Fanpage thử",
            url="https://www.facebook.com/test.portal",
            sort_order=0,
        ),
        SocialAccount.objects.create(
            settings=settings,
            network="zalo",
            name="Zalo OA thử",
            url="https://zalo.me/1234567890",
            sort_order=1,
        ),
    ]
