import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0002_site_structure'),
        ('volunteers', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='MatchAlert',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sent_at', models.DateTimeField(verbose_name='verstuurd op')),
                ('vacancy', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.vacancypage', verbose_name='vacature')),
                ('volunteer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='match_alerts', to=settings.AUTH_USER_MODEL, verbose_name='vrijwilliger')),
            ],
            options={
                'verbose_name': 'matchmelding',
                'verbose_name_plural': 'matchmeldingen',
                'indexes': [models.Index(fields=['volunteer', '-sent_at'], name='match_alert_latest_idx')],
                'constraints': [models.UniqueConstraint(fields=('volunteer', 'vacancy'), name='match_alert_once_per_vacancy')],
            },
        ),
    ]
