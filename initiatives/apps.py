from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.site_url import sync_default_site
from core.versioning import bump_content_version


def _moderation_setup(sender, using="default", **kwargs):
    """After every migrate (and test database flush): the moderators group and
    the moderation workflow exist and are complete (initiatives/permissions.py)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from .permissions import ensure_moderation_setup, moderator_permissions

    # Our group needs permissions of other apps, which Django creates in its
    # own post_migrate handler, possibly after this one.
    labels = {"wagtailadmin", "wagtailcore", "wagtailimages", "initiatives"}
    labels |= {label for label, _ in moderator_permissions()}
    for label in sorted(labels):
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)

    ensure_moderation_setup()


def _site_from_base_url(sender, **kwargs):
    """After every migrate: the default Site has the configured base URL's host
    and port (core/site_url.py), not the first migration's localhost."""
    sync_default_site()


def _access_deleted(sender, instance, **kwargs):
    """The group goes with the access, however the access went: deleted
    itself, or by cascade with its initiative's page. A group left behind would
    keep the members as Wagtail users with its permissions."""
    from django.contrib.auth.models import Group

    Group.objects.filter(pk=instance.group_id).delete()


def _verify_on_password_set(sender, request, user, **kwargs):
    from .services import verify_after_password_set

    verify_after_password_set(user)


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = "Initiatieven"

    def ready(self):
        from allauth.account.signals import password_reset

        post_delete.connect(
            _access_deleted,
            sender=self.get_model("InitiativeAccess"),
            dispatch_uid="initiatives-access-group",
        )
        post_migrate.connect(_moderation_setup, sender=self, dispatch_uid="initiatives-moderation")
        post_migrate.connect(
            _site_from_base_url, sender=self, dispatch_uid="initiatives-site-base-url"
        )
        # The page cache, open data and feeds key their caches and ETags on a
        # version that every public change bumps (core/versioning.py):
        # publishing, unpublishing (deleting a live page unpublishes it first)
        # and moving pages, and the snippets and places that pages and the
        # search form show by name.
        page_published.connect(bump_content_version, dispatch_uid="initiatives-open-data-published")
        page_unpublished.connect(
            bump_content_version, dispatch_uid="initiatives-open-data-unpublished"
        )
        post_page_move.connect(bump_content_version, dispatch_uid="initiatives-version-moved")
        for name in ("Theme", "TargetGroup", "Skill", "Municipality", "Neighbourhood"):
            model = self.get_model(name)
            post_save.connect(
                bump_content_version, sender=model, dispatch_uid=f"initiatives-version-{name}"
            )
            post_delete.connect(
                bump_content_version, sender=model, dispatch_uid=f"initiatives-version-del-{name}"
            )
        password_reset.connect(_verify_on_password_set, dispatch_uid="initiatives-verify-on-reset")
