"""What an article in one language shows of its categories and tags."""

from __future__ import annotations

from django.utils.functional import cached_property

from .snippets import NewsCategory, localize_categories
from .tags import LocalizedTag, tag_links_with_names


class LocalizedTaxonomyMixin:
    """Categories and tags of a page in the page's own language.

    Translations keep the original's categories and tags (synchronised); pages show the
    categories' translations and the tags' names in their language, else the original ones.
    """

    def localized_categories(self) -> list[NewsCategory]:
        """The categories in this page's language."""
        return self.categories_in_own_locale

    @cached_property
    def categories_in_own_locale(self) -> list[NewsCategory]:
        """:meth:`localized_categories`, computed once; lists fill it for many pages in one
        query with :func:`.snippets.localize_categories`."""
        return localize_categories([self])[self.pk]

    def localized_tags(self) -> list[LocalizedTag]:
        """The tags in this page's language (their names there, the shared slugs), by name."""
        prefetched = "tagged_items" in getattr(self, "_prefetched_objects_cache", {})
        # A preview or a revision holds its tags in memory (modelcluster), unsaved.
        in_memory = "tagged_items" in getattr(self, "_cluster_related_objects", {})
        if prefetched or in_memory or not self.pk:
            links = self.tagged_items.all()
        else:
            links = tag_links_with_names().filter(content_object_id=self.pk)
        language = self.locale.language_code
        tags = [LocalizedTag(link.tag.name_in(language), link.tag.slug) for link in links]
        return sorted(tags, key=lambda tag: (tag.name.casefold(), tag.slug))  # a stable order
