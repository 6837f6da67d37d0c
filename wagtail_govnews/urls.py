"""URLs of wagtail-govnews; include once: ``path("govnews/", include("wagtail_govnews.urls"))``."""

from django.urls import path, register_converter

from . import views
from .converters import RowIdConverter
from .feeds import NewsAtomFeed, NewsFeed
from .sitemaps import news_sitemap

app_name = "wagtail_govnews"
register_converter(RowIdConverter, "rowid")

rss, atom = NewsFeed(), NewsAtomFeed()

urlpatterns = [
    path("news/<rowid:page_id>/qr.<str:fmt>", views.news_qr_code, name="news_qr_code"),
    # Feeds and sitemaps end in ".xml": a 404 there stays a 404 (no redirect to /vi/…).
    path("feeds/<str:lang>/rss.xml", rss, name="feed_rss"),
    path("feeds/<str:lang>/atom.xml", atom, name="feed_atom"),
    path("feeds/<str:lang>/section/<rowid:section_id>/rss.xml", rss, name="section_feed_rss"),
    path("feeds/<str:lang>/section/<rowid:section_id>/atom.xml", atom, name="section_feed_atom"),
    path("feeds/<str:lang>/category/<slug:category>/rss.xml", rss, name="category_feed_rss"),
    path("feeds/<str:lang>/category/<slug:category>/atom.xml", atom, name="category_feed_atom"),
    path("sitemaps/news-<str:lang>.xml", news_sitemap, name="news_sitemap"),
]
