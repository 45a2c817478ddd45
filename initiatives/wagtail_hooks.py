from django import forms
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_menu import CountedMenuItem

from .geocoding import LocateFailure, locate
from .languages import BY_CODE
from .models import (
    InitiativeAccess,
    InitiativeRegistration,
    Municipality,
    Neighbourhood,
    Skill,
    TargetGroup,
    Theme,
)
from .models.taxonomy import NAME_MAX_LENGTH, translated_languages
from .permissions import can_judge_registrations
from .registration_views import registration_detail, registration_list
from .widgets import NameTranslationsWidget


def _language_labels() -> list[tuple[str, object]]:
    """(code, "Engels (English)"): the name in the editor's admin language,
    then in the language itself."""
    return [
        (code, format_lazy("{} ({})", _(BY_CODE[code].name), BY_CODE[code].autonym))
        for code in translated_languages()
    ]


class NameTranslationsField(forms.MultiValueField):
    """The name in each other shipped language, as {code: name}: trimmed,
    and a language left empty is left out (it shows the Dutch name)."""

    def __init__(self, **kwargs):
        languages = _language_labels()
        self.codes = [code for code, _label in languages]
        fields = [
            forms.CharField(required=False, max_length=NAME_MAX_LENGTH, label=label)
            for _code, label in languages
        ]
        super().__init__(
            fields,
            widget=NameTranslationsWidget(languages),
            require_all_fields=False,
            required=False,
            **kwargs,
        )

    def compress(self, data_list):
        # An empty list when every input was left empty.
        return {code: name for code, name in zip(self.codes, data_list, strict=False) if name}


class TaxonForm(WagtailAdminModelForm):
    name_translations = NameTranslationsField(
        label=_("Naam in andere talen"),
        help_text=_(
            "Zo zien bezoekers de naam als ze de site in een andere taal lezen. "
            "Laat je een taal leeg, dan zien ze de Nederlandse naam."
        ),
    )


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("name_translations"),
            FieldPanel("slug"),
            FieldPanel("description"),
        ],
        base_form_class=TaxonForm,
    )


class TargetGroupViewSet(ThemeViewSet):
    model = TargetGroup
    icon = "group"


class SkillViewSet(ThemeViewSet):
    model = Skill
    icon = "pick"


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    list_display = ["name", "code"]
    # Boundaries come from CBS/PDOK imports, not from hand editing.
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("code"),
        FieldPanel("moderators", widget=forms.CheckboxSelectMultiple),
    ]


class NeighbourhoodViewSet(SnippetViewSet):
    model = Neighbourhood
    icon = "home"
    list_display = ["name", "municipality", "code"]
    list_filter = ["municipality"]
    panels = [
        FieldPanel("municipality"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("code"),
    ]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Indeling"
    menu_icon = "folder-open-inverse"
    items = (
        ThemeViewSet,
        TargetGroupViewSet,
        SkillViewSet,
        MunicipalityViewSet,
        NeighbourhoodViewSet,
    )


register_snippet(TaxonomyGroup)


@require_GET
def admin_geocode(request):
    """Used by the location widget's 'zoek het adres op' button."""
    try:
        result = locate(request.GET.get("q", ""), postcode=request.GET.get("postcode", ""))
    except ValidationError as exc:
        status = 503 if exc.code == LocateFailure.UNAVAILABLE else 400
        return JsonResponse(
            {"error": f"{exc.message} Of klik de plek aan op de kaart."}, status=status
        )
    return JsonResponse({"lat": result.point.y, "lon": result.point.x, "label": result.label})


@hooks.register("register_admin_urls")
def register_geocode_url():
    return [path("geocode/", admin_geocode, name="initiatives_admin_geocode")]


@hooks.register("register_admin_urls")
def register_registration_urls():
    return [
        path("aanmeldingen/", registration_list, name="initiatives_registrations"),
        path("aanmeldingen/<int:pk>/", registration_detail, name="initiatives_registration"),
    ]


class RegistrationMenuItem(CountedMenuItem):
    """Only for moderators; the label says how many wait."""

    def is_shown(self, request):
        return can_judge_registrations(request.user)

    def waiting(self, request) -> int:
        # Only the moderator's own gemeenten: another's are not theirs to judge.
        return InitiativeRegistration.objects.pending().for_moderator(request.user).count()


@hooks.register("register_admin_menu_item")
def register_registration_menu_item():
    return RegistrationMenuItem(
        "Aanmeldingen", reverse("initiatives_registrations"), icon_name="user", order=250
    )


class NoAddPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])


# Made on approval (with its group), never by hand.
register_permission_policy(InitiativeAccess, NoAddPolicy(InitiativeAccess))


class InitiativeAccessViewSet(ModelViewSet):
    """Moderators mark an initiative as trusted here (publish without approval)."""

    model = InitiativeAccess
    icon = "lock-open"
    menu_label = "Toegang initiatieven"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["initiative", "trusted", "group", "created_at"]
    list_filter = ["trusted"]
    search_fields = ["initiative__title"]
    form_fields = ["trusted"]
    inspect_view_enabled = False


initiative_access_viewset = InitiativeAccessViewSet("initiative_access")


@hooks.register("register_admin_viewset")
def register_initiative_access_viewset():
    return initiative_access_viewset


class SubmitForApprovalMenuItem(SubmitForModerationMenuItem):
    """Says what happens in the editor's words, not the workflow's name."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page and page.pk else None
        again = state is not None and state.status == state.STATUS_NEEDS_CHANGES
        context["label"] = (
            "Opnieuw insturen ter goedkeuring" if again else "Insturen ter goedkeuring"
        )
        return context


@hooks.register("construct_page_action_menu")
def submit_first_for_editors_who_cannot_publish(menu_items, request, context):
    """An initiative's editor cannot publish: submitting is their way to the
    site, yet Wagtail hid it under "Meer acties" behind "Bewaar concept"
    (issue 16). Those who may publish keep Wagtail's order."""
    if any(item.name == "action-publish" for item in menu_items):
        return
    for position, item in enumerate(menu_items):
        if isinstance(item, SubmitForModerationMenuItem):
            menu_items.pop(position)
            menu_items.insert(0, SubmitForApprovalMenuItem(order=item.order))
            return
