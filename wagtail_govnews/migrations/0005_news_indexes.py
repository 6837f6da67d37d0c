"""An index on ``wagtailcore_page (depth, path)`` for "children of" and "siblings of" queries.

Wagtail finds the children of a page with ``depth = d AND path BETWEEN …``; in a tree of
100,000 articles that range covers nearly every row, so PostgreSQL scans the whole table
(about 20-70 ms for a site menu of the home page's sections, on every page view). With this
index the same query takes about 0.1 ms. See docs/reference/performance.md. Created on
PostgreSQL, SQLite and MySQL/MariaDB when it does not exist yet; other databases are left alone.
"""

from django.db import migrations

INDEX = "govnews_page_depth_path"
VENDORS = ("postgresql", "sqlite", "mysql")


def _index_exists(connection) -> bool:
    with connection.cursor() as cursor:
        return INDEX in connection.introspection.get_constraints(cursor, "wagtailcore_page")


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor in VENDORS and not _index_exists(connection):
        schema_editor.execute(f"CREATE INDEX {INDEX} ON wagtailcore_page (depth, path)")


def drop_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor in VENDORS and _index_exists(connection):
        on_table = " ON wagtailcore_page" if connection.vendor == "mysql" else ""
        schema_editor.execute(f"DROP INDEX {INDEX}{on_table}")


class Migration(migrations.Migration):
    dependencies = [("wagtail_govnews", "0004_newsroom")]

    # Not atomic: MySQL cannot roll back DDL, and Django refuses DDL inside a transaction there.
    operations = [migrations.RunPython(create_index, drop_index, atomic=False, elidable=False)]
