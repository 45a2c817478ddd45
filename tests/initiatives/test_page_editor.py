"""The page editor as an initiative's editor meets it: themes and target
groups are checkboxes (not Ctrl-click list boxes), and an editor who cannot
publish sees "Insturen ter goedkeuring" as the main button, not hidden under
"Meer acties"."""

import pytest
from bs4 import BeautifulSoup

from initiatives.permissions import grant_access
from tests.factories import (
    ActivityPageFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    TargetGroupFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis Wielwijk")
    grant_access(initiative)
    return initiative


@pytest.fixture
def editor(own):
    return InitiativeMemberFactory(initiative=own).user


def _soup(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def main_action(soup: BeautifulSoup) -> str:
    """The label of the button shown first in the editor's footer."""
    button = soup.select_one(".w-dropdown-button > button, .w-dropdown-button > a")
    if button is None:  # a single action has no dropdown
        button = soup.select_one("footer button[type=submit]")
    label = button.select_one("em") or button
    return label.get_text(strip=True)


@pytest.mark.parametrize("model", ["activitypage", "meetingplacepage", "vacancypage"])
def test_themes_and_target_groups_are_checkboxes(client, own, editor, model):
    ThemeFactory(name="Bewegen", slug="bewegen")
    TargetGroupFactory(name="Ouderen", slug="ouderen")
    client.force_login(editor)
    soup = _soup(client, f"/admin/pages/add/initiatives/{model}/{own.pk}/")
    for name in ("themes", "target_groups"):
        assert soup.select(f'input[type=checkbox][name="{name}"]'), name
        assert not soup.select(f'select[name="{name}"]'), name
    assert any("Bewegen" in label.get_text() for label in soup.select("label"))


def test_initiative_page_has_checkboxes_too(client, own, editor):
    ThemeFactory(name="Bewegen", slug="bewegen")
    client.force_login(editor)
    soup = _soup(client, f"/admin/pages/{own.pk}/edit/")
    assert soup.select('input[type=checkbox][name="themes"]')


def test_editor_who_cannot_publish_sees_submit_first(client, own, editor):
    page = ActivityPageFactory(parent=own, live=False)
    client.force_login(editor)
    assert main_action(_soup(client, f"/admin/pages/{page.pk}/edit/")) == (
        "Insturen ter goedkeuring"
    )
    add = _soup(client, f"/admin/pages/add/initiatives/activitypage/{own.pk}/")
    assert main_action(add) == "Insturen ter goedkeuring"
    # Saving a draft is still there, one click away.
    assert add.select_one("button.action-save")


def test_who_may_publish_keeps_publish_first(client, own, editor):
    grant_access(own, trusted=True)
    page = ActivityPageFactory(parent=own, live=False)
    client.force_login(editor)
    assert main_action(_soup(client, f"/admin/pages/{page.pk}/edit/")) != (
        "Insturen ter goedkeuring"
    )
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert main_action(_soup(client, f"/admin/pages/{page.pk}/edit/")) != (
        "Insturen ter goedkeuring"
    )
