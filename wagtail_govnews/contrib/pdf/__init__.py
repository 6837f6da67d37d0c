"""The "Save as PDF" download of an article (Decree 42/2022/NĐ-CP: print and save).

An optional sub-app: add ``"wagtail_govnews.contrib.pdf"`` to ``INSTALLED_APPS``. Its
functions live in :mod:`.article` (the article's document), :mod:`.document` (the
document's parts) and :mod:`.render` (fpdf2 rendering); importing this package loads none.
"""
