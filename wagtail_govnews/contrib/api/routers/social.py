"""``/social/``: the site's social accounts, each with its QR code."""

from __future__ import annotations

import logging

from django.conf import settings as django_settings
from django.http import HttpRequest
from ninja import Query, Router
from ninja.decorators import decorate_view
from wagtail.models import Site

from wagtail_govnews.contrib.api.caching import http_cached
from wagtail_govnews.contrib.api.params import SocialParams, reject_unknown_params
from wagtail_govnews.contrib.api.schemas import Problem, SocialAccounts
from wagtail_govnews.models import GovNewsSettings
from wagtail_govnews.qr import QRCodeError, cached_qr_svg

router = Router(tags=["social"])
logger = logging.getLogger(__name__)


@router.get("/", response={200: SocialAccounts, 400: Problem}, url_name="social_accounts")
@decorate_view(http_cached())
def social_accounts(request: HttpRequest, params: Query[SocialParams]) -> dict:
    """The portal's name and official social accounts in one language, with a QR code each."""
    reject_unknown_params(request, set(SocialParams.model_fields))
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return {"portal_name": "", "items": []}
    settings = GovNewsSettings.for_site(site)
    items = []
    language = params.locale or django_settings.LANGUAGE_CODE  # not the visitor's: cached
    for account in settings.accounts_for(language):
        try:
            qr_svg = cached_qr_svg(account.url, title=account.name)
        except QRCodeError as error:
            logger.warning("QR code of %s not rendered: %s", account.url, error)
            qr_svg = ""
        items.append(
            {"network": account.network, "name": account.name, "url": account.url, "qr_svg": qr_svg}
        )
    return {"portal_name": settings.identity(language).portal_name, "items": items}
