"""What the importer remembers of each article it brought in: the key of idempotent runs."""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail_govnews.models import NewsPage


def url_key(url: str) -> str:
    """The unique key of an original address (its SHA-256: addresses may be long)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class ImportedArticle(models.Model):
    """One imported article: its original address, its page and the content last written."""

    url_hash = models.CharField(max_length=64, unique=True, editable=False)
    original_url = models.TextField(_("original address"))
    page = models.OneToOneField(
        NewsPage,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="import_record",
    )
    source = models.TextField(_("imported from"), help_text=_("The feed, sitemap or folder."))
    content_hash = models.CharField(max_length=64, editable=False)
    revision_id = models.BigIntegerField(null=True, editable=False)
    etag = models.CharField(max_length=255, blank=True, editable=False)
    last_modified = models.CharField(max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated by an import"), auto_now=True)

    class Meta:
        verbose_name = _("imported article")
        verbose_name_plural = _("imported articles")

    def __str__(self) -> str:
        return self.original_url

    def save(self, *args: object, **kwargs: object) -> None:
        self.url_hash = url_key(self.original_url)
        super().save(*args, **kwargs)
