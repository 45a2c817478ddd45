"""What held: Wagtail page permissions per initiative, bulk actions included.

An initiative's editors hold add/edit/lock (and publish, when trusted) on
their own initiative's subtree only (initiatives/permissions.py). Wagtail checks
those per page in its single-page views, and per page again in its bulk
actions (/admin/bulk/wagtailcore/page/<action>/?id=…), where a list of ids is
easy to tamper with. tests/initiatives/test_publishing.py covers edit, add,
publish and unpublish by an untrusted editor; these cover the bulk actions,
delete, move, copy, alias, lock, privacy, the workflow, the read-only views
of another initiative's draft, and the initiatives' image collections, for
trusted editors as well, whose publish permission makes the most damage
possible if it reached too far.
"""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, WorkflowState

from initiatives.models import ActivityPage
from initiatives.permissions import grant_access
from initiatives.services import initiative_member_add
from tests.factories import ActivityPageFactory, InitiativePageFactory, UserFactory
from tests.search.conftest import WIELWIJK

pytestmark = pytest.mark.django_db

DRAFT_TEXT = "Conceptzin die nog niemand mag lezen"


@pytest.fixture
def own(index):
    initiative = InitiativePageFactory(parent=index, title="Eigen initiatief", location=WIELWIJK)
    grant_access(initiative)
    return initiative


@pytest.fixture
def other(index):
    initiative = InitiativePageFactory(parent=index, title="Ander initiatief", location=WIELWIJK)
    grant_access(initiative)
    return initiative


@pytest.fixture(params=["untrusted", "trusted"])
def editor(request, own):
    """An editor of `own`; trusted ones may publish in their own subtree."""
    if request.param == "trusted":
        grant_access(own, trusted=True)
    user = UserFactory()
    initiative_member_add(user=user, initiative=own)
    return user


@pytest.fixture
def theirs(other):
    """Another initiative's live page and draft page (with unpublished text)."""
    live = ActivityPageFactory(parent=other, title="Hun activiteit", slug="hun-activiteit")
    live.save_revision().publish()
    draft = ActivityPageFactory(parent=other, title="Hun concept", slug="hun-concept", live=False)
    draft.intro = DRAFT_TEXT
    draft.save_revision()
    return live, draft


@pytest.fixture
def mine(own):
    live = ActivityPageFactory(parent=own, title="Onze activiteit", slug="onze-activiteit")
    draft = ActivityPageFactory(parent=own, title="Ons concept", slug="ons-concept", live=False)
    draft.save_revision()
    return live, draft


def tree(*pages) -> list[tuple]:
    """Where each page is, whether it is live, and its title."""
    return [
        Page.objects.filter(pk=p.pk).values_list("path", "live", "title", "locked").first()
        for p in pages
    ]


def bulk(client, action: str, pages, data=None):
    query = "&".join(f"id={p.pk}" for p in pages)
    return client.post(f"/admin/bulk/wagtailcore/page/{action}/?{query}&next=/admin/", data or {})


# -- bulk actions ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("publish", {"include_descendants": "on"}),
        ("unpublish", {"include_descendants": "on"}),
        ("delete", {}),
    ],
)
def test_bulk_actions_leave_another_initiatives_pages_alone(
    client, editor, other, theirs, action, data
):
    before = tree(other, *theirs)
    client.force_login(editor)
    bulk(client, action, [other, *theirs], data)
    assert tree(other, *theirs) == before


@pytest.mark.parametrize("action", ["publish", "unpublish", "delete"])
def test_bulk_actions_on_all_children_of_another_initiative(client, editor, other, theirs, action):
    """ "Select all" in the explorer sends id=all&childOf=<parent>."""
    before = tree(other, *theirs)
    client.force_login(editor)
    client.post(
        f"/admin/bulk/wagtailcore/page/{action}/?id=all&childOf={other.pk}&next=/admin/",
        {"include_descendants": "on"},
    )
    assert tree(other, *theirs) == before


