"""One API response shows each article in one state, even when it is published meanwhile."""

from __future__ import annotations

import pytest
from wagtail.models import Locale

from tests.factories import make_news
from wagtail_govnews.contrib.api import serializers


@pytest.mark.django_db
def test_a_list_links_a_listed_translation_as_listed(client, news_index, monkeypatch):
    english = Locale.objects.get_or_create(language_code="en")[0]
    source = make_news(news_index, "Bản tin phiên bản 1", lead="Sapo phiên bản 1")
    source.copy_for_translation(english, copy_parents=True).save_revision().publish()
    read_translations = serializers.published_translations

    def publish_in_between(pages):
        """An editor publishes the source between the list's query and the next one."""
        source.title = "Bản tin phiên bản 2"
        source.save_revision().publish()
        return read_translations(pages)

    monkeypatch.setattr(serializers, "published_translations", publish_in_between)
    items = client.get("/api/govnews/news/").json()["items"]

    listed = {item["id"]: item["title"] for item in items}
    links = [link for item in items for link in item["translations"] if link["id"] == source.pk]
    assert listed[source.pk] == "Bản tin phiên bản 1"
    assert [link["title"] for link in links] == [listed[source.pk]]
