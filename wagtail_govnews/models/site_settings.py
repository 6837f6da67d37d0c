"""Per-site settings editors change in the admin: portal name, logo, social accounts, frontend."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string
from wagtail.models import Orderable


class SocialNetwork(models.TextChoices):
    """Networks a portal commonly has an official account on."""

    FACEBOOK = "facebook", "Facebook"
    ZALO = "zalo", "Zalo"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    X = "x", "X"
    LINKEDIN = "linkedin", "LinkedIn"
    TELEGRAM = "telegram", "Telegram"
    OTHER = "other", _("Other")


@register_setting(icon="site")
class GovNewsSettings(ClusterableModel, BaseSiteSetting):
    """The portal's name and logo, its official social network accounts and headless frontend."""

    portal_name = models.CharField(
        _("portal name"),
        max_length=255,
        blank=True,
        help_text=_("Publisher name shown on articles, e.g. “Cổng thông tin điện tử Thành phố”."),
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The publisher's logo that search engines show with articles."),
    )
    zalo_oa_id = models.CharField(
        _("Zalo official account id"),
        max_length=64,
        blank=True,
        help_text=_("Used by Zalo's share button when the Zalo SDK is enabled."),
    )

    frontend_preview_url = models.CharField(
        _("headless frontend preview address"),
        max_length=500,
        blank=True,
        help_text=_(
            "Address of the headless frontend's preview page, with {token} where the preview "
            "token goes, e.g. “https://www.example.gov.vn/preview?token={token}”. When set, "
            "editors can preview drafts on the frontend. Leave empty to turn this off."
        ),
    )

    panels = [
        FieldPanel("portal_name"),
        FieldPanel("logo"),
        InlinePanel("social_accounts", heading=_("Social accounts"), label=_("Account")),
        MultiFieldPanel([FieldPanel("zalo_oa_id")], heading=_("Zalo")),
        MultiFieldPanel([FieldPanel("frontend_preview_url")], heading=_("Headless frontend")),
    ]

    class Meta:
        verbose_name = _("news portal settings")

    def clean(self) -> None:
        super().clean()
        url = self.frontend_preview_url.strip()
        self.frontend_preview_url = url
        if not url:
            return
        try:
            parts = urlsplit(url)
        except ValueError:  # e.g. a malformed IPv6 host
            parts = urlsplit("")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValidationError(
                {"frontend_preview_url": _("Enter an http:// or https:// address.")}
            )
        if "{token}" not in url:
            raise ValidationError({"frontend_preview_url": _("The address must contain {token}.")})


class SocialAccount(Orderable):
    """One official account of the portal, shown with a QR code of its address."""

    settings = ParentalKey(
        GovNewsSettings, on_delete=models.CASCADE, related_name="social_accounts"
    )
    network = models.CharField(_("network"), max_length=20, choices=SocialNetwork.choices)
    name = models.CharField(
        _("display name"), max_length=255, help_text=_("e.g. “Fanpage Cổng tin tức Thành phố”.")
    )
    url = models.URLField(_("address"), max_length=500)

    panels = [FieldPanel("network"), FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("social account")
        verbose_name_plural = _("social accounts")

    def __str__(self) -> str:
        return self.name
