"""Who runs the portal: footer (Decree 42/2022), favicon, social accounts, in each language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Locale, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.factories import make_home, make_image, make_index, make_news, translate
from wagtail_govnews.models import GovNewsSettings, SocialAccount

ADDRESS = "Số 1 đường Trung Tâm <script>alert(1)</script>"


@pytest.fixture
def portal(db):
    """Portal settings in Vietnamese with an English override of three fields."""
    settings = GovNewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.portal_name = "Cổng thông tin điện tử Thành phố"
    settings.agency_in_charge = "Ủy ban nhân dân Thành phố"
    settings.address = ADDRESS
    settings.phone = "028 3829 6052"
    settings.email = "congthongtin@example.gov.vn"
    settings.person_responsible = "Ông Nguyễn Văn An"
    settings.licence = "Giấy phép số 00/GP-TTĐT"
    settings.identity_translations = [
        {
            "type": "language",
            "value": {
                "language_code": "en",
                "portal_name": "City e-Portal",
                "agency_in_charge": "City People's Committee",
                "licence": "Licence No. 00/GP-TTĐT",
            },
        }
    ]
    settings.save()
    SocialAccount.objects.create(
        settings=settings,
        network="facebook",
        name="Fanpage Thành phố",
        url="https://fb.example/vi",
        language_code="vi",
    )
    SocialAccount.objects.create(
        settings=settings,
        network="facebook",
        name="City on Facebook",
        url="https://fb.example/en",
        language_code="en",
    )
    SocialAccount.objects.create(
        settings=settings, network="youtube", name="YouTube", url="https://yt.example/"
    )
    return settings


@pytest.fixture
def articles(portal):
    article = make_news(make_index(parent=make_home()), "Khai trương tuyến xe buýt")
    english = translate(article, Locale.objects.get_or_create(language_code="en")[0])
    return article, english


@pytest.mark.django_db
def test_vietnamese_page_shows_the_portal_footer(client, articles):
    html = client.get(articles[0].url).content.decode()
    footer = html[html.index('class="govnews-portal-footer"') :]
    assert "Ủy ban nhân dân Thành phố" in footer
    for label in ("Địa chỉ", "Điện thoại", "Thư điện tử", "Chịu trách nhiệm chính", "Giấy phép"):
        assert f"<dt>{label}</dt>" in footer
    assert "Cổng thông tin điện tử Thành phố" in footer
    assert 'href="tel:02838296052"' in footer
    assert 'href="mailto:congthongtin@example.gov.vn"' in footer
    assert "Ông Nguyễn Văn An" in footer and "Giấy phép số 00/GP-TTĐT" in footer
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in footer
    assert "<script>alert(1)" not in html


@pytest.mark.django_db
def test_english_page_shows_the_english_identity_and_falls_back(client, articles):
    html = client.get(articles[1].url).content.decode()
    assert "City People&#x27;s Committee" in html
    assert "<title>Khai trương tuyến xe buýt · City e-Portal</title>" in html
    assert "Licence No. 00/GP-TTĐT" in html
    assert "Ủy ban nhân dân" not in html and "Giấy phép số" not in html
    assert "Ông Nguyễn Văn An" in html  # not overridden: the Vietnamese value
    assert "Address" in html and "Địa chỉ" not in html


@pytest.mark.django_db
def test_social_accounts_follow_the_page_language(client, articles):
    vietnamese = client.get(articles[0].url).content.decode()
    english = client.get(articles[1].url).content.decode()
    assert "Fanpage Thành phố" in vietnamese and "City on Facebook" not in vietnamese
    assert "City on Facebook" in english and "Fanpage Thành phố" not in english
    assert "https://yt.example/" in vietnamese and "https://yt.example/" in english


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "portal_name", "names"),
    [
        ("", "Cổng thông tin điện tử Thành phố", ["Fanpage Thành phố", "YouTube"]),
        ("?locale=vi", "Cổng thông tin điện tử Thành phố", ["Fanpage Thành phố", "YouTube"]),
        ("?locale=en", "City e-Portal", ["City on Facebook", "YouTube"]),
    ],
)
def test_social_api_speaks_the_requested_language(client, articles, query, portal_name, names):
    data = client.get(f"/api/govnews/social/{query}").json()
    assert data["portal_name"] == portal_name
    assert [item["name"] for item in data["items"]] == names
    assert all(item["qr_svg"].startswith("<svg") for item in data["items"])


@pytest.mark.django_db
def test_social_api_rejects_a_language_the_site_lacks(client, portal):
    response = client.get("/api/govnews/social/?locale=fr")
    assert response.status_code == 400
    problem = response.json()
    assert problem["errors"][0]["loc"][-1] == "locale"
    assert "vi, en" in problem["errors"][0]["msg"]


@pytest.mark.django_db
def test_favicon_is_the_package_icon_until_the_site_sets_one(client, articles, portal):
    html = client.get(articles[0].url).content.decode()
    assert 'rel="icon" href="/static/wagtail_govnews/img/favicon.svg"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/wagtail_govnews/img/favicon.svg"
    assert "max-age=86400" in response["Cache-Control"]

    portal.favicon = make_image("Biểu trưng", size=(300, 300))
    portal.save()
    html = client.get(articles[0].url).content.decode()
    assert 'type="image/png" sizes="32x32"' in html and 'rel="apple-touch-icon"' in html
    location = client.get("/favicon.ico")["Location"]
    assert location.endswith(".png") and "fill-32x32" in location
    rendition = portal.favicon.renditions.get(filter_spec="fill-32x32|format-png")
    assert (rendition.width, rendition.height) == (32, 32) and rendition.url == location


@pytest.mark.django_db
def test_home_title_is_the_portal_name_with_a_description(client, articles):
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.intro = "<p>Tin tức chính thức của <b>Thành phố</b>.</p>"
    home.save_revision().publish()
    html = client.get(home.url).content.decode()
    assert "<title>Cổng thông tin điện tử Thành phố</title>" in html
    assert '<meta name="description" content="Tin tức chính thức của Thành phố.">' in html


def _settings_form(*english_names: str) -> dict:
    """The settings form as the admin posts it, with one English entry per name."""
    entries = [("language", {"language_code": "en", "portal_name": name}) for name in english_names]
    return nested_form_data(
        {
            "portal_name": "Cổng thử",
            "agency_in_charge": "Ủy ban nhân dân",
            "email": "lien-he@example.gov.vn",
            "identity_translations": streamfield(entries),
            "social_accounts": inline_formset([]),
        }
    )


@pytest.mark.django_db
def test_settings_admin_takes_one_entry_per_language(editor_client):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("wagtail_govnews", "govnewssettings", site.pk))
    response = editor_client.post(url, _settings_form("Portal", "Portal again"))
    assert response.status_code == 200
    assert "identity_translations" in response.context["form"].errors

    assert editor_client.post(url, _settings_form("Test portal")).status_code == 302
    saved = GovNewsSettings.for_site(site)
    assert saved.identity("en").portal_name == "Test portal"
    assert saved.identity("en").agency_in_charge == "Ủy ban nhân dân"  # not overridden
    assert saved.identity("vi").portal_name == "Cổng thử"
