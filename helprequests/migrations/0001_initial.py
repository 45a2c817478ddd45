# Help requests, their offers and the sensitive words move here from
# volunteers (issue 13): they are a behaviour of their own. Only Django's idea
# of which app owns the models changes; the tables keep their names and rows
# (volunteers 0013 drops the models from volunteers' state).

import django.contrib.gis.db.models.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MODELS = ["helprequest", "helpoffer", "sensitiveterm"]


def content_types_follow(apps, schema_editor, old="volunteers", new="helprequests"):
    """Keep the content type rows, so the permissions that point at them
    (``moderate_helprequest``, the sensitive-word ones) keep their ids and every
    group or user holding them, under the new app label."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_back(apps, schema_editor):
    content_types_follow(apps, schema_editor, old="helprequests", new="volunteers")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('volunteers', '0012_consent_moved'),
        ('initiatives', '0007_hsds_service_ids'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HelpRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('asked_for_someone_else', models.BooleanField(default=False, verbose_name='ik vraag hulp voor iemand anders')),
                        ('on_behalf_of', models.CharField(blank=True, help_text='Bijvoorbeeld ‘mijn moeder’. Dit ziet alleen de beheerder, nooit de bezoekers.', max_length=80, verbose_name='voor wie')),
                        ('kind', models.CharField(choices=[('groceries', 'boodschappen'), ('transport', 'vervoer'), ('company', 'gezelschap'), ('odd_jobs', 'klusjes'), ('respite', 'respijt of oppas'), ('paperwork', 'administratie'), ('other', 'anders')], max_length=12, verbose_name='soort hulp')),
                        ('title', models.CharField(max_length=100, verbose_name='korte omschrijving')),
                        ('description', models.TextField(max_length=2000, verbose_name='wat is er nodig')),
                        ('when_text', models.CharField(blank=True, help_text='Bijvoorbeeld ‘dinsdagmiddag’.', max_length=100, verbose_name='wanneer')),
                        ('when_date', models.DateField(blank=True, null=True, verbose_name='datum')),
                        ('postcode', models.CharField(max_length=7, verbose_name='postcode')),
                        ('location', django.contrib.gis.db.models.fields.PointField(blank=True, editable=False, geography=True, null=True, srid=4326)),
                        ('public_location', django.contrib.gis.db.models.fields.PointField(blank=True, editable=False, geography=True, null=True, srid=4326)),
                        ('status', models.CharField(choices=[('pending', 'wacht op goedkeuring'), ('published', 'gepubliceerd'), ('matched', 'hulp gevonden'), ('closed', 'gesloten'), ('rejected', 'afgewezen'), ('archived', 'gearchiveerd')], default='pending', max_length=12, verbose_name='status')),
                        ('rejection_reason', models.TextField(blank=True, max_length=1000, verbose_name='reden van afwijzing')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('published_at', models.DateTimeField(blank=True, null=True)),
                        ('archived_at', models.DateTimeField(blank=True, null=True)),
                        ('moderated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='beoordeeld door')),
                        ('neighbourhood', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='initiatives.neighbourhood', verbose_name='wijk')),
                        ('requester', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='help_requests', to=settings.AUTH_USER_MODEL, verbose_name='hulpvrager')),
                    ],
                    options={
                        'verbose_name': 'hulpvraag',
                        'verbose_name_plural': 'hulpvragen',
                        'db_table': 'volunteers_helprequest',
                        'ordering': ['-created_at'],
                        'permissions': [('moderate_helprequest', 'Kan hulpvragen beoordelen')],
                    },
                ),
                migrations.CreateModel(
                    name='HelpOffer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('message', models.TextField(max_length=1000, verbose_name='bericht')),
                        ('status', models.CharField(choices=[('offered', 'aangeboden'), ('accepted', 'geaccepteerd'), ('declined', 'niet nodig'), ('withdrawn', 'ingetrokken')], default='offered', max_length=12, verbose_name='status')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('volunteer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='help_offers', to=settings.AUTH_USER_MODEL, verbose_name='vrijwilliger')),
                        ('help_request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='offers', to='helprequests.helprequest', verbose_name='hulpvraag')),
                    ],
                    options={
                        'verbose_name': 'hulpaanbod',
                        'verbose_name_plural': 'hulpaanbiedingen',
                        'db_table': 'volunteers_helpoffer',
                        'ordering': ['created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='SensitiveTerm',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('term', models.CharField(help_text='Een woord markeert ook woorden die ermee beginnen: ‘dement’ vindt ‘dementie’ en ‘dementerend’. Hoofdletters maken niet uit.', max_length=200, verbose_name='woord of patroon')),
                        ('kind', models.CharField(choices=[('word', 'woord (ook woorden die ermee beginnen)'), ('pattern', 'patroon (reguliere expressie)')], default='word', max_length=10, verbose_name='soort')),
                        ('reason', models.CharField(help_text='Dit ziet de moderator bij de markering, bijvoorbeeld ‘gezondheid’ of ‘telefoonnummer’.', max_length=60, verbose_name='waarom opletten')),
                        ('active', models.BooleanField(default=True, verbose_name='aan')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'verbose_name': 'gevoelig woord',
                        'verbose_name_plural': 'gevoelige woorden',
                        'db_table': 'volunteers_sensitiveterm',
                        'ordering': ['reason', 'term'],
                        'constraints': [models.UniqueConstraint(fields=('kind', 'term'), name='sensitive_term_once'), models.CheckConstraint(condition=models.Q(('term', ''), _negated=True), name='sensitive_term_not_empty')],
                    },
                ),
                migrations.AddIndex(
                    model_name='helprequest',
                    index=models.Index(fields=['status', '-published_at'], name='helprequest_status_pub_idx'),
                ),
                migrations.AddIndex(
                    model_name='helprequest',
                    index=models.Index(fields=['status', 'created_at'], name='helprequest_status_created_idx'),
                ),
                migrations.AddIndex(
                    model_name='helprequest',
                    index=models.Index(fields=['requester', '-created_at'], name='helprequest_requester_idx'),
                ),
                migrations.AddConstraint(
                    model_name='helprequest',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'rejected'), _negated=True), models.Q(('rejection_reason', ''), _negated=True), _connector='OR'), name='helprequest_rejected_has_reason'),
                ),
                migrations.AddConstraint(
                    model_name='helprequest',
                    constraint=models.CheckConstraint(condition=models.Q(('status', 'pending'), ('status', 'rejected'), ('published_at__isnull', False), _connector='OR'), name='helprequest_published_has_date'),
                ),
                migrations.AddConstraint(
                    model_name='helprequest',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'archived'), _negated=True), ('archived_at__isnull', False), _connector='OR'), name='helprequest_archived_has_date'),
                ),
                migrations.AddConstraint(
                    model_name='helprequest',
                    constraint=models.CheckConstraint(condition=models.Q(('asked_for_someone_else', True), ('on_behalf_of', ''), _connector='OR'), name='helprequest_on_behalf_only_for_others'),
                ),
                migrations.AddIndex(
                    model_name='helpoffer',
                    index=models.Index(fields=['help_request', 'status'], name='helpoffer_request_status_idx'),
                ),
                migrations.AddConstraint(
                    model_name='helpoffer',
                    constraint=models.UniqueConstraint(fields=('help_request', 'volunteer'), name='helpoffer_one_per_volunteer'),
                ),
                migrations.AddConstraint(
                    model_name='helpoffer',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'accepted')), fields=('help_request',), name='helpoffer_one_accepted'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_back, elidable=False),
    ]
