"""An index on ``wagtailcore_page (depth, path)`` for "children of" and "siblings of" queries.

Wagtail finds the children of a page with ``depth = d AND path BETWEEN …``; in a tree of
100,000 articles that range covers nearly every row, so PostgreSQL scans the whole table
(about 20-70 ms for a site menu of the home page's sections, on every page view). With this
index the same query takes about 0.1 ms. See docs/reference/performance.md. Only created on
PostgreSQL and SQLite (``IF NOT EXISTS`` keeps it idempotent); other databases are left alone.
"""

from django.db import migrations

INDEX = "govnews_page_depth_path"
VENDORS = ("postgresql", "sqlite")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor in VENDORS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor in VENDORS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtail_govnews", "0004_newsroom")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
