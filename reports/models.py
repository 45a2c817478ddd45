"""Who may see the municipality's reports."""

from django.db import models


class OverviewAccess(models.Model):
    """No table, only a permission: who may see the municipality's overview per
    wijk and theme (``/admin/overzicht/``). Moderators have it (``reports.apps``
    names it for the group in ``initiatives.permissions``); an initiative's
    editors, who reach the admin for their own pages, do not. The same pattern
    as Wagtail's own ``Admin`` model for ``access_admin``."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_overview", "Kan het overzicht per wijk en thema zien")]
        verbose_name = "toegang tot het overzicht"

    def __str__(self):
        return self._meta.verbose_name
