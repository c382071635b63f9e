"""Choices and status groups of the Living Labs app (status rules live here and on the models)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from northern_connections.directory.choices import OrganisationKind

from .shortlist.mcda import TOPSIS, WEIGHTED_SUM


class SiteType(models.TextChoices):
    HARBOUR = "harbour", _("Harbour")
    INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
    CAMPUS = "campus", _("Campus")
    CITY_DISTRICT = "city_district", _("City district")
    TEST_CENTRE = "test_centre", _("Test centre")
    ENERGY_ISLAND = "energy_island", _("Energy island")
    BUILDING = "building", _("Building")
    GRID_SEGMENT = "grid_segment", _("Grid segment")
    OTHER = "other", _("Other")


class Facility(models.TextChoices):
    TEST_EQUIPMENT = "test_equipment", _("Test equipment")
    GRID_CONNECTION = "grid_connection", _("Grid connection")
    DATA_PLATFORM = "data_platform", _("Data platform")
    WORKSHOP = "workshop", _("Workshop space")
    OFFICE = "office", _("Office and meeting space")
    QUAY = "quay", _("Quay or berth")
    MONITORING = "monitoring", _("Measurement and monitoring")
    STORAGE = "storage", _("Energy storage")


class CostModel(models.TextChoices):
    FREE = "free", _("Free of charge")
    SUBSIDISED = "subsidised", _("Subsidised")
    COST_RECOVERY = "cost_recovery", _("Cost recovery")
    COMMERCIAL = "commercial", _("Commercial rates")


class CandidateStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SELECTED = "selected", _("Selected Living Lab")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ASSESSMENT = "assessment", _("Assessment")
    DECIDED = "decided", _("Decided")


class Method(models.TextChoices):
    TOPSIS = TOPSIS, _("TOPSIS (vector normalisation)")
    WEIGHTED_SUM = WEIGHTED_SUM, _("Weighted sum (min–max normalisation)")


class Direction(models.TextChoices):
    BENEFIT = "benefit", _("More is better")
    COST = "cost", _("Less is better")


class DemonstrationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


# Verified regions, cities and clusters propose candidates (issue 12 §1).
PROPOSER_KINDS = (OrganisationKind.REGIONAL_AUTHORITY, OrganisationKind.MUNICIPALITY, OrganisationKind.CLUSTER)
# Companies register interest in co-developing a candidate and run demonstrations.
COMPANY_KINDS = (OrganisationKind.SME, OrganisationKind.LARGE_ENTERPRISE)
# A catalogue entry that is not withdrawn can be put into a selection round.
ACTIVE_CANDIDATE_STATUSES = (CandidateStatus.PROPOSED, CandidateStatus.SELECTED)
# Rounds whose criteria, weights and candidates may still change.
OPEN_ROUND_STATUSES = (RoundStatus.DRAFT, RoundStatus.ASSESSMENT)
SCORE_MAX = 5
TRL_RANGE = (1, 9)
