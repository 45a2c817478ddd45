"""Publishing through the Wagtail admin: an initiative's editors work only in
their own subtree, submit for moderation, and a municipality moderator
approves (the page is then on the site and in search) or sends it back with a
comment. A trusted initiative publishes directly."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from initiatives.models import ActivityPage, InitiativePage
from initiatives.permissions import MODERATORS, WORKFLOW_NAME, ensure_moderation_setup, grant_access
from initiatives.services import initiative_member_add
from tests.factories import ActivityPageFactory, InitiativePageFactory, UserFactory
from tests.search.conftest import WIELWIJK

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@gemeente.nl")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.fixture
def own(index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis Wielwijk", location=WIELWIJK)
    grant_access(initiative)
    return initiative


@pytest.fixture
def other(index):
    initiative = InitiativePageFactory(parent=index, title="Stichting Anders", location=WIELWIJK)
    grant_access(initiative)
    return initiative


@pytest.fixture
def editor(own):
    user = UserFactory(email="editor@wielwijk.nl")
    initiative_member_add(user=user, initiative=own)
    return user


def activity_form(action: str, **overrides):
    data = {
        "title": "Taalcafé Wielwijk",
        "slug": "taalcafe-wielwijk",
        "intro": "Nederlands oefenen met buren, bij een kop koffie.",
        "description": rich_text("<p>Iedereen is welkom.</p>"),
        "starts_on": "2026-12-01",
        "start_time": "10:00",
        "end_time": "12:00",
        "recurrence": "weekly",
        "repeat_until": "",
        "ends_on": "",
        "is_free": "on",
        "cost": "",
        "cost_note": "",
        "registration_info": "",
        "capacity": "",
        "meeting_place": "",
        "street": "",
        "house_number": "",
        "postcode": "",
        "town": "Dordrecht",
        "location_lat": str(WIELWIJK.y),
        "location_lon": str(WIELWIJK.x),
        "exceptions": inline_formset([]),
        "comments": inline_formset([]),
        f"action-{action}": "1",
    }
    data.update(overrides)
    return nested_form_data(data)


def workflow_action(client, page, action: str, comment: str = ""):
    """What the moderator's approve / request-changes button posts."""
    state = WorkflowState.objects.get(object_id=str(page.pk))
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, state.current_task_state.pk],
    )
    return client.post(url, {"comment": comment})


def add_url(parent) -> str:
    return f"/admin/pages/add/initiatives/activitypage/{parent.pk}/"


def test_setup_is_one_workflow_on_the_whole_tree():
    ensure_moderation_setup()  # again: nothing doubles
    root = Page.get_first_root_node()
    workflow = root.get_workflow()
    assert workflow.name == WORKFLOW_NAME and workflow.active
    (task,) = workflow.tasks.specific()
    assert list(task.groups.values_list("name", flat=True)) == [MODERATORS]
    assert Group.objects.filter(name=MODERATORS).count() == 1


def test_editor_cannot_touch_another_initiative(client, editor, own, other):
    their_activity = ActivityPageFactory(parent=other, title="Hun activiteit")
    for page in (other, their_activity):
        perms = page.permissions_for_user(editor)
        assert not perms.can_edit() and not perms.can_publish() and not perms.can_delete()
    assert not other.permissions_for_user(editor).can_add_subpage()
    assert own.permissions_for_user(editor).can_add_subpage()
    assert own.permissions_for_user(editor).can_edit()
    assert not own.permissions_for_user(editor).can_publish()

    client.force_login(editor)
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code == 302
    assert client.get(add_url(other)).status_code == 302
    response = client.post(add_url(other), activity_form("publish", slug="indringer"))
    assert response.status_code == 302
    assert not Page.objects.filter(slug="indringer").exists()
    response = client.post(
        f"/admin/pages/{their_activity.pk}/edit/",
        activity_form("publish", title="Overgenomen", slug=their_activity.slug),
    )
    their_activity.refresh_from_db()
    assert their_activity.title == "Hun activiteit"
    assert client.post(f"/admin/pages/{their_activity.pk}/unpublish/").status_code == 302
    their_activity.refresh_from_db()
    assert their_activity.live
    # The explorer does not offer the other initiative either.
    assert client.get(f"/admin/pages/{other.pk}/").status_code == 302


