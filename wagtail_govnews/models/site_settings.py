"""Per-site settings editors change in the admin: who runs the portal, social accounts, frontend.

The portal's identity (name, agency in charge, address, person responsible, licence) is entered
in the site's main language, with optional overrides per content language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant
from wagtail.fields import StreamField
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


IDENTITY_FIELDS = ("portal_name", "agency_in_charge", "address", "person_responsible", "licence")


@dataclass(frozen=True)
class PortalIdentity:
    """Who runs the portal, in one language: what its masthead and footer show."""

    portal_name: str
    agency_in_charge: str
    address: str
    person_responsible: str
    licence: str
    phone: str
    email: str
    logo: Any
    favicon: Any


def _content_language(language_code: str | None) -> str:
    try:
        return get_supported_content_language_variant(language_code or get_language() or "")
    except LookupError:
        return ""


def content_language_choices() -> list[tuple[str, str]]:
    """The site's content languages as form choices (read when the form is built)."""
    return list(get_content_languages().items())


class PortalInLanguageBlock(blocks.StructBlock):
    """The portal's identity in one more language; fields left empty show the main values."""

    language_code = blocks.ChoiceBlock(label=_("language"), choices=content_language_choices)
    portal_name = blocks.CharBlock(label=_("portal name"), required=False, max_length=255)
    agency_in_charge = blocks.CharBlock(label=_("agency in charge"), required=False, max_length=255)
    address = blocks.CharBlock(label=_("address"), required=False, max_length=255)
    person_responsible = blocks.CharBlock(
        label=_("person responsible"), required=False, max_length=255
    )
    licence = blocks.CharBlock(label=_("licence"), required=False, max_length=255)

    class Meta:
        icon = "globe"
        label = _("Language")


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
    favicon = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("favicon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A square image shown in browser tabs and bookmarks. Empty: the logo."),
    )
    agency_in_charge = models.CharField(
        _("agency in charge"),
        max_length=255,
        blank=True,
        help_text=_("The governing agency, e.g. “Ủy ban nhân dân Thành phố”."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    person_responsible = models.CharField(
        _("person responsible"),
        max_length=255,
        blank=True,
        help_text=_("Name and title of the person responsible for the content."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=255,
        blank=True,
        help_text=_("The portal's licence, e.g. “Giấy phép số 123/GP-TTĐT ngày 01/02/2023”."),
    )
    identity_translations = StreamField(
        [("language", PortalInLanguageBlock())],
        verbose_name=_("portal in other languages"),
        blank=True,
        help_text=_("Fields left empty show the values above."),
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
        MultiFieldPanel(
            [FieldPanel(name) for name in (*IDENTITY_FIELDS, "phone", "email", "logo", "favicon")],
            heading=_("Portal"),
        ),
        FieldPanel("identity_translations"),
        InlinePanel("social_accounts", heading=_("Social accounts"), label=_("Account")),
        MultiFieldPanel([FieldPanel("zalo_oa_id")], heading=_("Zalo")),
        MultiFieldPanel([FieldPanel("frontend_preview_url")], heading=_("Headless frontend")),
    ]

    select_related = ["logo", "favicon"]

    class Meta:
        verbose_name = _("news portal settings")

    def identity(self, language_code: str | None = None) -> PortalIdentity:
        """The portal as shown in ``language_code`` (default: the active language)."""
        language = _content_language(language_code)
        memo = self.__dict__.setdefault("_identities", {})
        if language not in memo:
            memo[language] = self._identity_in(language)
        return memo[language]

    def _identity_in(self, language: str) -> PortalIdentity:
        images = [image for image in {self.logo, self.favicon} if image is not None]
        prefetch_related_objects(images, "renditions")  # the masthead and favicon: one query
        override = next(
            (
                block.value
                for block in self.identity_translations
                if block.value["language_code"] == language
            ),
            {},
        )
        return PortalIdentity(
            **{name: override.get(name) or getattr(self, name) for name in IDENTITY_FIELDS},
            phone=self.phone,
            email=self.email,
            logo=self.logo,
            favicon=self.favicon or self.logo,
        )

    def accounts_for(self, language_code: str | None = None) -> list[SocialAccount]:
        """The social accounts shown on pages in ``language_code`` (default: active language)."""
        language = _content_language(language_code)
        return [
            account
            for account in self.social_accounts.all()
            if account.language_code in ("", language)
        ]

    def clean(self) -> None:
        super().clean()
        languages = [block.value["language_code"] for block in self.identity_translations]
        if len(languages) != len(set(languages)):
            raise ValidationError({"identity_translations": _("Enter each language only once.")})
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
    language_code = models.CharField(
        _("language"),
        max_length=100,
        blank=True,
        choices=content_language_choices,
        help_text=_("Show it only on pages in this language. Empty: every language."),
    )

    panels = [
        FieldPanel("network"),
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("language_code"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("social account")
        verbose_name_plural = _("social accounts")

    def __str__(self) -> str:
        return self.name
