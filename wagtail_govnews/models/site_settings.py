"""Per-site settings editors change in the admin: portal name and social accounts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
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
    """The portal's name and its official accounts on social networks."""

    portal_name = models.CharField(
        _("portal name"),
        max_length=255,
        blank=True,
        help_text=_("Publisher name shown on articles, e.g. “Cổng thông tin điện tử Thành phố”."),
    )
    zalo_oa_id = models.CharField(
        _("Zalo official account id"),
        max_length=64,
        blank=True,
        help_text=_("Used by Zalo's share button when the Zalo SDK is enabled."),
    )

    panels = [
        FieldPanel("portal_name"),
        InlinePanel("social_accounts", heading=_("Social accounts"), label=_("Account")),
        MultiFieldPanel([FieldPanel("zalo_oa_id")], heading=_("Zalo")),
    ]

    class Meta:
        verbose_name = _("news portal settings")


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
