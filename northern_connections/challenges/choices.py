"""Vocabularies of the challenge board: life cycle, routes, currencies, application states."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Open for applications")
    CLOSED = "closed", _("Closed")
    UNDER_EVALUATION = "under_evaluation", _("Under evaluation")
    DECIDED = "decided", _("Decided")
    ARCHIVED = "archived", _("Archived")
    CANCELLED = "cancelled", _("Cancelled")


# The life cycle itself (who may move a challenge from where to where) is challenges/workflow.py.

# While a challenge is a draft or open, its owner may still edit its text, deadlines and documents.
EDITABLE_STATUSES = (ChallengeStatus.DRAFT, ChallengeStatus.PUBLISHED)

# Challenges an event or a Living Lab may refer to: public and not cancelled or archived.
ACTIVE_STATUSES = (ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED, ChallengeStatus.UNDER_EVALUATION,
                   ChallengeStatus.DECIDED)

# Statuses everyone may see: a draft is the owner's business until it is published.
PUBLIC_STATUSES = tuple(s for s in ChallengeStatus.values if s != ChallengeStatus.DRAFT)

class RouteKind(models.TextChoices):
    """What follows the selection: a procurement procedure, PCP, a Living Lab pilot or nothing."""

    PROCUREMENT = "procurement", _("Public procurement (eForms procedure type)")
    PCP = "pcp", _("Pre-commercial procurement (PCP)")
    LIVING_LAB = "living_lab", _("Pilot in a Living Lab")
    NONE = "none", _("No procurement")


# eForms "procurement-procedure-type" codes → OCDS `procurementMethod` (closed codelist), after the
# OCDS for eForms mapping (BT-105): open → open; restricted, negotiated with call, dialogue and
# innovation partnership → selective; negotiated without call → limited.
EFORMS_TO_OCDS_METHOD = {
    "open": "open",
    "restricted": "selective",
    "neg-w-call": "selective",
    "comp-dial": "selective",
    "innovation": "selective",
    "oth-mult": "selective",
    "oth-single": "open",
    "comp-tend": "open",
    "exp-int-rail": "selective",
    "neg-wo-call": "limited",
}


class Currency(models.TextChoices):
    EUR = "EUR", "EUR"
    DKK = "DKK", "DKK"
    NOK = "NOK", "NOK"
    SEK = "SEK", "SEK"
    GBP = "GBP", "GBP"


# Fixed planning rates, units of the currency per 1 EUR (rounded ECB reference rates, early 2025).
# They only make budget ranges comparable across the board; they are not for accounting, and a
# change here changes every displayed EUR figure, so update them deliberately (e.g. yearly).
EUR_RATES: dict[str, Decimal] = {
    "EUR": Decimal("1"),
    "DKK": Decimal("7.46"),
    "NOK": Decimal("11.70"),
    "SEK": Decimal("11.40"),
    "GBP": Decimal("0.83"),
}


def to_eur(amount: int | Decimal | None, currency: str) -> int | None:
    if amount is None:
        return None
    return int((Decimal(amount) / EUR_RATES[currency]).quantize(Decimal("1")))


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected")
    REJECTED = "rejected", _("Not selected")


# Applications a jury evaluates.
EVALUATED_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED, ApplicationStatus.SELECTED,
                      ApplicationStatus.REJECTED)


class PartnerStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


# Languages a challenge may be written in (the platform's languages).
CHALLENGE_LANGUAGES = [
    ("en", _("English")), ("da", _("Danish")), ("nb", _("Norwegian Bokmål")), ("sv", _("Swedish")),
    ("nl", _("Dutch")), ("de", _("German")),
]

# Time zones of the partner countries: a deadline is entered and shown in the owner's zone.
TIME_ZONES = [
    ("Europe/Copenhagen", "Europe/Copenhagen"), ("Europe/Oslo", "Europe/Oslo"),
    ("Europe/Stockholm", "Europe/Stockholm"), ("Europe/Amsterdam", "Europe/Amsterdam"),
    ("Europe/Berlin", "Europe/Berlin"), ("Europe/Brussels", "Europe/Brussels"), ("Europe/London", "Europe/London"),
    ("UTC", "UTC"),
]

SCORE_MAX = 10  # every criterion is scored 0–10; the weights turn them into a total out of 100
