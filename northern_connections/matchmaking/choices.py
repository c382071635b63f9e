"""Vocabularies of matchmaking: what an index holds, how a change is logged, how often alerts go out."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexKind(models.TextChoices):
    """The kinds of document the shared index ranks (documents.py has a source for each).

    The support map ("measure") and partnering ("partner_request") register their own sources
    when those apps exist; the field storing a kind is therefore a plain string, not these choices.
    """

    ORGANISATION = "organisation", _("Organisations")
    CHALLENGE = "challenge", _("Challenges")


class ChangeOp(models.TextChoices):
    """What happened to an indexed object. Advisory only: replay re-reads the object's current state."""

    ADD = "add", _("Added")
    UPDATE = "update", _("Updated")
    REMOVE = "remove", _("Removed")


class CrossBorder(models.TextChoices):
    """How the other party's country counts (the engine's `Query.cross_border`)."""

    PREFER = "prefer", _("Prefer other countries")
    NEUTRAL = "neutral", _("Any country, no preference")
    ONLY = "only", _("Only other countries")


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
