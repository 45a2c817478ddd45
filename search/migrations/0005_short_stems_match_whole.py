from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_words_and_tags_in_one_gin"),
    ]

    operations = [
        # The query as the backend asks it: Dutch stems, each a prefix
        # ('koffie' -> 'koffi':* finds koffieochtend), except stems of up to
        # three letters, which match whole: 'samen' -> 'sam' would otherwise
        # find every word starting with 'sam' (and read a GIN entry for each).
        # Immutable and inlined, so the planner sees the constant query.
        migrations.RunSQL(
            r"""
            CREATE OR REPLACE FUNCTION search_query(q text) RETURNS tsquery
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT regexp_replace(
                    to_tsquery('dutch', q)::text, '''([^'']{1,3})'':\*', '''\1''', 'g'
                )::tsquery
            $$
            """,
            "DROP FUNCTION IF EXISTS search_query",
        ),
    ]
