"""Controlled vocabularies shared by every app (DESIGN.md §5), loaded by import commands."""

from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import RestrictedModel

from ..choices import CohesionCategory, S3Dimension


class CodedTerm(RestrictedModel):
    """A term of an official code list, shown and sorted by its code (NUTS, NACE, CPV)."""

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class NutsRegion(CodedTerm):
    """A NUTS 2024 region (ITL for the United Kingdom), levels 0 (country) to 3.

    Boundaries (GeoJSON, levels 0–2) come from Eurostat/GISCO via `import_nuts_geometry`; the map
    draws them as SVG, so no tile server is needed.
    """

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=200)
    level = models.PositiveSmallIntegerField()
    country = models.CharField(max_length=2, db_index=True, help_text=_("ISO 3166-1 alpha-2 (GB, GR)."))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    cohesion_category = models.CharField(max_length=16, choices=CohesionCategory.choices, blank=True)
    geometry = models.JSONField(null=True, blank=True, help_text=_("GeoJSON geometry, EPSG:4326."))
    label_point = models.JSONField(null=True, blank=True, help_text=_("[longitude, latitude]"))

    class Meta(CodedTerm.Meta):
        verbose_name = _("NUTS region")
        verbose_name_plural = _("NUTS regions")


class OrderedTerm(RestrictedModel):
    """A term of a short, ordered, translated vocabulary (value chains and their steps share this shape)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order"]

    def __str__(self) -> str:
        # The standard names are in the catalogue (vocabularies.py marks them); others show as stored.
        return gettext(self.name)


class ValueChain(OrderedTerm):
    """A renewable-energy value chain (offshore wind, hydrogen, ...)."""

    class Meta(OrderedTerm.Meta):
        verbose_name = _("value chain")
        verbose_name_plural = _("value chains")


class ValueChainStep(OrderedTerm):
    """A step of every value chain, from development and planning to decommissioning."""

    class Meta(OrderedTerm.Meta):
        verbose_name = _("value-chain step")
        verbose_name_plural = _("value-chain steps")


class NaceCode(CodedTerm):
    """NACE Rev. 2 activity: section letter, then dotted division/group/class codes."""

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=300)
    level = models.PositiveSmallIntegerField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")

    class Meta(CodedTerm.Meta):
        verbose_name = _("NACE code")
        verbose_name_plural = _("NACE codes")


class CpvCode(CodedTerm):
    """Common Procurement Vocabulary 2008 code, e.g. 09310000-5 Electricity."""

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=400)

    class Meta(CodedTerm.Meta):
        verbose_name = _("CPV code")
        verbose_name_plural = _("CPV codes")

    @property
    def root(self) -> str:
        """The significant digits: trailing zeros of the 8-digit part only widen the category."""
        return self.code[:8].rstrip("0")


class EformsCode(RestrictedModel):
    """An entry of an eForms code list (procedure types, innovative acquisition, ...)."""

    list_name = models.CharField(max_length=64)
    code = models.CharField(max_length=64)
    name = models.CharField(max_length=300)
    # The code list's own labels in the platform's languages ({"da": ..., "de": ...}); `name` is English.
    names = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["list_name", "code"]
        constraints = [models.UniqueConstraint(fields=["list_name", "code"], name="directory_eformscode_unique")]
        verbose_name = _("eForms code")
        verbose_name_plural = _("eForms codes")

    def __str__(self) -> str:
        return self.name

    def label(self, language: str | None = None) -> str:
        """The label in `language` (default: the active one) where the code list has one, else English.

        The EU code lists cover the EU's languages: Norwegian falls back to English.
        """
        language = (language or get_language() or "en").split("-")[0]
        return self.names.get(language) or self.name


class S3Category(RestrictedModel):
    """A smart-specialisation category as in the EU's Eye@RIS3 database."""

    dimension = models.CharField(max_length=16, choices=S3Dimension.choices)
    code = models.CharField(max_length=16)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["dimension", "code"]
        constraints = [models.UniqueConstraint(fields=["dimension", "code"], name="directory_s3category_unique")]
        verbose_name = _("smart-specialisation category")
        verbose_name_plural = _("smart-specialisation categories")

    def __str__(self) -> str:
        return self.name
