"""The rules of the report services: currency, reopenings, control, parking, freezing, the joint report."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from .. import selectors, services
from ..choices import ReportStatus
from ..models import ExpenditureItem
from .helpers import draft_with_items, report_in

S = ReportStatus


def _walk_to_control(pw, report):
    services.report_transition(actor=pw.editors[1], report=report, to_status=S.SUBMITTED)
    services.report_transition(actor=pw.controllers[1], report=report, to_status=S.IN_CONTROL)


def test_submission_fixes_the_rate_of_the_month_of_submission(pw, july):
    report = draft_with_items(pw, ("staff", "1151.23", "NOK"), ("travel", "99.99", "EUR"))
    assert set(report.items.values_list("declared_eur", flat=True)) == {None}
    services.report_transition(actor=pw.editors[1], report=report, to_status=S.SUBMITTED)
    nok, eur = report.items.order_by("number")
    assert (nok.rate, nok.declared_eur, nok.eligible_eur) == (Decimal("11.5123"), Decimal("100.00"),
                                                              Decimal("100.00"))
    assert (eur.rate, eur.declared_eur) == (Decimal(1), Decimal("99.99"))


def test_no_rate_for_the_month_blocks_submission(pw, frozen):
    frozen(datetime(2026, 8, 2, tzinfo=ZoneInfo("UTC")))  # rates exist for July only
    report = draft_with_items(pw, ("staff", "500", "SEK"))
    with pytest.raises(ValidationError, match="SEK"):
        services.report_transition(actor=pw.editors[1], report=report, to_status=S.SUBMITTED)
    services.exchange_rate_save(actor=pw.extra.get("admin") or _admin(), currency="sek", month=date(2026, 8, 1),
                                rate=Decimal("11.2"))
    services.report_transition(actor=pw.editors[1], report=report, to_status=S.SUBMITTED)
    assert report.items.get().declared_eur == Decimal("44.64")


def _admin():
    from northern_connections.core.testing import create_user

    return create_user("rates-admin@example.org", superuser=True)


def test_only_platform_admins_keep_rates(pw):
    with pytest.raises(PermissionDenied):
        services.exchange_rate_save(actor=pw.editors[0], currency="NOK", month=date(2026, 9, 1), rate=Decimal(11))
    with pytest.raises(ValidationError):
        services.exchange_rate_save(actor=_admin(), currency="EUR", month=date(2026, 9, 1), rate=Decimal(1))


def test_flat_rate_categories_cannot_be_declared(pw, july):
    with pytest.raises(ValidationError, match="flat rate"):
        draft_with_items(pw, ("office", "10", "EUR"))


def test_limited_reopening_allows_progress_but_not_amounts(pw, july):
    report = draft_with_items(pw, ("staff", "100", "EUR"))
    services.report_transition(actor=pw.editors[1], report=report, to_status=S.SUBMITTED)
    services.report_transition(actor=pw.controllers[1], report=report, to_status=S.REOPENED_SUBMITTED_LIMITED,
                               note="Describe WP1 progress")
    services.report_update(actor=pw.editors[1], report=report, highlights="Kick-off held")
    services.progress_save(actor=pw.editors[1], report=report, work_package=pw.work_package,
                           activity=pw.activity, contribution="Organised the kick-off")
    item = report.items.get()
    with pytest.raises(ValidationError, match="limited"):
        services.item_update(actor=pw.editors[1], item=item, amount=Decimal(200))
    with pytest.raises(ValidationError, match="limited"):
        draft_item = dict(category="staff", description="x", amount=Decimal(1))
        services.item_create(actor=pw.editors[1], report=report, **draft_item)
    services.report_transition(actor=pw.editors[1], report=report, to_status=S.SUBMITTED)
    assert report.items.get().declared_eur == Decimal("100.00")


def test_full_reopening_in_control_keeps_control_work_of_unchanged_items(pw, july):
    report = draft_with_items(pw, ("staff", "100", "EUR"), ("travel", "50", "EUR"))
    _walk_to_control(pw, report)
    first, second = report.items.order_by("number")
    services.item_control_save(actor=pw.controllers[1], item=first, in_sample=True, deducted="10",
                               error_type="no_evidence", comment="Timesheet missing for March")
    services.item_control_save(actor=pw.controllers[1], item=second, in_sample=True)
    services.report_transition(actor=pw.controllers[1], report=report, to_status=S.REOPENED_CONTROL_LAST,
                               note="Correct the travel amount")
    services.item_update(actor=pw.editors[1], item=second, amount=Decimal(40))
    services.report_transition(actor=pw.editors[1], report=report, to_status=S.IN_CONTROL)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.deducted_eur, first.eligible_eur, first.controlled) == (Decimal("10.00"), Decimal("90.00"), True)
    assert (second.declared_eur, second.eligible_eur, second.controlled) == (Decimal("40.00"), Decimal("40.00"),
                                                                             False)


def test_control_outcomes_and_their_rules(pw, july):
    report = draft_with_items(pw, ("staff", "100", "EUR"))
    with pytest.raises(PermissionDenied):  # a draft is the partner's alone
        services.item_control_save(actor=pw.controllers[1], item=report.items.get(), in_sample=True)
    services.report_transition(actor=pw.editors[1], report=report, to_status=S.SUBMITTED)
    with pytest.raises(ValidationError, match="in control"):
        services.item_control_save(actor=pw.controllers[1], item=report.items.get(), in_sample=True)
    services.report_transition(actor=pw.controllers[1], report=report, to_status=S.IN_CONTROL)
    item = report.items.get()
    with pytest.raises(PermissionDenied):
        services.item_control_save(actor=pw.controllers[0], item=item, in_sample=True)
    with pytest.raises(PermissionDenied):
        services.item_control_save(actor=pw.editors[1], item=item, in_sample=True)
    with pytest.raises(ValidationError):
        services.item_control_save(actor=pw.controllers[1], item=item, deducted="100.01", error_type="other",
                                   comment="x")
    with pytest.raises(ValidationError, match="type of error"):
        services.item_control_save(actor=pw.controllers[1], item=item, deducted="1", comment="x")
    with pytest.raises(ValidationError, match="comment"):
        services.item_control_save(actor=pw.controllers[1], item=item, deducted="1", error_type="vat")
    with pytest.raises(ValidationError):
        services.item_control_save(actor=pw.controllers[1], item=item, deducted="1", parked=True, error_type="vat",
                                   comment="x")
    services.item_control_save(actor=pw.controllers[1], item=item, in_sample=True, parked=True, comment="Waiting for "
                               "the procurement file")
    item.refresh_from_db()
    assert (item.declared_eur, item.eligible_eur, item.deducted_eur, item.parked_eur) == (
        Decimal("100.00"), 0, 0, Decimal("100.00"))


def test_a_parked_item_moves_to_the_next_report_with_its_history(pw, july):
    report = draft_with_items(pw, ("staff", "1151.23", "NOK"))
    _walk_to_control(pw, report)
    item = report.items.get()
    services.item_control_save(actor=pw.controllers[1], item=item, in_sample=True, parked=True,
                               comment="Contract not yet available")
    services.control_conclusion_save(actor=pw.controllers[1], report=report, conclusion="unqualified")
    services.report_transition(actor=pw.controllers[1], report=report, to_status=S.CERTIFIED)
    following = services.report_create(actor=pw.editors[1], project_partner=pw.partners[1], period=pw.periods[1])
    carried = following.items.get()
    assert carried.parked_from == item and item.carried_to == carried
    assert (carried.amount, carried.currency, carried.rate, carried.declared_eur) == (
        Decimal("1151.23"), "NOK", Decimal("11.5123"), Decimal("100.00"))
    with pytest.raises(ValidationError, match="parked"):
        services.item_update(actor=pw.editors[1], item=carried, amount=Decimal(1))
    services.report_transition(actor=pw.editors[1], report=following, to_status=S.SUBMITTED)
    carried.refresh_from_db()
    assert carried.declared_eur == Decimal("100.00")  # kept: not converted again
    third = services.report_create(actor=pw.editors[1], project_partner=pw.partners[1], period=pw.periods[1])
    assert not third.items.exists()  # carried once only


def test_nothing_is_editable_after_certification(pw, july):
    report = report_in(pw, S.CERTIFIED)
    item = report.items.get()
    partner, controller = pw.editors[1], pw.controllers[1]
    writes = [
        lambda: services.report_update(actor=partner, report=report, highlights="Changed"),
        lambda: services.progress_save(actor=partner, report=report, work_package=pw.work_package, contribution="x"),
        lambda: services.contribution_save(actor=partner, report=report, indicator=pw.indicator, value=Decimal(1)),
        lambda: services.item_create(actor=partner, report=report, category="staff", description="x",
                                     amount=Decimal(1)),
        lambda: services.item_update(actor=partner, item=item, description="Changed"),
        lambda: services.item_delete(actor=partner, item=item),
        lambda: services.item_control_save(actor=controller, item=item, in_sample=True, deducted="1",
                                           error_type="vat", comment="x"),
        lambda: services.control_conclusion_save(actor=controller, report=report, conclusion="adverse"),
        lambda: services.report_delete(actor=partner, report=report),
    ]
    before = list(ExpenditureItem.objects.values())
    for write in writes:
        with pytest.raises((ValidationError, PermissionDenied)):
            write()
    assert list(ExpenditureItem.objects.values()) == before


def test_a_partner_has_one_draft_at_a_time(pw, july):
    draft_with_items(pw)
    with pytest.raises(ValidationError, match="draft"):
        services.report_create(actor=pw.editors[1], project_partner=pw.partners[1], period=pw.periods[0])
    with pytest.raises(PermissionDenied):
        services.report_create(actor=pw.editors[2], project_partner=pw.partners[1], period=pw.periods[0])


def test_the_joint_report_takes_certified_reports_of_its_period(pw, july):
    certified = report_in(pw, S.CERTIFIED, items=((Decimal("100.00"), "EUR"), (Decimal("0.01"), "EUR")))
    other = report_in(pw, S.CERTIFIED, partner=2)
    report_in(pw, S.IN_CONTROL, partner=0)
    joint = services.joint_report_create(actor=pw.editors[0], project=pw.project, period=pw.periods[0])
    assert set(joint.partner_reports.all()) == {certified, other}
    figures = selectors.joint_figures(joint)
    assert figures.aggregate.total.declared == Decimal("100.01") + Decimal("100.00") + Decimal("30.00")
    staff = {line.key: line for line in figures.budget}[(pw.partners[1].pk, "staff")]
    assert staff.flag == "under" and staff.spent == Decimal("100.01")
    with pytest.raises(PermissionDenied):
        services.joint_report_create(actor=pw.editors[1], project=pw.project, period=pw.periods[0])
    services.joint_report_exclude(actor=pw.editors[0], joint_report=joint, report=other)
    services.joint_report_include(actor=pw.editors[0], joint_report=joint, report=other)
    services.joint_report_transition(actor=pw.editors[0], joint_report=joint, to_status="submitted")
    with pytest.raises(ValidationError):
        services.joint_report_exclude(actor=pw.editors[0], joint_report=joint, report=other)


def test_publishing_needs_a_finalised_report_and_a_summary(pw, july, people):
    report_in(pw, S.CERTIFIED)
    joint = services.joint_report_create(actor=pw.editors[0], project=pw.project, period=pw.periods[0])
    services.joint_report_update(actor=pw.editors[0], joint_report=joint, public_summary="Six pilots started.")
    with pytest.raises(ValidationError, match="finalised"):
        services.joint_report_publish(actor=pw.editors[0], joint_report=joint)
    for status in ("submitted", "in_verification", "finalised"):
        actor = pw.editors[0] if status == "submitted" else people.admin
        services.joint_report_transition(actor=actor, joint_report=joint, to_status=status)
    services.joint_report_publish(actor=pw.editors[0], joint_report=joint)
    assert selectors.published_joint_reports().get() == joint


def test_reminders_go_once_to_partners_without_a_submitted_report(pw, frozen):
    frozen(datetime(2026, 9, 20, tzinfo=ZoneInfo("UTC")))
    report_in(pw, S.SUBMITTED, partner=0)
    assert services.period_reminders_send() == 2
    assert services.period_reminders_send() == 0


def test_reminder_mail_is_sent_on_commit(pw, frozen, django_capture_on_commit_callbacks):
    frozen(datetime(2026, 9, 20, tzinfo=ZoneInfo("UTC")))
    with django_capture_on_commit_callbacks(execute=True):
        services.period_reminders_send()
    assert len(mail.outbox) == 3 and "2026-09-30" in mail.outbox[0].subject


def test_regression_the_balance_constraint_survives_binary_floats(pw, july):
    """SQLite added 0.10 + 0.20 as floats and refused a balanced item (found by bench_monitoring.py)."""
    report = draft_with_items(pw, ("staff", "0.30", "EUR"))
    services.report_transition(actor=pw.editors[1], report=report, to_status=S.SUBMITTED)
    services.report_transition(actor=pw.controllers[1], report=report, to_status=S.IN_CONTROL)
    item = report.items.get()
    services.item_control_save(actor=pw.controllers[1], item=item, in_sample=True, deducted="0.20",
                               error_type="vat", comment="Recoverable VAT")
    item.refresh_from_db()
    assert (item.eligible_eur, item.deducted_eur) == (Decimal("0.10"), Decimal("0.20"))
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpenditureItem.objects.filter(pk=item.pk).update(eligible_eur=Decimal("0.11"))


def test_the_reminder_task_is_one_service_call(pw, frozen):
    from ..tasks import send_period_reminders

    frozen(datetime(2026, 9, 20, tzinfo=ZoneInfo("UTC")))
    assert send_period_reminders() == 3
