"""When a moderator decided on a help request (time to a decision in
followup/). Filled for what was decided before: the publication time of
approved requests; for rejected ones the last change, which is when the
rejection was saved (a rejected request is not edited afterwards)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("helprequests", "0004_helprequest_first_offer_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="helprequest",
            name="moderated_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunSQL(
            """
            UPDATE volunteers_helprequest
            SET moderated_at = CASE WHEN status = 'rejected' THEN updated_at
                                    ELSE COALESCE(published_at, updated_at) END
            WHERE status <> 'pending' AND moderated_at IS NULL
            """,
            migrations.RunSQL.noop,
        ),
    ]
