from django.db import models
from django.utils.text import slugify


class Taxon(models.Model):
    name = models.CharField("naam", max_length=80, unique=True)
    slug = models.SlugField(unique=True, blank=True)
    description = models.TextField("omschrijving", blank=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.slug:
            self.slug = slugify(self.name)


class Theme(Taxon):
    class Meta(Taxon.Meta):
        verbose_name = "thema"
        verbose_name_plural = "thema's"


class TargetGroup(Taxon):
    class Meta(Taxon.Meta):
        verbose_name = "doelgroep"
        verbose_name_plural = "doelgroepen"


class Skill(Taxon):
    class Meta(Taxon.Meta):
        verbose_name = "vaardigheid"
        verbose_name_plural = "vaardigheden"
