"""Page permissions and the moderation workflow (docs/publishing.md).

- Municipality moderators are one group ("Moderatoren") with every page
  permission on the whole tree, the right to judge registrations and help
  requests (and to keep the list of sensitive words marked there), and the
  one task of the moderation workflow, which covers every page from the root
  down.
- Each approved initiative has its own group whose add/edit permissions cover
  only its own subtree. Without publish permission its editors can only submit
  for moderation; a trusted initiative's group also has publish permission,
  and Wagtail then lets it publish directly.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import InitiativeAccess, InitiativeMember, InitiativePage, Municipality

MODERATORS = "Moderatoren"
WORKFLOW_NAME = "Goedkeuring door de gemeente"
TASK_NAME = "Gemeente keurt goed"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
MODERATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]
MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("initiatives", "moderate_initiativeregistration"),
    ("initiatives", "view_initiativeaccess"),
    ("initiatives", "change_initiativeaccess"),
]


MODERATE_REGISTRATIONS = "initiatives.moderate_initiativeregistration"


def can_judge_registrations(user) -> bool:
    """Whoever may approve or reject "Meld je initiatief aan"."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(MODERATE_REGISTRATIONS))


def moderator_permissions() -> list[tuple[str, str]]:
    """Ours, and those that apps above this one (help requests, reports) name
    as ``moderator_permissions`` on their AppConfig: this app imports none of
    them."""
    from django.apps import apps

    more = [
        (config.label, codename)
        for config in apps.get_app_configs()
        for codename in getattr(config, "moderator_permissions", ())
    ]
    return MODERATOR_PERMISSIONS + more


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permissions(codenames: list[str]) -> list[Permission]:
    return [_permission("wagtailcore", codename) for codename in codenames]


def _image_permissions() -> list[Permission]:
    return [_permission("wagtailimages", codename) for codename in IMAGE_PERMISSIONS]


@transaction.atomic
def ensure_moderation_setup() -> Group:
    """Create or repair the moderators group and the workflow; safe to run
    after every migrate. Wagtail's own "Moderators" group and default workflow
    are taken over (renamed) rather than duplicated."""
    group = Group.objects.filter(name=MODERATORS).first()
    if group is None:
        group = Group.objects.filter(name="Moderators").first() or Group(name=MODERATORS)
        group.name = MODERATORS
        group.save()
    group.permissions.add(*[_permission(app, code) for app, code in moderator_permissions()])

    root = Page.get_first_root_node()
    if root is None:
        return group
    for permission in _page_permissions(MODERATOR_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for permission in _image_permissions():
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )

    assigned = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    workflow = assigned.workflow if assigned else Workflow.objects.create(name=WORKFLOW_NAME)
    if not assigned:
        WorkflowPage.objects.create(page=root, workflow=workflow)
    if workflow.name != WORKFLOW_NAME or not workflow.active:
        workflow.name, workflow.active = WORKFLOW_NAME, True
        workflow.save(update_fields=["name", "active"])
    task = (
        GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow, active=True)
        .order_by("workflow_tasks__sort_order")
        .first()
    )
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if task.name != TASK_NAME:
        task.name = TASK_NAME
        task.save(update_fields=["name"])
    task.groups.add(group)
    return group


def moderator_emails(municipality_id: int | None) -> list[str]:
    """Whom to tell that something of gemeente ``municipality_id`` waits for a
    decision: the moderators of that gemeente and those who moderate every
    gemeente (``Municipality.moderators``). Something with no gemeente only
    reaches the latter: a moderator of A never hears of B's residents."""
    users = Group.objects.get(name=MODERATORS).user_set.filter(is_active=True).exclude(email="")
    everywhere = Q(moderated_municipalities__isnull=True)
    if municipality_id is not None:
        users = users.filter(
            everywhere
            | Q(
                pk__in=Municipality.moderators.through.objects.filter(
                    municipality_id=municipality_id
                ).values("user_id")
            )
        )
    else:
        users = users.filter(everywhere)
    return sorted(set(users.values_list("email", flat=True)))


@transaction.atomic
def grant_access(initiative: InitiativePage, *, trusted: bool = False) -> InitiativeAccess:
    """The initiative's own group and image collection (created once; calling
    again only updates ``trusted``)."""
    access = InitiativeAccess.objects.filter(initiative=initiative).first()
    if access is not None:
        if access.trusted != trusted:
            access.trusted = trusted
            access.save()
        return access
    # Names are unique in Django; the page id keeps two "Buurthuis" apart.
    group = Group.objects.create(name=f"Initiatief {initiative.pk}: {initiative.title}"[:150])
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    collection = Collection.get_first_root_node().add_child(
        name=f"{initiative.title} ({initiative.pk})"
    )
    for permission in _image_permissions():
        GroupCollectionPermission.objects.create(
            group=group, collection=collection, permission=permission
        )
    access = InitiativeAccess(
        initiative=initiative, group=group, collection=collection, trusted=trusted
    )
    access.save()  # sets the page permissions
    # Members linked before the group existed get in now.
    group.user_set.add(
        *InitiativeMember.objects.filter(initiative=initiative).values_list("user", flat=True)
    )
    return access


def sync_page_permissions(access: InitiativeAccess) -> None:
    """Add/edit on the initiative's own subtree; publish only when trusted."""
    wanted = EDITOR_PAGE_PERMISSIONS + (["publish_page"] if access.trusted else [])
    wanted_permissions = _page_permissions(wanted)
    for permission in wanted_permissions:
        GroupPagePermission.objects.get_or_create(
            group=access.group, page_id=access.initiative_id, permission=permission
        )
    GroupPagePermission.objects.filter(group=access.group).exclude(
        page_id=access.initiative_id, permission__in=wanted_permissions
    ).delete()


def follow_membership(user, initiative_id: int, *, member: bool) -> None:
    """Keep the initiative's group in step with its members."""
    access = (
        InitiativeAccess.objects.filter(initiative_id=initiative_id).select_related("group").first()
    )
    if access is not None:
        (access.group.user_set.add if member else access.group.user_set.remove)(user)
