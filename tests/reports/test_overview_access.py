"""The municipal overview (/admin/overzicht/) is for moderators and municipality
staff: an initiative's editors have admin access for their own pages, not for
figures about every wijk and every initiative."""

import pytest
from django.contrib.auth.models import Group, Permission

from initiatives.permissions import MODERATORS, grant_access
from initiatives.services import initiative_member_add
from reports.overview import can_view_overview
from tests.factories import InitiativePageFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/overzicht/"
MENU_LABEL = "Overzicht per wijk en thema"


@pytest.fixture
def editor(index):
    """A member of an approved initiative: in its group, with admin access."""
    initiative = InitiativePageFactory(parent=index)
    grant_access(initiative)
    user = UserFactory()
    initiative_member_add(user=user, initiative=initiative)
    assert user.has_perm("wagtailadmin.access_admin")
    return user


@pytest.fixture
def moderator(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.mark.parametrize("query", [{}, {"per": "thema"}, {"format": "csv"}])
def test_an_initiative_editor_gets_403(client, editor, query):
    client.force_login(editor)
    response = client.get(URL, query)
    assert response.status_code == 403
    assert b"Wielwijk" not in response.content and "text/csv" not in response["Content-Type"]


def test_a_bare_admin_user_gets_403(client):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_the_menu_item_is_hidden_for_editors(client, editor, moderator):
    client.force_login(editor)
    assert MENU_LABEL not in client.get("/admin/").content.decode()
    client.force_login(moderator)
    assert MENU_LABEL in client.get("/admin/").content.decode()


@pytest.mark.parametrize("query", [{}, {"per": "thema"}, {"format": "csv"}])
def test_moderators_staff_and_superusers_see_it(client, moderator, query):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for user in (moderator, staff, UserFactory(is_superuser=True)):
        client.force_login(user)
        assert client.get(URL, query).status_code == 200, user


def test_the_permission_alone_gives_it(editor):
    assert not can_view_overview(editor)
    editor.user_permissions.add(Permission.objects.get(codename="view_overview"))
    editor = type(editor).objects.get(pk=editor.pk)  # fresh permission cache
    assert can_view_overview(editor)
    editor.is_active = False
    assert not can_view_overview(editor)


def test_moderators_group_has_the_permission():
    group = Group.objects.get(name=MODERATORS)
    assert group.permissions.filter(
        content_type__app_label="reports", codename="view_overview"
    ).exists()
