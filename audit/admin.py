"""Django admin: events can be read, never added, changed or deleted
(only ``purge_audit_log`` removes them, after the retention period)."""

from django.contrib import admin

from .models import AccessEvent


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_id", "role", "action", "obj_type", "obj_id", "municipality_id"]
    list_filter = ["action", "obj_type", "role"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
