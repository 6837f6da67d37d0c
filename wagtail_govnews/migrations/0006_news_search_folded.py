"""Readers' search on a stored, folded text: ``NewsPage.search_folded`` (see
:mod:`wagtail_govnews.search_text`), filled for every existing article, and on PostgreSQL a
generated ``tsvector`` column of it (``search_vector``, unknown to the model) with a GIN
index, so a search counts and orders every match without a scan or recomputing text.
"""

from django.db import migrations, models

from wagtail_govnews.search_text import folded_document

INDEX = "govnews_news_search"
BATCH = 500


def fill_search_text(apps, schema_editor):
    news_page = apps.get_model("wagtail_govnews", "NewsPage")
    manager = news_page.objects.db_manager(schema_editor.connection.alias)
    pages = manager.only(
        "pk", "title", "lead", "author", "body"
    )
    batch = []
    for page in pages.iterator(chunk_size=BATCH):
        body = page.body.stream_block.get_searchable_content(page.body)
        page.search_folded = folded_document([page.title, page.lead, page.author, *body])
        batch.append(page)
        if len(batch) == BATCH:
            manager.bulk_update(batch, ["search_folded"])
            batch = []
    manager.bulk_update(batch, ["search_folded"])


def add_vector(apps, schema_editor):
    """PostgreSQL: a generated tsvector column of search_folded, and its GIN index."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE wagtail_govnews_newspage ADD COLUMN IF NOT EXISTS search_vector "
            "tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple'::regconfig, COALESCE(search_folded, ''))) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtail_govnews_newspage "
            "USING gin (search_vector)"
        )


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(
            "ALTER TABLE wagtail_govnews_newspage DROP COLUMN IF EXISTS search_vector"
        )


class Migration(migrations.Migration):
    dependencies = [("wagtail_govnews", "0005_news_indexes")]

    operations = [
        migrations.AddField(
            model_name="newspage",
            name="search_folded",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(add_vector, drop_vector, elidable=False),
    ]
