"""Every allowed and every forbidden move of a partner report's and a joint report's life cycle."""


import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from .. import services
from ..choices import JointReportStatus, ReportStatus
from ..models import JointReport, PartnerReport
from .helpers import report_in

S = ReportStatus
# Written out independently of workflow.py: the test checks the declared data against the rules of the issue.
PARTNER_MOVES = {
    (S.DRAFT, S.SUBMITTED),
    (S.REOPENED_SUBMITTED_LAST, S.SUBMITTED), (S.REOPENED_SUBMITTED_LIMITED, S.SUBMITTED),
    (S.REOPENED_CONTROL_LAST, S.IN_CONTROL), (S.REOPENED_CONTROL_LIMITED, S.IN_CONTROL),
    (S.REOPENED_CERTIFIED, S.IN_CONTROL),
}
CONTROLLER_MOVES = {
    (S.SUBMITTED, S.IN_CONTROL), (S.SUBMITTED, S.REOPENED_SUBMITTED_LAST), (S.SUBMITTED, S.REOPENED_SUBMITTED_LIMITED),
    (S.IN_CONTROL, S.REOPENED_CONTROL_LAST), (S.IN_CONTROL, S.REOPENED_CONTROL_LIMITED), (S.IN_CONTROL, S.CERTIFIED),
    (S.CERTIFIED, S.REOPENED_CERTIFIED),
}
PAIRS = [(a, b) for a in S.values for b in S.values]


def _attempt(actor, report, target):
    try:
        services.report_transition(actor=actor, report=report, to_status=target, note="Because.")
    except (ValidationError, PermissionDenied):
        return False
    report.refresh_from_db()
    assert report.status == target
    return True


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_every_move_of_a_partner_report(pw, july, source, target):
    partner, controller = pw.editors[1], pw.controllers[1]
    for actor, allowed in ((partner, PARTNER_MOVES), (controller, CONTROLLER_MOVES)):
        report = report_in(pw, source)
        assert _attempt(actor, report, target) == ((source, target) in allowed), (actor, source, target)
        PartnerReport.objects.filter(pk=report.pk).update(joint_report=None)
        report.transitions.all().delete()
        report.items.all().delete()
        report.delete()
    # Nobody else moves it: another partner's editor, the lead partner, another partner's controller.
    report = report_in(pw, source)
    for actor in (pw.editors[0], pw.editors[2], pw.controllers[0], pw.controllers[2]):
        assert not _attempt(actor, report, target)


def test_the_controller_never_sees_a_draft(pw, july):
    report = report_in(pw, S.DRAFT)
    with pytest.raises(PermissionDenied):
        services.report_transition(actor=pw.controllers[1], report=report, to_status=S.SUBMITTED)


@pytest.mark.parametrize(("source", "target"), [(S.SUBMITTED, S.REOPENED_SUBMITTED_LAST),
                                                (S.IN_CONTROL, S.REOPENED_CONTROL_LAST)])
def test_only_the_latest_report_is_reopened_fully(pw, july, source, target):
    older = report_in(pw, source, number=1)
    report_in(pw, S.DRAFT, number=2)
    with pytest.raises(ValidationError, match="latest"):
        services.report_transition(actor=pw.controllers[1], report=older, to_status=target, note="Typo in invoice")
    limited = S.REOPENED_SUBMITTED_LIMITED if source == S.SUBMITTED else S.REOPENED_CONTROL_LIMITED
    services.report_transition(actor=pw.controllers[1], report=older, to_status=limited, note="Evidence missing")


@pytest.mark.parametrize("target", [S.REOPENED_SUBMITTED_LAST, S.REOPENED_SUBMITTED_LIMITED])
def test_a_reopening_needs_a_reason_and_is_recorded(pw, july, target):
    report = report_in(pw, S.SUBMITTED)
    with pytest.raises(ValidationError, match="reason"):
        services.report_transition(actor=pw.controllers[1], report=report, to_status=target, note="  ")
    services.report_transition(actor=pw.controllers[1], report=report, to_status=target, note="Invoice 7 unreadable")
    record = report.transitions.get()
    assert (record.from_status, record.to_status, record.by, record.note) == (
        S.SUBMITTED, target, pw.controllers[1], "Invoice 7 unreadable")


