"""Old addresses keep working: a Wagtail redirect from an article's old path to its new page,
when the old address was on the site the article is imported into."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.apps import apps
from wagtail.models import Page, Site


def keep_old_address(old_url: str, page: Page) -> str:
    """Add the redirect from ``old_url``'s path to ``page`` when ``old_url`` was on the page's
    own site; a note of what was done ("" when nothing was needed)."""
    if not apps.is_installed("wagtail.contrib.redirects"):
        return ""
    from wagtail.contrib.redirects.models import Redirect

    parts = urlsplit(old_url)
    site = page.get_site()
    if site is None or parts.scheme not in ("http", "https") or not _same_site(parts, site):
        return ""
    old_path = Redirect.normalise_path(parts.path + (f"?{parts.query}" if parts.query else ""))
    url_parts = page.get_url_parts()
    if url_parts and Redirect.normalise_path(url_parts[2]) == old_path:
        return ""  # the article kept its address
    Redirect.objects.update_or_create(
        old_path=old_path, site=site, defaults={"redirect_page": page, "is_permanent": True}
    )
    return f"redirect {old_path} → page {page.pk}"


def _same_site(parts, site: Site) -> bool:
    """Whether the old host (and port, when it has one) is ``site``'s."""
    if (parts.hostname or "").lower() != site.hostname.lower():
        return False
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return site.port in (port, 80, 443) if parts.port is None else site.port == port
