"""Django admin: staff link users to initiatives and can look up responses."""

from django.contrib import admin

from .models import Response, VolunteerProfile


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "vacancy", "status", "created_at", "status_changed_at"]
    list_filter = ["status"]
    list_select_related = ["volunteer", "vacancy"]
    search_fields = ["volunteer__email", "vacancy__title"]
    raw_id_fields = ["volunteer", "vacancy"]
    readonly_fields = ["created_at", "updated_at", "status_changed_at"]
    date_hierarchy = "created_at"


@admin.register(VolunteerProfile)
class VolunteerProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "postcode", "visible_to_initiatives", "updated_at"]
    list_filter = ["visible_to_initiatives", "has_vog"]
    list_select_related = ["user"]
    search_fields = ["display_name", "user__email", "postcode"]
    raw_id_fields = ["user"]
    filter_horizontal = ["themes", "skills"]
    readonly_fields = ["created_at", "updated_at"]
