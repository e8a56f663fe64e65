"""PostgreSQL search indexes: full text through a GIN index, typo tolerance through trigrams.

The search backend matches ``title || body`` of Wagtail's index table against the query; without
an index on that expression every search scans the whole table. Trigram indexes on the plain
title and body text serve the typo-tolerant (fuzzy) search. Other databases need nothing here.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS twinit_search_vector_gin "
    "ON wagtailsearch_indexentry USING gin ((title || body))",
    "CREATE INDEX IF NOT EXISTS twinit_search_title_trgm "
    "ON wagtailsearch_indexentry USING gin (title_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS twinit_search_body_trgm "
    "ON wagtailsearch_indexentry USING gin (body_text gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS twinit_search_body_trgm",
    "DROP INDEX IF EXISTS twinit_search_title_trgm",
    "DROP INDEX IF EXISTS twinit_search_vector_gin",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)
    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("twinit_pages", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
