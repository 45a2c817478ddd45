"""Django admin: staff link users to initiatives and can look up responses."""

from django.contrib import admin

from .models import HelpOffer, HelpRequest, Response, VolunteerProfile


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


# --- help requests ---
class HelpOfferInline(admin.TabularInline):
    model = HelpOffer
    extra = 0
    raw_id_fields = ["volunteer"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(HelpRequest)
class HelpRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "neighbourhood", "created_at", "published_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["neighbourhood__municipality"]
    search_fields = ["title", "requester__email"]
    raw_id_fields = ["requester", "moderated_by", "neighbourhood"]
    readonly_fields = ["created_at", "updated_at", "published_at", "archived_at"]
    date_hierarchy = "created_at"
    inlines = [HelpOfferInline]


@admin.register(HelpOffer)
class HelpOfferAdmin(admin.ModelAdmin):
    list_display = ["help_request", "volunteer", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["help_request", "volunteer"]
    search_fields = ["help_request__title", "volunteer__email"]
    raw_id_fields = ["help_request", "volunteer"]
    readonly_fields = ["created_at", "updated_at"]
