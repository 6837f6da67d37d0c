"""``/preview/``: a draft article, unsaved edits included, for a headless frontend's preview."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from wagtail.models import Page

from wagtail_govnews.contrib.api.caching import private_no_store
from wagtail_govnews.contrib.api.params import reject_unknown_params
from wagtail_govnews.contrib.api.preview import page_for_token
from wagtail_govnews.contrib.api.schemas import NewsDetail, Problem
from wagtail_govnews.contrib.api.serializers import Section, detail

router = Router(tags=["preview"])


@router.get(
    "/",
    response={200: NewsDetail, 400: Problem, 401: Problem, 404: Problem},
    url_name="news_preview",
)
@decorate_view(private_no_store)
def preview_news(request: HttpRequest, token: str | None = None) -> dict:
    """The draft an editor is previewing, shaped like ``/news/{id}/``.

    The token comes from the "Headless frontend" preview mode of the Wagtail admin, which
    redirects to the frontend's preview address with it. It is valid for ``PREVIEW_MAX_AGE``
    seconds; a missing, forged or expired token is answered with 401, and a valid token whose
    draft is no longer stored with 404. Responses are never cached (``private, no-store``).
    """
    reject_unknown_params(request, {"token"})
    page = page_for_token(token)
    try:
        section = page.get_parent()
    except Page.DoesNotExist as error:  # the tree changed under the stored draft
        raise HttpError(404, _("This preview is no longer available.")) from error
    return detail(request, page, Section(section.pk, section.title)) | {"view_token": None}
