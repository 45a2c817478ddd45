"""A partial index on the from-home vacancies, newest (highest id) last:
"Voor jou" chooses its from-home candidates from the newest few thousand
(volunteers/matching.py ``_from_home``), and with this index that is the
first rows of an index walk instead of a scan of every vacancy (one in
twelve works from home). Plain SQL here, beside the query that needs it,
rather than an index option on ``VacancyPage`` in initiatives."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0013_help_requests_moved"),
        ("initiatives", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS vacancy_from_home_idx "
            "ON initiatives_vacancypage (page_ptr_id) WHERE from_home",
            "DROP INDEX IF EXISTS vacancy_from_home_idx",
        ),
    ]
