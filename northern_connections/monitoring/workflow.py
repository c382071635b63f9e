"""The life cycles of partner and joint reports, declared as data for the core state machine.

Partner report (after Interreg's Jems): draft → submitted → in control → certified.
- A submitted report is reopened to the partner fully (only the partner's latest report: amounts
  may still change) or limited (only progress, indicators, problems and evidence); resubmitting
  returns it to "submitted".
- A report in control is reopened likewise (reopened-last / reopened-limited); resubmitting
  returns it to control, with the control work done so far kept.
- A certified report is reopened by its controller only while no joint report includes it; the
  partner may then change its non-financial parts, and resubmitting returns it to control with
  the earlier control work kept.
Every reopening needs a reason (checked in `services.report_transition`) and is logged.

Joint report: draft → submitted → in verification → finalised; the programme (platform
administrators) verifies and may reopen a submitted report or one in verification to the lead partner.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext_lazy

from northern_connections.core.workflow import Transition, Workflow

from . import money
from .choices import ControlConclusion, JointReportStatus, ReportStatus
from .models import ExchangeRate, JointReport, JointReportTransition, PartnerReport, ReportTransition
from .permissions import CONTROL, LEAD, REPORT, VERIFY

S = ReportStatus
J = JointReportStatus


def first_of_month(moment: datetime):
    return moment.date().replace(day=1)


def submission_problems(report: PartnerReport, now: datetime) -> list[str]:
    """Why a report cannot be (re)submitted now: a currency without this month's accounting rate."""
    month = first_of_month(now)
    needed = set(report.items.filter(declared_eur__isnull=True).exclude(currency="EUR")
                 .values_list("currency", flat=True))
    known = set(ExchangeRate.objects.filter(month=month, currency__in=needed).values_list("currency", flat=True))
    message = _("There is no exchange rate for %(currency)s for %(month)s yet: the platform administrators enter "
                "the EU's monthly accounting rate.")
    return [message % {"currency": c, "month": f"{month:%Y-%m}"} for c in sorted(needed - known)]


def _submitted(report: PartnerReport, actor, now: datetime) -> None:
    """Fix the euro amount of every item declared (or changed) since the last submission, at this month's rate."""
    month = first_of_month(now)
    rates = dict(ExchangeRate.objects.filter(month=month).values_list("currency", "rate"))
    for item in report.items.filter(declared_eur__isnull=True):
        item.rate = Decimal(1) if item.currency == "EUR" else rates[item.currency]
        item.declared_eur = money.to_eur(item.amount, item.rate)
        item.eligible_eur, item.deducted_eur, item.parked_eur = item.declared_eur, money.ZERO, money.ZERO
        item.save(update_fields=["rate", "declared_eur", "eligible_eur", "deducted_eur", "parked_eur", "updated"])
    report.submitted_at = now


def is_latest(report: PartnerReport) -> bool:
    return not PartnerReport.objects.filter(project_partner_id=report.project_partner_id,
                                            number__gt=report.number).exists()


def _latest_only(report: PartnerReport, now: datetime) -> list[str]:
    if not is_latest(report):
        return [_("Only the partner's latest report can be reopened fully; reopen this one limited.")]
    return []


def control_problems(report: PartnerReport, now: datetime) -> list[str]:
    """Why control cannot be finalised yet."""
    problems = []
    items = report.items.all()
    if items.exists() and not items.filter(in_sample=True).exists():
        problems.append(_("Choose the sample: at least one item must be verified."))
    if items.filter(in_sample=True, controlled=False).exists():
        problems.append(_("Record the outcome of every item in the sample."))
    if not report.control_conclusion:
        problems.append(_("Give the overall conclusion."))
    elif report.control_conclusion == ControlConclusion.UNQUALIFIED and items.filter(deducted_eur__gt=0).exists():
        problems.append(_("An unqualified conclusion cannot stand with deductions: choose a qualified one."))
    return problems