def test_bulk_move_neither_takes_their_pages_nor_puts_ours_there(
    client, editor, own, other, theirs, mine
):
    before = tree(*theirs, *mine)
    client.force_login(editor)
    bulk(client, "move", theirs, {"chooser": own.pk})
    bulk(client, "move", mine, {"chooser": other.pk})
    assert tree(*theirs, *mine) == before
    assert not ActivityPage.objects.child_of(other).filter(pk__in=[p.pk for p in mine]).exists()


def test_bulk_publish_of_a_mixed_list_publishes_only_what_may_be_published(
    client, own, other, theirs, mine
):
    """The positive control: the same request does work on the own page of
    a trusted editor, so the refusals above are permission checks."""
    grant_access(own, trusted=True)
    trusted = UserFactory()
    initiative_member_add(user=trusted, initiative=own)
    client.force_login(trusted)
    bulk(client, "publish", [mine[1], theirs[1]])
    assert Page.objects.get(pk=mine[1].pk).live
    assert not Page.objects.get(pk=theirs[1].pk).live


def test_an_untrusted_editor_cannot_bulk_publish_even_their_own_draft(client, own, mine):
    """Bulk publish is no way around the municipality's approval."""
    editor = UserFactory()
    initiative_member_add(user=editor, initiative=own)
    client.force_login(editor)
    bulk(client, "publish", [mine[1]])
    bulk(client, "unpublish", [mine[0]])
    assert not Page.objects.get(pk=mine[1].pk).live
    assert Page.objects.get(pk=mine[0].pk).live


# -- single-page views ---------------------------------------------------------------
def test_single_page_actions_leave_another_initiatives_pages_alone(
    client, editor, own, other, theirs
):
    live, draft = theirs
    before = tree(other, live, draft)
    pages_before = Page.objects.count()
    client.force_login(editor)
    for page in (live, draft):
        client.post(f"/admin/pages/{page.pk}/delete/")
        client.post(f"/admin/pages/{page.pk}/unpublish/", {"include_descendants": "on"})
        client.post(f"/admin/pages/{page.pk}/move/{own.pk}/confirm/")
        client.post(f"/admin/pages/{page.pk}/lock/")
        client.post(f"/admin/pages/{page.pk}/privacy/", {"restriction_type": "login"})
        client.post(
            f"/admin/pages/{page.pk}/copy/",
            {
                "new_title": "Gekopieerd",
                "new_slug": f"kopie-{page.pk}",
                "new_parent_page": own.pk,
                "publish_copies": "on",
            },
        )
    client.post(f"/admin/pages/{other.pk}/delete/")
    client.post(f"/admin/pages/{other.pk}/move/{own.pk}/confirm/")
    assert tree(other, live, draft) == before
    assert Page.objects.count() == pages_before
    assert not PageViewRestriction.objects.exists()


def test_own_pages_cannot_be_moved_copied_or_aliased_into_another_initiative(
    client, editor, own, other, mine
):
    live, _ = mine
    client.force_login(editor)
    client.post(f"/admin/pages/{live.pk}/move/{other.pk}/confirm/")
    for extra in ({}, {"alias": "on"}, {"publish_copies": "on"}):
        client.post(
            f"/admin/pages/{live.pk}/copy/",
            {
                "new_title": "Bij de buren",
                "new_slug": "bij-de-buren",
                "new_parent_page": other.pk,
                **extra,
            },
        )
    assert Page.objects.get(pk=live.pk).get_parent().pk == own.pk
    assert (
        not Page.objects.child_of(other)
        .filter(title__in=["Onze activiteit", "Bij de buren"])
        .exists()
    )


