from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .vocabularies import TRL_DEFINITIONS


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality / city")
    REGIONAL_AUTHORITY = "regional_authority", _("Regional authority")
    CLUSTER = "cluster", _("Cluster organisation")
    SME = "sme", _("SME")
    LARGE_ENTERPRISE = "large_enterprise", _("Large enterprise")
    KNOWLEDGE_INSTITUTION = "knowledge_institution", _("Knowledge institution")
    EU_OFFICE = "eu_office", _("EU office or agency")
    OTHER = "other", _("Other")


PUBLIC_AUTHORITY_KINDS = (OrganisationKind.MUNICIPALITY, OrganisationKind.REGIONAL_AUTHORITY)


class SizeClass(models.TextChoices):
    """EU SME definition (Commission Recommendation 2003/361/EC)."""

    MICRO = "micro", _("Micro enterprise")
    SMALL = "small", _("Small enterprise")
    MEDIUM = "medium", _("Medium-sized enterprise")
    LARGE = "large", _("Large enterprise")
    UNKNOWN = "", _("Unknown")


class CohesionCategory(models.TextChoices):
    MORE_DEVELOPED = "more_developed", _("More developed region")
    TRANSITION = "transition", _("Transition region")
    LESS_DEVELOPED = "less_developed", _("Less developed region")
    NONE = "", _("Not classified")


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    PARTNER = "partner", _("Partner")
    ASSOCIATED = "associated", _("Associated partner")


class S3Dimension(models.TextChoices):
    ECONOMIC = "economic", _("Economic domain (NACE)")
    SCIENTIFIC = "scientific", _("Scientific domain (NABS)")
    POLICY = "policy", _("Policy objective")


# The labels are lazy so that each request shows them in its own language (vocabularies.py marks them).
TRL_CHOICES = [(level, format_lazy("TRL {} – {}", level, _(text))) for level, text in TRL_DEFINITIONS.items()]


class OrganisationSource(models.TextChoices):
    MANUAL = "manual", _("Entered on the platform")
    IMPORT = "import", _("Imported")
    DEMO = "demo", _("Demo data")


class VerificationStatus(models.TextChoices):
    """Whether the platform has checked an organisation's kind, legal name, country and website."""

    # A context: allauth translates "Verified" first, meaning a confirmed e-mail address.
    UNVERIFIED = "unverified", pgettext_lazy("organisation", "Unverified")
    VERIFIED = "verified", pgettext_lazy("organisation", "Verified")
    # Verified once, then the kind, legal name or country changed: treated as unverified.
    LAPSED = "lapsed", _("Verification lapsed")


class NameReview(models.TextChoices):
    """Whether an organisation's name needs an administrator's approval before the organisation is public."""

    CLEAR = "clear", _("No review needed")
    HELD = "held", _("Held for review")
    APPROVED = "approved", _("Approved by an administrator")


class VerificationSubject(models.TextChoices):
    IDENTITY = "identity", _("Verification of the organisation")
    NAME = "name", _("Approval of a name close to a verified one")


class VerificationRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Superseded")
