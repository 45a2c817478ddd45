"""An activity takes place at a meeting place of its own initiative only. The
page editor offers nothing else, a hand-made post is refused with a Dutch
message, and the model refuses it however the activity is saved. Otherwise an
initiative could put its activity on another initiative's public page."""

import pytest
from django.core.exceptions import ValidationError

from initiatives.models import ActivityPage
from initiatives.page_forms import OTHER_INITIATIVES_PLACE
from initiatives.permissions import grant_access
from initiatives.services import initiative_member_add
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    UserFactory,
)
from tests.initiatives.test_publishing import activity_form, add_url
from tests.search.conftest import WIELWIJK

pytestmark = pytest.mark.django_db


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
    user = UserFactory()
    initiative_member_add(user=user, initiative=own)
    return user


@pytest.fixture
def places(own, other):
    mine = MeetingPlacePageFactory(parent=own, title="Onze huiskamer", street="Wielwijkplein")
    theirs = MeetingPlacePageFactory(parent=other, title="Hun huiskamer", street="Elders 1")
    return mine, theirs


def _offered(response) -> set[int]:
    field = response.context["form"].fields["meeting_place"]
    return {page.pk for page in field.queryset}


def test_the_add_form_offers_only_the_initiatives_own_places(client, editor, own, places):
    mine, theirs = places
    client.force_login(editor)
    response = client.get(add_url(own))
    assert response.status_code == 200
    assert _offered(response) == {mine.pk}
    html = response.content.decode()
    assert "Onze huiskamer" in html and "Hun huiskamer" not in html


def test_the_edit_form_offers_only_the_initiatives_own_places(client, editor, own, places):
    mine, _ = places
    activity = ActivityPageFactory(parent=own)
    client.force_login(editor)
    response = client.get(f"/admin/pages/{activity.pk}/edit/")
    assert response.status_code == 200
    assert _offered(response) == {mine.pk}


def test_a_moderator_also_gets_only_that_initiatives_places(admin_client, own, places):
    mine, _ = places
    assert _offered(admin_client.get(add_url(own))) == {mine.pk}


def test_posting_another_initiatives_place_is_refused_in_dutch(client, editor, own, places):
    _, theirs = places
    client.force_login(editor)
    response = client.post(add_url(own), activity_form("save", meeting_place=str(theirs.pk)))
    assert response.status_code == 200  # the form again, with the message
    assert OTHER_INITIATIVES_PLACE in response.content.decode()
    assert not ActivityPage.objects.filter(slug="taalcafe-wielwijk").exists()


def test_editing_to_another_initiatives_place_is_refused(client, editor, own, places):
    _, theirs = places
    activity = ActivityPageFactory(parent=own, slug="taalcafe-wielwijk")
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{activity.pk}/edit/",
        activity_form("save", meeting_place=str(theirs.pk)),
    )
    assert response.status_code == 200
    assert OTHER_INITIATIVES_PLACE in response.content.decode()
    activity.refresh_from_db()
    assert activity.meeting_place_id is None
    assert not activity.revisions.exists()  # no draft with it either


def test_the_own_place_is_taken_with_its_address(client, editor, own, places):
    mine, _ = places
    client.force_login(editor)
    response = client.post(add_url(own), activity_form("save", meeting_place=str(mine.pk)))
    assert response.status_code == 302
    activity = ActivityPage.objects.get(slug="taalcafe-wielwijk")
    assert activity.meeting_place_id == mine.pk
    assert activity.street == "Wielwijkplein"


def test_the_model_refuses_another_initiatives_place(own, places):
    """Whatever the form offered: a script, the shell or a future form."""
    _, theirs = places
    activity = ActivityPageFactory(parent=own)
    activity.meeting_place = theirs
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert error.value.message_dict["meeting_place"] == [OTHER_INITIATIVES_PLACE]
    with pytest.raises(ValidationError):
        activity.save()  # a live page is validated on save
    with pytest.raises(ValidationError):
        own.add_child(instance=ActivityPage(**_fields(meeting_place=theirs, live=True)))


def test_a_copy_to_another_initiative_leaves_the_place_behind(admin_client, own, other, places):
    mine, _ = places
    activity = ActivityPageFactory(parent=own, meeting_place=mine, street="Wielwijkplein")
    response = admin_client.post(
        f"/admin/pages/{activity.pk}/copy/",
        {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": other.pk,
         "publish_copies": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    copy = ActivityPage.objects.get(slug="kopie")
    assert copy.live and copy.get_parent().pk == other.pk
    assert copy.meeting_place_id is None and copy.street == "Wielwijkplein"


def _fields(**extra):
    import datetime as dt

    return {
        "title": "Nieuw",
        "slug": "nieuw",
        "intro": "Kom erbij.",
        "starts_on": dt.date(2026, 1, 6),
        "start_time": dt.time(10),
        "location": WIELWIJK,
        **extra,
    }


def test_the_place_page_shows_only_its_own_initiatives_activities(client, own, other, places):
    """Links made before this rule was enforced stay off the other page."""
    _, theirs = places
    ours = ActivityPageFactory(parent=own, title="Onze koffieochtend")
    theirs_too = ActivityPageFactory(parent=other, title="Hun koffieochtend")
    ActivityPage.objects.filter(pk__in=[ours.pk, theirs_too.pk]).update(meeting_place=theirs)
    html = client.get(theirs.url).content.decode()
    assert "Hun koffieochtend" in html
    assert "Onze koffieochtend" not in html
