"""Vocabularies of the knowledge centre (the eForms lists live in directory's EformsCode)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from northern_connections.directory.choices import OrganisationKind

# eForms code lists the case library reads (imported by `import_eforms` from ../shared/data/eforms/).
PROCEDURE_LIST = "procurement-procedure-type"
INNOVATIVE_ACQUISITION_LIST = "innovative-acquisition"  # BT-776


class ExtraProcedure(models.TextChoices):
    """Routes to innovation that are not eForms procedure types but that the case library must tell apart."""

    PCP = "pcp", _("Pre-commercial procurement (PCP)")
    MARKET_CONSULTATION = "market-consultation", _("Preliminary market consultation")


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class CaseStage(models.TextChoices):
    """How far the procurement has come (each has its date on the case)."""

    PREPARATION = "preparation", _("Preparation")
    TENDERING = "tendering", _("Tendering")
    CONTRACT = "contract", _("Contract awarded")
    IMPLEMENTATION = "implementation", _("Implementation")
    COMPLETED = "completed", _("Completed")


class Sector(models.TextChoices):
    ENERGY = "energy", _("Energy")
    MOBILITY = "mobility", _("Mobility and transport")
    BUILDINGS = "buildings", _("Buildings and construction")
    HEALTH = "health", _("Health and care")
    WATER = "water", _("Water and waste")
    DIGITAL = "digital", _("Digital services")
    FOOD = "food", _("Food and catering")
    EDUCATION = "education", _("Education")
    ENVIRONMENT = "environment", _("Environment and climate")


class ToolboxKind(models.TextChoices):
    METHOD = "method", _("Method")
    TEMPLATE = "template", _("Template")
    GUIDE = "guide", _("Guide")
    MODULE = "module", _("Self-study module")


class Audience(models.TextChoices):
    PROCURER = "procurer", _("Procurers")
    CLUSTER_MANAGER = "cluster_manager", _("Cluster managers")
    SME = "sme", _("SMEs")


class ToolboxFormat(models.TextChoices):
    DOCUMENT = "document", _("Document")
    SPREADSHEET = "spreadsheet", _("Spreadsheet")
    CHECKLIST = "checklist", _("Checklist")
    CANVAS = "canvas", _("Canvas or worksheet")
    VIDEO = "video", _("Video")
    ONLINE = "online", _("Online course")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC0 = "cc0-1.0", "CC0 1.0"
    RESERVED = "reserved", _("All rights reserved")


class ToolboxStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("self-assessment", "In progress")
    COMPLETED = "completed", _("Completed")


class PublicationKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    NEWS = "news", _("News")
    REPORT = "report", _("Report")
    POLICY_NOTE = "policy_note", _("Policy note")
    LESSONS = "lessons", _("Lessons learned")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PostStatus(models.TextChoices):
    """A Q&A question waits for a moderator; answers appear at once; either may be hidden after a report."""

    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden by a moderator")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    UPHELD = "upheld", _("Upheld: post hidden")
    DISMISSED = "dismissed", _("Dismissed")


PUBLIC_CASE_STATUSES = (CaseStatus.PUBLISHED, CaseStatus.ARCHIVED)
PUBLIC_TOOLBOX_STATUSES = (ToolboxStatus.PUBLISHED, ToolboxStatus.ARCHIVED)
EDITABLE_TOOLBOX_STATUSES = (ToolboxStatus.DRAFT,)  # a published item is revised as a new draft
VISIBLE_POST_STATUSES = (PostStatus.PUBLISHED,)

# Organisations whose kind (verified) lets them publish procurement cases: the buyers themselves.
BUYER_KINDS = (OrganisationKind.MUNICIPALITY, OrganisationKind.REGIONAL_AUTHORITY)
# Toolbox items are written by clusters (and knowledge institutions, agencies) and reviewed before publication.
AUTHOR_KINDS = (OrganisationKind.CLUSTER, OrganisationKind.KNOWLEDGE_INSTITUTION, OrganisationKind.MUNICIPALITY,
                OrganisationKind.REGIONAL_AUTHORITY, OrganisationKind.OTHER)
# The case library's language facet and the platform's six languages.
CASE_LANGUAGES = (("en", _("English")), ("da", _("Danish")), ("nb", _("Norwegian")), ("sv", _("Swedish")),
                  ("nl", _("Dutch")), ("de", _("German")), ("fi", _("Finnish")), ("fr", _("French")))
# A learner passes a module's quiz with this share of right answers.
QUIZ_PASS_SHARE = 0.6
