"""Contactpunten in the Wagtail admin: the municipality (its moderators)
keeps who residents can call, mail or visit, per wijk or gemeente."""

import django_filters
from django import forms
from django.db.models import Q
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from initiatives.models import Municipality

from .forms import ContactPointAdminForm
from .models import ContactPoint


class OwnGemeentenMixin:
    """Every view of the set reads only the contact points of the user's
    own gemeenten (ContactPointQuerySet.for_moderator): another's is a 404
    in the list, the edit form, deleting, history and usage alike."""

    def get_base_queryset(self):
        return ContactPoint.objects.for_moderator(self.request.user)

    def get_queryset(self):
        if isinstance(self, generic.IndexView):
            return super().get_queryset()
        return ContactPoint.objects.for_moderator(self.request.user)

    def get_base_object_queryset(self):
        return ContactPoint.objects.for_moderator(self.request.user)


class IndexView(OwnGemeentenMixin, generic.IndexView):
    pass


class EditView(OwnGemeentenMixin, generic.EditView):
    pass


class DeleteView(OwnGemeentenMixin, generic.DeleteView):
    pass


class HistoryView(OwnGemeentenMixin, history.HistoryView):
    pass


class UsageView(OwnGemeentenMixin, usage.UsageView):
    pass


def _in_gemeente(queryset, name, municipality):
    if municipality is None:
        return queryset
    return queryset.filter(
        Q(municipalities=municipality) | Q(neighbourhoods__municipality=municipality)
    ).distinct()


class ContactPointFilterSet(WagtailFilterSet):
    """Gemeente: its own points and those of its wijken."""

    gemeente = django_filters.ModelChoiceFilter(
        label="Gemeente",
        queryset=Municipality.objects.order_by("name"),
        method=_in_gemeente,
    )

    class Meta:
        model = ContactPoint
        fields = ["kind", "gemeente", "active"]


class ContactPointViewSet(ModelViewSet):
    model = ContactPoint
    icon = "mail"
    menu_label = "Contactpunten"
    add_to_admin_menu = True
    menu_order = 265
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["name", "kind", "phone", "active", "updated_at"]
    filterset_class = ContactPointFilterSet
    search_fields = ["name", "phone", "email"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("kind"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                    FieldPanel("walk_in_hours"),
                    FieldPanel("address"),
                    FieldPanel("website"),
                ],
                heading="Zo bereik je ons",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("neighbourhoods", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
                ],
                heading="Voor wie",
            ),
            FieldPanel("staff_emails"),
            FieldPanel("active"),
        ],
        base_form_class=ContactPointAdminForm,
    )


contact_point_viewset = ContactPointViewSet("contact_points")


@hooks.register("register_admin_viewset")
def register_contact_point_viewset():
    return contact_point_viewset
