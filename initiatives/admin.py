"""Django admin: staff link users to initiatives."""

from django.contrib import admin

from .models import InitiativeMember, InitiativePage
from .services import initiative_member_change, initiative_member_remove


@admin.register(InitiativeMember)
class InitiativeMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "initiative", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "initiative"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "initiative__title"]
    autocomplete_fields = ["user"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "initiative":
            # Initiatives live in Wagtail, not in this admin: a plain list by title.
            kwargs["queryset"] = InitiativePage.objects.order_by("title").only("id", "title")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Membership decides who is in the initiative's Wagtail group: every
    # change goes through the services that keep the two in step.
    def save_model(self, request, obj, form, change):
        initiative_member_change(member=obj)

    def delete_model(self, request, obj):
        initiative_member_remove(member=obj)

    def delete_queryset(self, request, queryset):
        for member in queryset.select_related("user"):
            initiative_member_remove(member=member)
