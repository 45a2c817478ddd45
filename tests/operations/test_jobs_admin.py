""" "Achtergrondtaken" in the admin: superusers and moderators see every job's
last runs, with a warning when one is overdue or failed; others get a 403."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from initiatives.permissions import MODERATORS, ensure_moderation_setup
from operations.models import JobState, WorkerHeartbeat
from tests.factories import UserFactory

URL = "/admin/achtergrondtaken/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(home):
    ensure_moderation_setup()
    user = UserFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def test_moderator_sees_jobs_with_warnings(client, moderator):
    now = timezone.now()
    JobState.objects.create(
        name="search-drain",
        last_started_at=now - timedelta(hours=3),
        last_finished_at=now - timedelta(hours=3),
        last_success_at=now - timedelta(hours=3),
    )
    JobState.objects.create(
        name="followups",
        last_started_at=now - timedelta(minutes=5),
        last_finished_at=now - timedelta(minutes=5),
        last_failure_at=now - timedelta(minutes=5),
        last_error="CommandError: kapot",
        failures=1,
    )
    WorkerHeartbeat.objects.create(host="server-7", pid=42, beat_at=now)
    client.force_login(moderator)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Achtergrondtaken" in html
    assert "te laat: search-drain" in html
    assert "De laatste keer mislukt: followups" in html
    assert "CommandError: kapot" in html
    assert "manage.py send_match_alerts" in html
    assert "Nog nooit gestart" in html
    assert "elke 5 minuten" in html and "dagelijks om 03:30" in html
    assert "server-7" not in html  # host names: for superusers only


def test_no_worker_is_said_plainly(client, moderator):
    client.force_login(moderator)
    assert "Er draait geen worker" in client.get(URL).content.decode()
    WorkerHeartbeat.objects.create(
        host="server-7", pid=42, beat_at=timezone.now() - timedelta(minutes=30)
    )
    assert "Er draait geen worker" in client.get(URL).content.decode()  # silent
    WorkerHeartbeat.objects.create(host="server-8", pid=43, beat_at=timezone.now())
    assert "Er draait geen worker" not in client.get(URL).content.decode()


def test_superuser_sees_the_hosts(client, home):
    WorkerHeartbeat.objects.create(host="server-7", pid=42, beat_at=timezone.now())
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert "server-7" in client.get(URL).content.decode()


def test_an_editor_gets_403(client, home):
    user = UserFactory()  # admin access, as an initiative's editor has
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(URL).status_code == 403
