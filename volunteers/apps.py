from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


def _member_saved(sender, instance, **kwargs):
    from initiatives.access import follow_membership

    follow_membership(instance.user, instance.initiative_id, member=True)


def _member_deleted(sender, instance, **kwargs):
    from initiatives.access import follow_membership

    follow_membership(instance.user, instance.initiative_id, member=False)


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = "Vrijwilligers"

    def ready(self):
        # Members of an initiative edit its pages: they are in its Wagtail
        # group, however the membership was made (approval, Django admin).
        member = self.get_model("InitiativeMember")
        post_save.connect(_member_saved, sender=member, dispatch_uid="member-group-add")
        post_delete.connect(_member_deleted, sender=member, dispatch_uid="member-group-remove")
