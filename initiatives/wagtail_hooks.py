from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .geocoding import GeocodeError, GeocoderUnavailable, geocode, with_map_hint
from .models import Municipality, Neighbourhood, Skill, TargetGroup, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]


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
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("code")]


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
        result = geocode(request.GET.get("q", ""), postcode=request.GET.get("postcode", ""))
    except GeocodeError as exc:
        return JsonResponse({"error": with_map_hint(exc)}, status=400)
    except GeocoderUnavailable:
        return JsonResponse(
            {"error": "De adreszoeker is nu niet bereikbaar. Klik de plek aan op de kaart."},
            status=503,
        )
    return JsonResponse({"lat": result.point.y, "lon": result.point.x, "label": result.label})


@hooks.register("register_admin_urls")
def register_geocode_url():
    return [path("geocode/", admin_geocode, name="initiatives_admin_geocode")]