def test_own_pages_can_be_copied_within_the_own_initiative(client, editor, own, mine):
    """The positive control for the copy requests above."""
    live, _ = mine
    client.force_login(editor)
    client.post(
        f"/admin/pages/{live.pk}/copy/",
        {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": own.pk},
    )
    assert Page.objects.child_of(own).filter(slug="kopie").exists()


@pytest.mark.parametrize(
    "template",
    [
        "/admin/pages/{page}/edit/",
        "/admin/pages/{page}/edit/preview/",
        "/admin/pages/{page}/view_draft/",
        "/admin/pages/{page}/revisions/",
        "/admin/pages/{page}/revisions/{revision}/view/",
        "/admin/pages/{page}/revisions/{revision}/revert/",
        "/admin/pages/{page}/revisions/compare/earliest...latest/",
        "/admin/pages/{page}/history/",
        "/admin/pages/{page}/usage/",
        "/admin/pages/{page}/workflow_history/",
        "/admin/pages/{page}/copy/",
        "/admin/pages/{page}/move/",
        "/admin/pages/{page}/delete/",
        "/admin/pages/{page}/privacy/",
        "/admin/api/main/pages/{page}/",
    ],
)
def test_another_initiatives_draft_cannot_be_read(client, editor, theirs, template):
    _, draft = theirs
    url = template.format(page=draft.pk, revision=draft.get_latest_revision().pk)
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code != 200, url
    assert DRAFT_TEXT not in response.content.decode(), url


def test_the_workflow_cannot_be_moved_on_by_another_initiatives_editor(
    client, editor, other, theirs
):
    _, draft = theirs
    workflow_state = draft.get_workflow().start(draft, UserFactory())
    task_state = workflow_state.current_task_state
    client.force_login(editor)
    for action in ("approve", "reject"):
        client.post(
            f"/admin/pages/workflow/action/{draft.pk}/{action}/{task_state.pk}/",
            {"comment": "Door de buren"},
        )
    client.post(f"/admin/pages/{draft.pk}/edit/", {"action-cancel-workflow": "1"})
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not Page.objects.get(pk=draft.pk).live


# -- the initiatives' image collections -----------------------------------------------
def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(buffer, "PNG")
    return buffer.getvalue()


def test_another_initiatives_images_cannot_be_edited_deleted_or_chosen(
    client, settings, tmp_path, editor, other
):
    settings.MEDIA_ROOT = tmp_path
    image = get_image_model().objects.create(
        title="Foto van de buren",
        file=ImageFile(io.BytesIO(_png()), name="buren.png"),
        collection=other.access.collection,
    )
    client.force_login(editor)
    assert client.get(f"/admin/images/{image.pk}/").status_code != 200
    client.post(f"/admin/images/{image.pk}/", {"title": "Overgenomen"})
    client.post(f"/admin/images/{image.pk}/delete/")
    image.refresh_from_db()
    assert image.title == "Foto van de buren"
    lists = ("/admin/images/", "/admin/images/chooser/", "/admin/images/chooser/results/")
    for url in lists:
        assert "Foto van de buren" not in client.get(url).content.decode(), url
    # Their own editor does see it, and may change it.
    neighbour = UserFactory()
    initiative_member_add(user=neighbour, initiative=other)
    client.force_login(neighbour)
    for url in lists:
        assert "Foto van de buren" in client.get(url).content.decode(), url
    assert client.get(f"/admin/images/{image.pk}/").status_code == 200


# -- the positive control ------------------------------------------------------------
def test_the_same_requests_work_for_a_superuser(client, own, other, theirs, mine):
    """Every request shape used above does what it says for someone allowed
    to: the refusals above are permission checks, not malformed requests."""
    live, draft = theirs
    my_live, my_draft = mine
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    bulk(client, "publish", [draft], {"include_descendants": "on"})
    assert Page.objects.get(pk=draft.pk).live
    bulk(client, "unpublish", [draft], {"include_descendants": "on"})
    assert not Page.objects.get(pk=draft.pk).live
    bulk(client, "move", [draft], {"chooser": own.pk})
    assert Page.objects.get(pk=draft.pk).get_parent().pk == own.pk
    bulk(client, "delete", [draft])
    assert not Page.objects.filter(pk=draft.pk).exists()

    client.post(f"/admin/pages/{live.pk}/lock/")
    assert Page.objects.get(pk=live.pk).locked
    client.post(f"/admin/pages/{live.pk}/unlock/")
    client.post(f"/admin/pages/{live.pk}/privacy/", {"restriction_type": "login"})
    assert PageViewRestriction.objects.filter(page=live).exists()
    client.post(
        f"/admin/pages/{live.pk}/copy/",
        {"new_title": "Gekopieerd", "new_slug": "kopie-hier", "new_parent_page": own.pk},
    )
    assert Page.objects.child_of(own).filter(slug="kopie-hier").exists()
    client.post(f"/admin/pages/{live.pk}/move/{own.pk}/confirm/")
    assert Page.objects.get(pk=live.pk).get_parent().pk == own.pk
    client.post(f"/admin/pages/{my_live.pk}/unpublish/", {"include_descendants": "on"})
    assert not Page.objects.get(pk=my_live.pk).live
    client.post(f"/admin/pages/{my_live.pk}/delete/")
    assert not Page.objects.filter(pk=my_live.pk).exists()


# -- the admin API's page actions --------------------------------------------------
LAST = "last-child"  # without it, the destination is a sibling, not the parent


def api_action(client, page, action: str, data=None):
    """What the admin's React explorer posts (JSON, session auth)."""
    return client.post(
        f"/admin/api/main/pages/{page.pk}/action/{action}/",
        data or {},
        content_type="application/json",
    )


def test_admin_api_actions_leave_another_initiatives_pages_alone(
    client, editor, own, other, theirs
):
    live, draft = theirs
    before = tree(other, live, draft)
    pages_before = Page.objects.count()
    client.force_login(editor)
    for page in (live, draft):
        api_action(client, page, "publish")
        api_action(client, page, "unpublish", {"recursive": True})
        api_action(client, page, "delete")
        api_action(client, page, "move", {"destination_page_id": own.pk, "position": LAST})
        api_action(client, page, "copy", {"destination_page_id": own.pk, "slug": f"k{page.pk}"})
        api_action(client, page, "create_alias", {"destination_page_id": own.pk})
        api_action(
            client,
            page,
            "revert_to_page_revision",
            {"revision_id": page.get_latest_revision().pk},
        )
    assert tree(other, live, draft) == before
    assert Page.objects.count() == pages_before


def test_admin_api_actions_do_not_put_own_pages_into_another_initiative(
    client, editor, own, other, mine
):
    live, draft = mine
    client.force_login(editor)
    for page in (live, draft):
        api_action(client, page, "move", {"destination_page_id": other.pk, "position": LAST})
        api_action(client, page, "copy", {"destination_page_id": other.pk, "slug": "bij-buren"})
        api_action(client, page, "create_alias", {"destination_page_id": other.pk})
    assert {p.get_parent().pk for p in Page.objects.filter(pk__in=[live.pk, draft.pk])} == {own.pk}
    assert not Page.objects.child_of(other).exclude(slug__startswith="hun-").exists()


def test_admin_api_actions_work_for_a_superuser(client, own, other, theirs):
    """The positive control for the two tests above (JSON, no CSRF token:
    Django's test client marks its requests as exempt)."""
    live, draft = theirs
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert api_action(client, draft, "publish").status_code == 200
    assert Page.objects.get(pk=draft.pk).live
    response = api_action(client, live, "copy", {"destination_page_id": own.pk, "slug": "kopie"})
    assert response.status_code == 201, response.content
    assert Page.objects.child_of(own).filter(slug="kopie").exists()
    response = api_action(client, live, "create_alias", {"destination_page_id": own.pk})
    assert response.status_code == 201, response.content
    assert Page.objects.child_of(own).filter(alias_of=live).exists()
    api_action(client, draft, "move", {"destination_page_id": own.pk, "position": LAST})
    assert Page.objects.get(pk=draft.pk).get_parent().pk == own.pk
