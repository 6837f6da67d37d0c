"""URLs of wagtail-govnews; include once: ``path("govnews/", include("wagtail_govnews.urls"))``."""

from django.urls import path

from . import views

app_name = "wagtail_govnews"

urlpatterns = [
    path("news/<int:page_id>/qr.<str:fmt>", views.news_qr_code, name="news_qr_code"),
]
