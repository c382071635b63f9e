"""Vocabularies of the support map (the values are also the coverage module's and the Excel template's)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from northern_connections.directory.choices import OrganisationKind

from . import coverage


class MeasureKind(models.TextChoices):
    GRANT = "grant", _("Grant")
    VOUCHER = "voucher", _("Innovation voucher")
    FINANCE = "finance", _("Loan or equity")
    TEST_FACILITY = "test_facility", _("Test and demonstration facility")
    ADVISORY = "advisory", _("Advisory or coaching")
    NETWORK = "network", _("Network or matchmaking")
    TRAINING = "training", _("Training")
    PROCUREMENT = "procurement", _("Innovation procurement / pre-commercial procurement")
    TAX = "tax", _("Tax incentive")


class GeographicScope(models.TextChoices):
    REGIONAL = "regional", _("Regional (NUTS regions)")
    NATIONAL = "national", _("National")
    TRANSNATIONAL = "transnational", _("Transnational")


class Eligibility(models.TextChoices):
    """Who outside the measure's own area may use it (the coverage module's `eligibility`)."""

    LOCAL = coverage.LOCAL, _("Only organisations located in its area")
    NATIONAL = coverage.NATIONAL, _("Also organisations from other regions of its country")
    ANY = coverage.ANY, _("Also organisations from other countries")


class TargetGroup(models.TextChoices):
    SME = coverage.SME, _("SMEs")
    STARTUP = "startup", _("Start-ups")
    LARGE_ENTERPRISE = "large_enterprise", _("Large enterprises")
    KNOWLEDGE_INSTITUTION = "knowledge_institution", _("Knowledge institutions")
    PUBLIC_AUTHORITY = "public_authority", _("Public authorities")
    CLUSTER = "cluster", _("Clusters")


class FundingSource(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", pgettext_lazy("funding source", "National")
    ERDF = "erdf", _("ERDF")
    INTERREG = "interreg", _("Interreg")
    HORIZON = "horizon", _("Horizon Europe")
    PRIVATE = "private", _("Private")


class MeasureStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed for applications")
    ARCHIVED = "archived", _("Archived")


# Only published measures count in the coverage analysis and the navigator.
COUNTED_STATUSES = (MeasureStatus.PUBLISHED,)
# Seen by everyone; drafts only by the provider.
PUBLIC_STATUSES = (MeasureStatus.PUBLISHED, MeasureStatus.CLOSED, MeasureStatus.ARCHIVED)
EDITABLE_STATUSES = (MeasureStatus.DRAFT, MeasureStatus.PUBLISHED, MeasureStatus.CLOSED)

# Organisations whose kind (verified) lets them publish measures: public bodies, clusters, knowledge
# institutions (test beds), EU offices and "other" (innovation agencies, development banks).
PROVIDER_KINDS = (
    OrganisationKind.MUNICIPALITY, OrganisationKind.REGIONAL_AUTHORITY, OrganisationKind.CLUSTER,
    OrganisationKind.KNOWLEDGE_INSTITUTION, OrganisationKind.EU_OFFICE, OrganisationKind.OTHER,
)

# The navigator asks "who are you?": an organisation kind maps to the measures' target group.
KIND_TARGET_GROUP = {
    OrganisationKind.SME: TargetGroup.SME,
    OrganisationKind.LARGE_ENTERPRISE: TargetGroup.LARGE_ENTERPRISE,
    OrganisationKind.KNOWLEDGE_INSTITUTION: TargetGroup.KNOWLEDGE_INSTITUTION,
    OrganisationKind.MUNICIPALITY: TargetGroup.PUBLIC_AUTHORITY,
    OrganisationKind.REGIONAL_AUTHORITY: TargetGroup.PUBLIC_AUTHORITY,
    OrganisationKind.CLUSTER: TargetGroup.CLUSTER,
}

TRL_RANGE = coverage.TRLS
