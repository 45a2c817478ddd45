"""Municipalities, their wijken and postcode centroids.

Boundaries are plain geometry (SRID 4326) so ``covers`` can use the GiST
index; listing points are geography (distances in metres).
"""

import re

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop

from ..querysets import NeighbourhoodQuerySet

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")


# Roughly the Netherlands; a point outside is almost always swapped lat/lon.
NL_BOUNDS = {"lat": (50.7, 53.7), "lon": (3.2, 7.3)}


def in_netherlands(point) -> bool:
    return (
        NL_BOUNDS["lat"][0] <= point.y <= NL_BOUNDS["lat"][1]
        and NL_BOUNDS["lon"][0] <= point.x <= NL_BOUNDS["lon"][1]
    )


# Dutch (other apps and the tests compare it): translate where it is shown,
# e.g. ``gettext(POSTCODE_INVALID)``.
POSTCODE_INVALID = gettext_noop("Dit is geen geldige postcode. Gebruik de vorm 1234 AB.")


def normalise_postcode(value: str) -> str | None:
    """'3317ab' -> '3317 AB', ' 3317 ' -> '3317'; None when it is not a postcode."""
    match = POSTCODE_RE.match(value or "")
    if not match:
        return None
    digits, letters = match.groups()
    if letters and letters.upper() in {"SA", "SD", "SS"}:  # never issued
        return None
    return f"{digits} {letters.upper()}" if letters else digits


def clean_postcode(value: str) -> str:
    """For a form field's clean: the normalised postcode, or a Dutch error."""
    normal = normalise_postcode(value)
    if normal is None:
        raise ValidationError(gettext(POSTCODE_INVALID))
    return normal


class Municipality(models.Model):
    name = models.CharField("naam", max_length=100)
    slug = models.SlugField(unique=True)
    code = models.CharField("CBS-code", max_length=10, unique=True, help_text="Bijv. GM0505")
    boundary = models.MultiPolygonField("grens", srid=4326, null=True, blank=True)
    # Where one installation serves a region (Drechtsteden, Gooi en Vechtstreek,
    # the Bollenstreek), each gemeente judges its own help requests and
    # registrations. A moderator tied to no gemeente moderates all of them (one
    # gemeente's installation, a regional coordinator): see
    # ``querysets.moderated_municipality_ids``. Only those who may edit
    # gemeenten change this, not the moderators themselves.
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="moderatoren",
        blank=True,
        related_name="moderated_municipalities",
        # The group initiatives.permissions.MODERATORS (that module imports
        # the models, so the name is spelled out here).
        limit_choices_to={"groups__name": "Moderatoren"},
        help_text="Deze moderatoren zien alleen de hulpvragen, aanmeldingen en cijfers van "
        "deze gemeente. Een moderator zonder gemeente ziet alles.",
    )

    class Meta:
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Neighbourhood(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="neighbourhoods",
        verbose_name="gemeente",
    )
    name = models.CharField("naam", max_length=100)
    slug = models.SlugField()
    code = models.CharField("CBS-code", max_length=12, unique=True, help_text="Bijv. WK050501")
    boundary = models.MultiPolygonField("grens", srid=4326, null=True, blank=True)

    objects = NeighbourhoodQuerySet.as_manager()

    class Meta:
        verbose_name = "wijk"
        verbose_name_plural = "wijken"
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="neighbourhood_unique_slug"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.municipality.name})"


class PostcodeCentroid(models.Model):
    """Offline geocoding: a PC6 ('3317 AB') or PC4 ('3317') and its centre."""

    postcode = models.CharField(max_length=7, unique=True)
    point = models.PointField(geography=True, srid=4326)
    town = models.CharField("plaats", max_length=100, blank=True)

    class Meta:
        verbose_name = "postcode"
        verbose_name_plural = "postcodes"

    def __str__(self):
        return self.postcode


class Woonplaats(models.Model):
    """A town or village as residents name it (BAG woonplaats): Sassenheim,
    De Kwakel. It lies in one gemeente, which may have another name
    (Teylingen, Uithoorn). Imported with ``manage.py import_places``."""

    name = models.CharField("naam", max_length=100)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="woonplaatsen",
        verbose_name="gemeente",
    )
    code = models.CharField("BAG-woonplaatscode", max_length=10, blank=True)
    point = models.PointField("midden", geography=True, srid=4326)
    area = models.MultiPolygonField("grens", srid=4326, null=True, blank=True)
    # How far from the centre "in this town" reaches when there is no boundary:
    # set by the import from the boundary's size, else a village's default.
    radius_km = models.FloatField("straal (km)", default=2.0)
    aliases = ArrayField(
        models.CharField(max_length=100),
        verbose_name="andere namen",
        blank=True,
        default=list,
        help_text="Zoals inwoners de plaats ook noemen, bijv. Den Bosch.",
    )

    class Meta:
        verbose_name = "woonplaats"
        verbose_name_plural = "woonplaatsen"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="woonplaats_unique_name")
        ]

    def __str__(self):
        return f"{self.name} ({self.municipality.name})"


class PlaceKind(models.TextChoices):
    WOONPLAATS = "woonplaats", "woonplaats"
    GEMEENTE = "gemeente", "gemeente"
    WIJK = "wijk", "wijk"


class PlaceName(models.Model):
    """Every name a place is known by, normalised (``places.place_key``), for
    the offline place resolver: one row per name or alias of a gemeente, wijk
    or woonplaats. Derived data, rebuilt by ``places.rebuild_place_names``
    (import_places and the demo loader call it)."""

    key = models.CharField(max_length=120)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=12, choices=PlaceKind.choices)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    neighbourhood = models.ForeignKey(
        Neighbourhood, null=True, on_delete=models.CASCADE, related_name="+"
    )
    woonplaats = models.ForeignKey(
        Woonplaats, null=True, on_delete=models.CASCADE, related_name="+"
    )
    # Copied at rebuild, so a lookup reads one table: the gemeente's name, the
    # place's centre (a point on a boundary's surface, or the town's centre)
    # and, for a woonplaats, the radius that covers it.
    gemeente = models.CharField(max_length=100)
    point = models.PointField(srid=4326, null=True)
    radius_km = models.FloatField(null=True)

    class Meta:
        verbose_name = "plaatsnaam"
        verbose_name_plural = "plaatsnamen"
        indexes = [
            # Exact and prefix lookups (LIKE 'key%').
            models.Index(OpClass("key", name="varchar_pattern_ops"), name="placename_key_prefix"),
            # Small typos: key % 'query' with pg_trgm. Rebuilt in bulk, rarely:
            # no pending list, which every lookup would otherwise scan.
            GinIndex(
                OpClass("key", name="gin_trgm_ops"), fastupdate=False, name="placename_key_trgm"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.kind})"