def test_a_certified_report_in_a_joint_report_cannot_be_reopened(pw, july):
    report = report_in(pw, S.CERTIFIED)
    joint = services.joint_report_create(actor=pw.editors[0], project=pw.project, period=pw.periods[0])
    assert report in joint.partner_reports.all()
    with pytest.raises(ValidationError, match="joint report"):
        services.report_transition(actor=pw.controllers[1], report=report, to_status=S.REOPENED_CERTIFIED,
                                   note="Late correction")
    services.joint_report_exclude(actor=pw.editors[0], joint_report=joint, report=report)
    services.report_transition(actor=pw.controllers[1], report=report, to_status=S.REOPENED_CERTIFIED,
                               note="Late correction")


def test_certifying_needs_a_sample_outcomes_and_a_conclusion(pw, july):
    report = report_in(pw, S.IN_CONTROL)
    PartnerReport.objects.filter(pk=report.pk).update(control_conclusion="")
    report.items.update(controlled=False)
    with pytest.raises(ValidationError) as error:
        services.report_transition(actor=pw.controllers[1], report=report, to_status=S.CERTIFIED)
    assert len(error.value.messages) == 2  # outcomes missing, conclusion missing
    report.items.update(in_sample=False)
    with pytest.raises(ValidationError, match="sample"):
        services.report_transition(actor=pw.controllers[1], report=report, to_status=S.CERTIFIED)


def test_unknown_or_empty_status_is_a_clear_error(pw, july):
    report = report_in(pw, S.DRAFT)
    for value in ("", "archived", None, 3):
        with pytest.raises(ValidationError):
            services.report_transition(actor=pw.editors[1], report=report, to_status=value)


J = JointReportStatus
LEAD_JOINT_MOVES = {(J.DRAFT, J.SUBMITTED), (J.REOPENED, J.SUBMITTED)}
PROGRAMME_JOINT_MOVES = {(J.SUBMITTED, J.IN_VERIFICATION), (J.SUBMITTED, J.REOPENED),
                         (J.IN_VERIFICATION, J.REOPENED), (J.IN_VERIFICATION, J.FINALISED)}


@pytest.mark.parametrize(("source", "target"), [(a, b) for a in J.values for b in J.values])
def test_every_move_of_a_joint_report(pw, july, people, source, target):
    report_in(pw, S.CERTIFIED)
    joint = services.joint_report_create(actor=pw.editors[0], project=pw.project, period=pw.periods[0])
    for actor, allowed in ((pw.editors[0], LEAD_JOINT_MOVES), (people.admin, PROGRAMME_JOINT_MOVES | LEAD_JOINT_MOVES)):
        JointReport.objects.filter(pk=joint.pk).update(status=source)
        try:
            services.joint_report_transition(actor=actor, joint_report=joint, to_status=target, note="Recheck")
            moved = True
        except (ValidationError, PermissionDenied):
            moved = False
        assert moved == ((source, target) in allowed), (actor, source, target)
    JointReport.objects.filter(pk=joint.pk).update(status=source)
    for actor in (pw.editors[1], pw.controllers[0]):
        with pytest.raises((ValidationError, PermissionDenied)):
            services.joint_report_transition(actor=actor, joint_report=joint, to_status=target, note="x")


def test_reopening_a_joint_report_needs_a_reason(pw, july, people):
    report_in(pw, S.CERTIFIED)
    joint = services.joint_report_create(actor=pw.editors[0], project=pw.project, period=pw.periods[0])
    services.joint_report_transition(actor=pw.editors[0], joint_report=joint, to_status=J.SUBMITTED)
    with pytest.raises(ValidationError, match="reason"):
        services.joint_report_transition(actor=people.admin, joint_report=joint, to_status=J.REOPENED)
