"""Vocabularies of project monitoring, and the status groups every rule about a status reads."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CostCategory(models.TextChoices):
    """The Interreg cost categories (Regulation (EU) 2021/1059 and the delegated act on eligibility)."""

    STAFF = "staff", _("Staff costs")
    OFFICE = "office", _("Office and administration")
    TRAVEL = "travel", _("Travel and accommodation")
    EXTERNAL = "external", _("External expertise and services")
    EQUIPMENT = "equipment", _("Equipment")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure and works")


class DeliverableStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")


class IndicatorKind(models.TextChoices):
    OUTPUT = "output", _("Output indicator")
    RESULT = "result", _("Result indicator")


class ReportStatus(models.TextChoices):
    """A partner report's life cycle, after the Jems system of the Interreg programmes."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REOPENED_SUBMITTED_LAST = "reopened_submitted_last", _("Reopened (full)")
    REOPENED_SUBMITTED_LIMITED = "reopened_submitted_limited", _("Reopened (limited)")
    IN_CONTROL = "in_control", _("In control")
    REOPENED_CONTROL_LAST = "reopened_control_last", _("Reopened in control (full)")
    REOPENED_CONTROL_LIMITED = "reopened_control_limited", _("Reopened in control (limited)")
    CERTIFIED = "certified", _("Certified")
    REOPENED_CERTIFIED = "reopened_certified", _("Reopened after certification")


S = ReportStatus
# The partner edits everything (amounts included) in these...
FULLY_EDITABLE_STATUSES = (S.DRAFT, S.REOPENED_SUBMITTED_LAST, S.REOPENED_CONTROL_LAST)
# ...and only the non-financial parts (progress, evidence, indicators, problems) in these.
LIMITED_STATUSES = (S.REOPENED_SUBMITTED_LIMITED, S.REOPENED_CONTROL_LIMITED, S.REOPENED_CERTIFIED)
PARTNER_EDITABLE_STATUSES = FULLY_EDITABLE_STATUSES + LIMITED_STATUSES
REOPENED_STATUSES = (S.REOPENED_SUBMITTED_LAST, S.REOPENED_SUBMITTED_LIMITED, S.REOPENED_CONTROL_LAST,
                     S.REOPENED_CONTROL_LIMITED, S.REOPENED_CERTIFIED)
# Reopened from control (or after certification): resubmitting returns the report to its controller.
BACK_TO_CONTROL_STATUSES = (S.REOPENED_CONTROL_LAST, S.REOPENED_CONTROL_LIMITED, S.REOPENED_CERTIFIED)
# Control work has started once a report reached "in control"; it is kept through reopenings.
CONTROL_STATUSES = (S.IN_CONTROL,)
# The lead partner and the controllers see a report from its first submission on.
SUBMITTED_ONCE_STATUSES = tuple(s for s in ReportStatus.values if s != S.DRAFT)


class ErrorType(models.TextChoices):
    """Typology of errors found by first-level control (after the Interreg typology used in Jems)."""

    INELIGIBLE = "ineligible", _("Ineligible expenditure")
    NO_EVIDENCE = "no_evidence", _("Missing or insufficient supporting documents")
    PROCUREMENT = "procurement", _("Public procurement error")
    OUTSIDE_PERIOD = "outside_period", _("Outside the eligibility period")
    DOUBLE_FUNDING = "double_funding", _("Double funding")
    CALCULATION = "calculation", _("Calculation error")
    VAT = "vat", _("Recoverable VAT declared")
    OTHER = "other", _("Other")


class ControlConclusion(models.TextChoices):
    PENDING = "", _("Not concluded")
    UNQUALIFIED = "unqualified", _("Unqualified: the expenditure is eligible")
    QUALIFIED = "qualified", _("Qualified: eligible after the deductions listed")
    ADVERSE = "adverse", _("Adverse: the expenditure is not eligible")


class JointReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_VERIFICATION = "in_verification", _("In verification")
    REOPENED = "reopened", _("Reopened")
    FINALISED = "finalised", _("Finalised")


J = JointReportStatus
JOINT_EDITABLE_STATUSES = (J.DRAFT, J.REOPENED)