def test_submit_approve_then_on_the_site_and_in_search(
    client, editor, own, moderator, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    # Publishing directly is not possible without publish permission.
    client.post(add_url(own), activity_form("publish"))
    draft = ActivityPage.objects.get(slug="taalcafe-wielwijk")
    assert not draft.live
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/{draft.pk}/edit/", activity_form("submit", title="Taalcafé Wielwijk")
        )
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    draft.refresh_from_db()
    assert not draft.live
    assert any("moderator@gemeente.nl" in m.to for m in mail.outbox)  # Wagtail tells moderators
    assert client.get("/api/search/", {"q": "taalcafé"}).json()["total"] == 0

    client.force_login(moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = workflow_action(client, draft, "approve")
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert any("editor@wielwijk.nl" in m.to for m in mail.outbox)  # told it is live

    client.logout()
    assert client.get(draft.url).status_code == 200
    results = client.get("/api/search/", {"q": "taalcafé"}).json()
    assert [r["title"] for r in results["results"]] == ["Taalcafé Wielwijk"]


def test_moderator_sends_back_with_a_comment(
    client, editor, own, moderator, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    client.post(add_url(own), activity_form("submit"))
    page = ActivityPage.objects.get(slug="taalcafe-wielwijk")
    state = WorkflowState.objects.get(object_id=str(page.pk))

    client.force_login(moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, page, "reject", "Zet er een eindtijd en het adres bij.")
    state.refresh_from_db()
    page.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live
    task_state = state.task_states.get()
    assert task_state.get_comment() == "Zet er een eindtijd en het adres bij."
    assert any("editor@wielwijk.nl" in m.to for m in mail.outbox)

    # The editor sees it and can resubmit.
    client.force_login(editor)
    body = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Zet er een eindtijd en het adres bij." in body


def test_trusted_initiative_publishes_directly(client, editor, own):
    grant_access(own, trusted=True)
    assert own.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    client.post(add_url(own), activity_form("publish"))
    page = ActivityPage.objects.get(slug="taalcafe-wielwijk")
    assert page.live
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()


def test_access_removed_with_its_group(own, editor):
    access = own.access
    group_id = access.group_id
    access.delete()
    assert not Group.objects.filter(pk=group_id).exists()
    assert not InitiativePage.objects.get(pk=own.pk).permissions_for_user(editor).can_edit()


def test_registered_initiative_publishes_an_activity_a_moderator_approves(
    client, index, moderator, django_capture_on_commit_callbacks
):
    """Issue 5's 'done when', through the public form and the admin only."""
    from initiatives.models import InitiativeRegistration, PostcodeCentroid

    PostcodeCentroid.objects.create(postcode="3317 AB", point=WIELWIJK, town="Dordrecht")
    client.post(
        "/initiatief-aanmelden/",
        {
            "title": "Buurtkamer Oost",
            "intro": "Een huiskamer voor de buurt.",
            "postcode": "3317 AB",
            "contact_name": "Joost de Vries",
            "email": "joost@example.nl",
            "agree": "on",
        },
    )
    registration = InitiativeRegistration.objects.get()
    # The applicant follows the link mailed to confirm the address.
    from initiatives.services import confirmation_path

    client.post(confirmation_path(registration))
    registration.refresh_from_db()
    client.force_login(moderator)
    detail = reverse("initiatives_registration", args=[registration.pk])
    client.post(detail, {"approve": "1"})
    initiative = InitiativePage.objects.get(pk=registration.page_id)
    assert initiative.live

    applicant = registration.applicant
    applicant.refresh_from_db()
    client.force_login(applicant)
    client.post(add_url(initiative), activity_form("submit"))
    activity = ActivityPage.objects.get(slug="taalcafe-wielwijk")
    assert not activity.live and activity.get_parent().pk == initiative.pk

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, activity, "approve")
    client.logout()
    activity.refresh_from_db()
    assert activity.live
    assert "Taalcafé Wielwijk" in client.get(initiative.url).content.decode()
    results = client.get("/api/search/", {"q": "taalcafé"}).json()["results"]
    assert [r["title"] for r in results] == ["Taalcafé Wielwijk"]


def test_moderator_marks_an_initiative_trusted_in_the_admin(client, own, editor, moderator):
    client.force_login(moderator)
    listing = client.get(reverse("initiative_access:index"))
    assert listing.status_code == 200 and "Buurthuis Wielwijk" in listing.content.decode()
    # Access is made on approval, never by hand.
    assert client.get(reverse("initiative_access:add")).status_code in (302, 403)
    edit = reverse("initiative_access:edit", args=[own.access.pk])
    response = client.post(edit, {"trusted": "on"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.permissions_for_user(editor).can_publish()
    # An initiative's own editor cannot make itself trusted.
    client.force_login(editor)
    client.post(edit, {"trusted": ""})
    assert own.permissions_for_user(editor).can_publish()
