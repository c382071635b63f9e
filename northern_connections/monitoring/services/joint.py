"""Writes of a joint report by the lead partner (selection, texts, publication) and its life cycle."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.permissions import VIEW, locked_for, require_add
from northern_connections.core.workflow import transition_apply

from ..choices import JointReportStatus
from ..models import JointReport, PartnerReport, Project, ReportingPeriod
from ..permissions import LEAD
from ..workflow import JOINT_WORKFLOW


def _editable(actor: User, joint_report: JointReport) -> JointReport:
    joint_report = locked_for(actor, LEAD, joint_report)
    if not joint_report.is_editable:
        raise ValidationError(_("The joint report is “%(status)s”: it cannot be changed now.")
                              % {"status": joint_report.get_status_display()}, code="joint_locked")
    return joint_report


def joint_report_create(*, actor: User, project: Project, period: ReportingPeriod,
                        include_certified: bool = True) -> JointReport:
    """A new joint report for `period`; by default it includes every certified report of the period not yet
    in another joint report (the lead partner may take some out again)."""
    with transaction.atomic():
        require_add(actor, JointReport, project=project)
        project = Project.objects.select_for_update().get(pk=project.pk)
        if period.project_id != project.pk:
            raise ValidationError({"period": _("The period belongs to another project.")})
        number = (project.joint_reports.aggregate(n=Max("number"))["n"] or 0) + 1
        joint = JointReport(project=project, period=period, number=number)
        joint.full_clean()
        joint.save()
        if include_certified:
            available_reports(joint).update(joint_report=joint)
    return joint


def available_reports(joint: JointReport):
    """Certified reports of the joint report's period that no joint report includes yet."""
    from ..choices import ReportStatus

    return PartnerReport.objects.filter(project_partner__project_id=joint.project_id, period_id=joint.period_id,
                                        status=ReportStatus.CERTIFIED, joint_report__isnull=True)


def joint_report_update(*, actor: User, joint_report: JointReport, narrative: str | None = None,
                        public_summary: str | None = None) -> JointReport:
    with transaction.atomic():
        joint_report = _editable(actor, joint_report)
        if narrative is not None:
            joint_report.narrative = narrative.strip()
        if public_summary is not None:
            joint_report.public_summary = public_summary.strip()
        joint_report.full_clean()
        joint_report.save()
    return joint_report


def joint_report_include(*, actor: User, joint_report: JointReport, report: PartnerReport) -> PartnerReport:
    """Add a certified partner report of the period (it can then no longer be reopened)."""
    with transaction.atomic():
        joint_report = _editable(actor, joint_report)
        locked = PartnerReport.objects.select_for_update().filter(
            pk__in=PartnerReport.objects.restrict(actor, VIEW).filter(pk=report.pk).values("pk")).first()
        if locked is None or locked.pk not in set(available_reports(joint_report).values_list("pk", flat=True)):
            raise ValidationError(_("Only a certified report of the period that no joint report includes yet can "
                                    "be added."), code="not_available")
        locked.joint_report = joint_report
        locked.save(update_fields=["joint_report", "updated"])
    return locked


def joint_report_exclude(*, actor: User, joint_report: JointReport, report: PartnerReport) -> PartnerReport:
    with transaction.atomic():
        joint_report = _editable(actor, joint_report)
        locked = PartnerReport.objects.select_for_update().filter(pk=report.pk, joint_report=joint_report).first()
        if locked is None:
            raise ValidationError(_("The joint report does not include this report."))
        locked.joint_report = None
        locked.save(update_fields=["joint_report", "updated"])
    return locked


def joint_report_transition(*, actor: User, joint_report: JointReport, to_status: Any, note: str = ""
                            ) -> JointReport:
    if to_status == JointReportStatus.REOPENED and not (note or "").strip():
        raise ValidationError({"note": _("Give the reason for reopening the report.")}, code="reason_missing")
    return transition_apply(workflow=JOINT_WORKFLOW, actor=actor, obj=joint_report, to_status=to_status,
                            comment=(note or "").strip())


def joint_report_publish(*, actor: User, joint_report: JointReport) -> JointReport:
    """Publish the public summary of a finalised joint report on the platform's website."""
    with transaction.atomic():
        joint_report = locked_for(actor, LEAD, joint_report)
        if not joint_report.is_finalised:
            raise ValidationError(_("Only a finalised joint report is published."), code="not_finalised")
        if not joint_report.public_summary.strip():
            raise ValidationError(_("Write the public summary first."), code="summary_missing")
        joint_report.published_at = joint_report.published_at or clock.now()
        joint_report.save(update_fields=["published_at", "updated"])
    return joint_report
