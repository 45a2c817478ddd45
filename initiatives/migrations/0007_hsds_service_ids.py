"""Find a service by its HSDS id (/open-data/hsds/services/<id>) with an
index: the id is uuid5(NAMESPACE, "service:<page id>") (initiatives/hsds.py),
which uuid-ossp's uuid_generate_v5 computes the same in PostgreSQL."""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations

NAMESPACE = "6f0d9d5e-3c51-4a8e-9a55-6d2b8f3f0a41"


def _index(table: str) -> migrations.RunSQL:
    name = f"{table.removeprefix('initiatives_')}_hsds_id"
    return migrations.RunSQL(
        f"CREATE INDEX {name} ON {table} "
        f"((uuid_generate_v5('{NAMESPACE}'::uuid, 'service:' || page_ptr_id::text)))",
        f"DROP INDEX IF EXISTS {name}",
    )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0006_places")]

    operations = [
        CreateExtension("uuid-ossp"),
        _index("initiatives_activitypage"),
        _index("initiatives_meetingplacepage"),
    ]