def _certified(report: PartnerReport, actor, now: datetime) -> None:
    report.items.filter(controlled=False).update(controlled=True)  # not sampled: accepted as declared
    report.certified_at = now


def _not_in_joint_report(report: PartnerReport, now: datetime) -> list[str]:
    if report.joint_report_id:
        return [_("The report is included in a joint report: it can no longer be reopened.")]
    return []


SUBMIT_LABEL = pgettext_lazy("report life cycle", "Submit")
RESUBMIT_LABEL = _lazy("Resubmit")

REPORT_WORKFLOW = Workflow(
    statuses=ReportStatus,
    log_model=ReportTransition,
    log_object_field="report",
    transitions=[
        Transition(S.DRAFT, S.SUBMITTED, SUBMIT_LABEL, permission=REPORT, guard=submission_problems,
                   effect=_submitted, update_fields=("submitted_at",)),
        Transition((S.REOPENED_SUBMITTED_LAST, S.REOPENED_SUBMITTED_LIMITED), S.SUBMITTED, RESUBMIT_LABEL,
                   permission=REPORT, guard=submission_problems, effect=_submitted, update_fields=("submitted_at",)),
        Transition((S.REOPENED_CONTROL_LAST, S.REOPENED_CONTROL_LIMITED, S.REOPENED_CERTIFIED), S.IN_CONTROL,
                   RESUBMIT_LABEL, permission=REPORT, guard=submission_problems, effect=_submitted,
                   update_fields=("submitted_at",)),
        Transition(S.SUBMITTED, S.IN_CONTROL, _lazy("Start control"), permission=CONTROL),
        Transition(S.SUBMITTED, S.REOPENED_SUBMITTED_LAST, _lazy("Reopen fully"), permission=CONTROL,
                   guard=_latest_only, danger=True),
        Transition(S.SUBMITTED, S.REOPENED_SUBMITTED_LIMITED, _lazy("Reopen limited"), permission=CONTROL,
                   danger=True),
        Transition(S.IN_CONTROL, S.REOPENED_CONTROL_LAST, _lazy("Reopen fully"), permission=CONTROL,
                   guard=_latest_only, danger=True),
        Transition(S.IN_CONTROL, S.REOPENED_CONTROL_LIMITED, _lazy("Reopen limited"), permission=CONTROL,
                   danger=True),
        Transition(S.IN_CONTROL, S.CERTIFIED, _lazy("Finalise control and certify"), permission=CONTROL,
                   guard=control_problems, effect=_certified, update_fields=("certified_at",)),
        Transition(S.CERTIFIED, S.REOPENED_CERTIFIED, _lazy("Reopen the certified report"), permission=CONTROL,
                   guard=_not_in_joint_report, danger=True),
    ],
)


def _joint_has_reports(joint: JointReport, now: datetime) -> list[str]:
    if not joint.partner_reports.exists():
        return [_("Include at least one certified partner report.")]
    return []


def _joint_submitted(joint: JointReport, actor, now: datetime) -> None:
    joint.submitted_at = now


def _joint_finalised(joint: JointReport, actor, now: datetime) -> None:
    joint.finalised_at = now


JOINT_WORKFLOW = Workflow(
    statuses=JointReportStatus,
    log_model=JointReportTransition,
    log_object_field="joint_report",
    transitions=[
        Transition((J.DRAFT, J.REOPENED), J.SUBMITTED, SUBMIT_LABEL, permission=LEAD, guard=_joint_has_reports,
                   effect=_joint_submitted, update_fields=("submitted_at",)),
        Transition(J.SUBMITTED, J.IN_VERIFICATION, _lazy("Start verification"), permission=VERIFY),
        Transition((J.SUBMITTED, J.IN_VERIFICATION), J.REOPENED, _lazy("Reopen to the lead partner"),
                   permission=VERIFY, danger=True),
        Transition(J.IN_VERIFICATION, J.FINALISED, _lazy("Finalise"), permission=VERIFY, effect=_joint_finalised,
                   update_fields=("finalised_at",)),
    ],
)
