# search_tags() named PostGIS' geometry type and ST_GeoHash without a schema.
# pg_restore runs with an empty search_path, so restoring a dump stopped at the
# generated column that calls it ("type geometry does not exist"): backups
# could not be restored (core/backups.py, docs/deploy.md). The same function,
# with PostGIS' objects qualified by the schema PostGIS is installed in. SQL
# functions without SET search_path stay inlinable (the search's speed).

from django.db import migrations
from psycopg2 import sql

FUNCTION = """
CREATE OR REPLACE FUNCTION search_tags(
    type varchar, themes varchar[], target_groups varchar[],
    free boolean, wheelchair boolean, location geography
) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ARRAY['t:' || type]
        -- string functions rather than ARRAY(SELECT ... unnest), a quarter faster
        || CASE WHEN cardinality(themes) > 0 THEN string_to_array(
            'th:' || array_to_string(themes, '|th:'), '|') ELSE '{{}}'::text[] END
        || CASE WHEN cardinality(target_groups) > 0 THEN string_to_array(
            'tg:' || array_to_string(target_groups, '|tg:'), '|') ELSE '{{}}'::text[] END
        || CASE WHEN free THEN ARRAY['free'] ELSE '{{}}'::text[] END
        || CASE WHEN wheelchair THEN ARRAY['wc'] ELSE '{{}}'::text[] END
        || CASE WHEN location IS NULL THEN '{{}}'::text[] ELSE ARRAY[
            'g4:' || {schema}.ST_GeoHash(location::{schema}.geometry, 4),
            'g5:' || {schema}.ST_GeoHash(location::{schema}.geometry, 5),
            'g6:' || {schema}.ST_GeoHash(location::{schema}.geometry, 6)
        ] END
$$
"""


def qualify(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'postgis'"
        )
        schema = cursor.fetchone()[0]
        cursor.execute(sql.SQL(FUNCTION).format(schema=sql.Identifier(schema.strip('"'))))


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0018_respite_and_safe_places"),
    ]

    operations = [
        migrations.RunPython(qualify, migrations.RunPython.noop),
    ]
