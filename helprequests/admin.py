"""Django admin: staff can look up help requests and their offers."""

from django.contrib import admin

from .models import HelpOffer, HelpRequest


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
