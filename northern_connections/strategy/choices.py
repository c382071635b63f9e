"""Vocabularies of regional strategies and the policy boards, and the status groups rules read."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from northern_connections.directory.choices import OrganisationKind


class BarrierKind(models.TextChoices):
    """Barriers to internationalisation found in the analysis of a strategy (issue 16 §1)."""

    REGULATORY = "regulatory", _("Regulatory")
    FUNDING_ELIGIBILITY = "funding_eligibility", _("Funding eligibility")
    LANGUAGE = "language", _("Language")
    AWARENESS = "awareness", _("Awareness")
    CAPACITY = "capacity", _("Capacity")
    OTHER = "other", pgettext_lazy("barrier kind", "Other")


class MeasureKind(models.TextChoices):
    """Internationalisation measures a strategy names."""

    COOPERATION = "cooperation", _("Interregional cooperation agreement")
    FUNDING = "funding", _("Funding open to foreign partners")
    CLUSTER = "cluster", _("Cluster internationalisation")
    EXPORT = "export", _("Export and market access")
    TALENT = "talent", _("Talent and mobility")
    OTHER = "other", pgettext_lazy("measure kind", "Other")


class BoardKind(models.TextChoices):
    POLITICAL_BOARD = "political_board", _("Political Board")
    COORDINATION_GROUP = "coordination_group", _("Policy Coordination Group")


class BoardRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


# Members in these roles run the board: meetings, agenda, documents, decisions, briefs.
MANAGING_ROLES = (BoardRole.CHAIR, BoardRole.SECRETARY)


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    BACKGROUND = "background", _("Background paper")
    MINUTES = "minutes", _("Minutes")
    PRESENTATION = "presentation", _("Presentation")
    OTHER = "other", pgettext_lazy("document kind", "Other")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# Action points still to be done (counted as open on the meeting page and the brief).
PENDING_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class BriefStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")


# Organisations whose kind (verified) lets their editors maintain a region's strategy record.
STRATEGY_KINDS = (OrganisationKind.REGIONAL_AUTHORITY, OrganisationKind.MUNICIPALITY, OrganisationKind.CLUSTER,
                  OrganisationKind.KNOWLEDGE_INSTITUTION, OrganisationKind.OTHER)
