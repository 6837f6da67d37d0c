"""Import a portal's existing news: from RSS/Atom feeds, sitemaps or a folder of saved pages.

An optional sub-app: install the extra (``pip install "wagtail-govnews[import]"``), add
``"wagtail_govnews.contrib.importer"`` to ``INSTALLED_APPS``, run ``migrate``, then
``manage.py govnews_import SOURCE --into SECTION`` (docs/how-to/importing.md).
"""
