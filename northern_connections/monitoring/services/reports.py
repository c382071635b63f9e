"""Writes of a partner report by the partner: creation, progress, indicators, expenditure, the life cycle.

Every function re-reads the report through the gate ("report": the partner's editors) inside its
transaction and checks the report's status there: the partner changes everything in a draft or
a fully reopened report, only the non-financial parts in a limited reopening, nothing otherwise.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core.permissions import DELETE, locked_for, require_add
from northern_connections.core.workflow import transition_apply

from ..choices import REOPENED_STATUSES, ReportStatus
from ..models import (
    Activity,
    Deliverable,
    ExpenditureItem,
    Indicator,
    IndicatorContribution,
    PartnerReport,
    ProgressEntry,
    ProjectPartner,
    ReportingPeriod,
    WorkPackage,
)
from ..permissions import REPORT
from ..workflow import REPORT_WORKFLOW

# What the partner types for an item; the euro amounts and the control fields are set elsewhere.
ITEM_FIELDS = ("category", "description", "invoice_number", "invoice_date", "payment_date", "amount", "vat",
               "currency", "attachment")
AMOUNT_FIELDS = ("category", "amount", "vat", "currency")
LIMITED_ITEM_FIELDS = ("attachment",)  # evidence may still be added in a limited reopening


def _writable(actor: User, report: PartnerReport, *, amounts: bool = False) -> PartnerReport:
    report = locked_for(actor, REPORT, report)
    if not report.is_partner_editable:
        raise ValidationError(_("The report is “%(status)s”: it cannot be changed now.")
                              % {"status": report.get_status_display()}, code="report_locked")
    if amounts and not report.amounts_editable:
        raise ValidationError(_("The report is reopened limited: only progress, indicators, problems and evidence "
                                "may change, not the expenditure."), code="report_limited")
    return report


def flat_rate_categories(project) -> set[str]:
    """Categories computed as a flat rate in `project`: nothing may be declared in them."""
    from ..selectors import flat_rate_rules

    return {rule.category for rule in flat_rate_rules(project)}


def report_create(*, actor: User, project_partner: ProjectPartner, period: ReportingPeriod) -> PartnerReport:
    """Open the partner's next report; items parked in its certified reports move into it."""
    with transaction.atomic():
        require_add(actor, PartnerReport, project_partner=project_partner)
        partner = ProjectPartner.objects.select_for_update().get(pk=project_partner.pk)  # serialises numbering
        if period.project_id != partner.project_id:
            raise ValidationError({"period": _("The period belongs to another project.")})
        if partner.reports.filter(status=ReportStatus.DRAFT).exists():
            raise ValidationError(_("Submit the partner's open draft report before starting another one."))
        number = (partner.reports.aggregate(n=Max("number"))["n"] or 0) + 1
        report = PartnerReport(project_partner=partner, period=period, number=number)
        report.full_clean()
        report.save()
        _carry_parked(report)
    return report


def _carry_parked(report: PartnerReport) -> int:
    """Declare again, in `report`, every item parked in the partner's certified reports and not yet carried."""
    parked = (ExpenditureItem.objects.filter(report__project_partner_id=report.project_partner_id,
                                             report__status=ReportStatus.CERTIFIED, parked_eur__gt=0,
                                             carried_to__isnull=True).order_by("report__number", "number"))
    carried = 0
    for number, item in enumerate(parked, start=1):
        ExpenditureItem.objects.create(
            report=report, number=number, category=item.category, description=item.description,
            invoice_number=item.invoice_number, invoice_date=item.invoice_date, payment_date=item.payment_date,
            amount=item.amount, vat=item.vat, currency=item.currency, attachment=item.attachment.name,
            rate=item.rate, declared_eur=item.parked_eur, eligible_eur=item.parked_eur, parked_from=item)
        carried += 1
    return carried


def report_update(*, actor: User, report: PartnerReport, highlights: str | None = None, problems: str | None = None,
                  deliverables_done: list[Deliverable] | None = None) -> PartnerReport:
    """The non-financial parts of the report (also in a limited reopening)."""
    with transaction.atomic():
        report = _writable(actor, report)
        if highlights is not None:
            report.highlights = highlights.strip()
        if problems is not None:
            report.problems = problems.strip()
        report.full_clean()
        report.save()
        if deliverables_done is not None:
            project_id = report.project_partner.project_id
            if any(d.activity.work_package.project_id != project_id for d in deliverables_done):
                raise ValidationError({"deliverables_done": _("A deliverable of another project.")})
            report.deliverables_done.set(deliverables_done)
    return report


