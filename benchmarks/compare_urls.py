"""URLs of the comparison run: the example project's, plus a stock minimal article render.

The minimal render is what a site gets from Wagtail alone: Wagtail's own page serving (site,
route, view restriction hooks, as ``wagtail.views.serve`` does) and a small template showing
title, dateline, lead, hero image, categories, tags and body through Wagtail's template tags.
``benchmarks/compare.py`` times it beside the package's full article page.
"""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.http import Http404, HttpRequest, HttpResponse
from django.template import engines
from django.urls import path
from wagtail import hooks
from wagtail.models import Page

from example_project.urls import urlpatterns as site_urlpatterns

MINIMAL_TEMPLATE = """{% load wagtailcore_tags wagtailimages_tags %}<!DOCTYPE html>
<html lang="{{ page.locale.language_code }}"><head><title>{{ page.title }}</title></head><body>
<article><h1>{{ page.title }}</h1><time datetime="{{ page.date|date:'c' }}">{{ page.date }}</time>
<p><strong>{{ page.lead }}</strong></p>
{% if page.hero_image %}{% image page.hero_image fill-1200x675 %}{% endif %}
<ul>{% for category in page.categories.all %}<li>{{ category.name }}</li>{% endfor %}</ul>
<ul>{% for tag in page.tags.all %}<li>{{ tag.name }}</li>{% endfor %}</ul>
{% for block in page.body %}{% include_block block %}{% endfor %}
<p>{{ page.author }}</p></article></body></html>"""


def minimal_article(request: HttpRequest, path: str) -> HttpResponse:
    """Serve a news page with stock Wagtail only (no package tags, caches or prefetching)."""
    route = Page.route_for_request(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    template = engines["django"].from_string(MINIMAL_TEMPLATE)
    return HttpResponse(template.render({"page": page, "request": request}, request))


urlpatterns = [
    *i18n_patterns(
        path("benchmark/minimal/<path:path>", minimal_article, name="benchmark_minimal"),
        prefix_default_language=True,
    ),
    *site_urlpatterns,
]
