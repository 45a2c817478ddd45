"""Municipalities, their wijken and postcode centroids.

Boundaries are plain geometry (SRID 4326) so ``covers`` can use the GiST
index; listing points are geography (distances in metres).
"""

import re

from django.contrib.gis.db import models
from django.core.exceptions import ValidationError

from ..querysets import NeighbourhoodQuerySet

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")


# Roughly the Netherlands; a point outside is almost always swapped lat/lon.
NL_BOUNDS = {"lat": (50.7, 53.7), "lon": (3.2, 7.3)}


def in_netherlands(point) -> bool:
    return (
        NL_BOUNDS["lat"][0] <= point.y <= NL_BOUNDS["lat"][1]
        and NL_BOUNDS["lon"][0] <= point.x <= NL_BOUNDS["lon"][1]
    )


POSTCODE_INVALID = "Dit is geen geldige postcode. Gebruik de vorm 1234 AB."


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
        raise ValidationError(POSTCODE_INVALID)
    return normal


class Municipality(models.Model):
    name = models.CharField("naam", max_length=100)
    slug = models.SlugField(unique=True)
    code = models.CharField("CBS-code", max_length=10, unique=True, help_text="Bijv. GM0505")
    boundary = models.MultiPolygonField("grens", srid=4326, null=True, blank=True)

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