def progress_save(*, actor: User, report: PartnerReport, work_package: WorkPackage, contribution: str,
                  activity: Activity | None = None, evidence: Any = None) -> ProgressEntry:
    """The partner's contribution to a work package or activity (one entry each; saving again replaces it)."""
    with transaction.atomic():
        report = _writable(actor, report)
        if work_package.project_id != report.project_partner.project_id:
            raise ValidationError({"work_package": _("A work package of another project.")})
        if activity is not None and activity.work_package_id != work_package.pk:
            raise ValidationError({"activity": _("The activity belongs to another work package.")})
        entry = ProgressEntry.objects.filter(report=report, work_package=work_package, activity=activity).first()
        entry = entry or ProgressEntry(report=report, work_package=work_package, activity=activity)
        entry.contribution = (contribution or "").strip()
        if evidence:
            entry.evidence = evidence
        entry.full_clean()
        entry.save()
    return entry


def contribution_save(*, actor: User, report: PartnerReport, indicator: Indicator, value, comment: str = ""
                      ) -> IndicatorContribution:
    """The partner's contribution to an indicator in the period (saving again replaces it)."""
    with transaction.atomic():
        report = _writable(actor, report)
        if indicator.project_id != report.project_partner.project_id:
            raise ValidationError({"indicator": _("An indicator of another project.")})
        contribution, _created = IndicatorContribution.objects.get_or_create(
            report=report, indicator=indicator, defaults={"value": value, "comment": comment})
        contribution.value, contribution.comment = value, comment.strip()
        contribution.full_clean()
        contribution.save()
    return contribution


def _check_category(report: PartnerReport, category: str) -> None:
    if category in flat_rate_categories(report.project_partner.project):
        raise ValidationError({"category": _("This category is a flat rate: it is computed, not declared.")})


def item_create(*, actor: User, report: PartnerReport, **fields) -> ExpenditureItem:
    """Declare an item of expenditure; its euro amount is fixed when the report is submitted."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"item_create does not set {sorted(unknown)}")
    with transaction.atomic():
        report = _writable(actor, report, amounts=True)
        _check_category(report, fields.get("category", ""))
        number = (report.items.aggregate(n=Max("number"))["n"] or 0) + 1
        item = ExpenditureItem(report=report, number=number, **fields)
        item.currency = (item.currency or "EUR").upper()
        item.full_clean()
        item.save()
    return item


def item_update(*, actor: User, item: ExpenditureItem, **fields) -> ExpenditureItem:
    """Change an item. A changed amount or currency drops its euro amount and any control decision
    on it: both are made again (the amount at the rate of the month of the next submission)."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"item_update does not set {sorted(unknown)}")
    with transaction.atomic():
        report = _writable(actor, item.report)
        item = ExpenditureItem.objects.select_for_update().get(pk=item.pk, report=report)
        changed = {name for name, value in fields.items() if getattr(item, name) != value}
        allowed = ITEM_FIELDS if report.amounts_editable else LIMITED_ITEM_FIELDS
        if changed - set(allowed):
            raise ValidationError(_("The report is reopened limited: only evidence may be added to its items."),
                                  code="report_limited")
        if item.is_carried and changed & set(AMOUNT_FIELDS):
            raise ValidationError(_("A parked item keeps the amounts it was declared with."))
        for name in changed:
            setattr(item, name, fields[name])
        if "category" in changed:
            _check_category(report, item.category)
        if changed & {"amount", "currency"}:
            item.currency = item.currency.upper()
            item.rate = item.declared_eur = None
            item.eligible_eur = item.deducted_eur = item.parked_eur = 0
            item.controlled, item.error_type, item.control_comment = False, "", ""
        item.full_clean()
        item.save()
    return item


def item_delete(*, actor: User, item: ExpenditureItem) -> None:
    with transaction.atomic():
        report = _writable(actor, item.report, amounts=True)
        ExpenditureItem.objects.filter(pk=item.pk, report=report).delete()


def report_transition(*, actor: User, report: PartnerReport, to_status: Any, note: str = "") -> PartnerReport:
    """Move a report along its life cycle (core/workflow.py); a reopening needs its reason."""
    if to_status in REOPENED_STATUSES and not (note or "").strip():
        raise ValidationError({"note": _("Give the reason for reopening the report.")}, code="reason_missing")
    return transition_apply(workflow=REPORT_WORKFLOW, actor=actor, obj=report, to_status=to_status,
                            comment=(note or "").strip())


def report_delete(*, actor: User, report: PartnerReport) -> None:
    """A draft may be deleted by the partner's administrators; items carried into it are parked again."""
    with transaction.atomic():
        report = locked_for(actor, DELETE, report)
        if not report.is_draft:
            raise ValidationError(_("Only a draft report can be deleted."))
        report.items.all().delete()
        report.delete()


