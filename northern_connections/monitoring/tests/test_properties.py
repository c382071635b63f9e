"""Random sequences of what partners and controllers do keep the invariants of the issue (Hypothesis):

- declared = eligible + deducted + parked, per item and in every total of every control overview;
- certified <= declared;
- the joint report's totals equal the sum of their certified parts to the cent;
- nothing of a certified report changes until it is reopened.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from .. import money, selectors, services
from ..choices import ReportStatus
from ..models import ExpenditureItem, PartnerReport

S = ReportStatus
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50000"), places=2)
actions = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(["staff", "travel", "external", "equipment", "office"]), amounts,
              st.sampled_from(["EUR", "NOK", "SEK"])),
    st.tuples(st.just("edit"), st.integers(0, 5), amounts),
    st.tuples(st.just("delete"), st.integers(0, 5)),
    st.tuples(st.just("control"), st.integers(0, 5), st.integers(0, 100), st.booleans(), st.booleans()),
    st.tuples(st.just("move"), st.sampled_from(S.values)),
    st.tuples(st.just("conclude"), st.sampled_from(["unqualified", "qualified"])),
    st.tuples(st.just("new_report")),
    st.tuples(st.just("joint")),
    st.just(("advance",)), st.just(("advance",)), st.just(("advance",)),  # often along the main path
)


def _snapshot(report):
    return list(ExpenditureItem.objects.filter(report=report).order_by("pk").values()), \
        PartnerReport.objects.filter(pk=report.pk).values("highlights", "control_conclusion").get()


def _act(pw, report, action):
    partner, controller, lead = pw.editors[1], pw.controllers[1], pw.editors[0]
    items = list(report.items.order_by("number"))
    kind = action[0]
    if kind == "add":
        services.item_create(actor=partner, report=report, category=action[1], description="Item", amount=action[2],
                             currency=action[3])
    elif kind in ("edit", "delete", "control") and items:
        item = items[action[1] % len(items)]
        if kind == "edit":
            services.item_update(actor=partner, item=item, amount=action[2])
        elif kind == "delete":
            services.item_delete(actor=partner, item=item)
        else:
            deducted = (item.declared_eur or money.ZERO) * Decimal(action[2]) / 100
            services.item_control_save(actor=controller, item=item, in_sample=action[4], parked=action[3],
                                       deducted=money.cents(0 if action[3] else deducted), error_type="other",
                                       comment="Checked")
    elif kind == "move":
        actor = partner if action[1] in (S.SUBMITTED,) or report.is_reopened else controller
        services.report_transition(actor=actor, report=report, to_status=action[1], note="Random reason")
    elif kind == "advance":
        _advance(report, partner, controller)
    elif kind == "conclude":
        services.control_conclusion_save(actor=controller, report=report, conclusion=action[1])
    elif kind == "new_report":
        return services.report_create(actor=partner, project_partner=pw.partners[1], period=pw.periods[1])
    elif kind == "joint":
        services.joint_report_create(actor=lead, project=pw.project, period=report.period)
    return None


def _advance(report, partner, controller):
    """The next step of the main path: submit, start control, conclude and certify."""
    if report.is_partner_editable:
        target = S.IN_CONTROL if report.returns_to_control else S.SUBMITTED
        services.report_transition(actor=partner, report=report, to_status=target)
    elif report.status == S.SUBMITTED:
        services.report_transition(actor=controller, report=report, to_status=S.IN_CONTROL)
    elif report.is_in_control:
        services.control_conclusion_save(actor=controller, report=report, conclusion="qualified")
        services.report_transition(actor=controller, report=report, to_status=S.CERTIFIED)


def _check_invariants(pw):
    for item in ExpenditureItem.objects.exclude(declared_eur=None):
        assert item.declared_eur == item.eligible_eur + item.deducted_eur + item.parked_eur
        assert 0 <= item.eligible_eur <= item.declared_eur
    reports = list(PartnerReport.objects.filter(project_partner__project=pw.project))
    for overview in selectors.overviews_for(reports, pw.project).values():
        assert overview.total.balanced and all(row.figures.balanced for row in overview.rows)
        assert overview.total.eligible <= overview.total.declared
    for joint in pw.project.joint_reports.all():
        figures = selectors.joint_figures(joint)
        parts = selectors.overviews_for(list(joint.partner_reports.all()), pw.project)
        assert figures.aggregate.total == money.sum_figures(o.total for o in parts.values())
        certified = sum((o.total.eligible for o in parts.values()), money.ZERO)
        assert figures.aggregate.total.eligible == certified


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(actions, min_size=1, max_size=15))
def test_random_sequences_keep_the_invariants(pw, july, steps):
    with transaction.atomic():
        report = services.report_create(actor=pw.editors[1], project_partner=pw.partners[1], period=pw.periods[0])
        for action in steps:
            certified_before = {r.pk: _snapshot(r) for r in PartnerReport.objects.filter(status=S.CERTIFIED)}
            try:
                with transaction.atomic():
                    new = _act(pw, report, action)
                    report = new or report
            except (ValidationError, PermissionDenied):
                pass
            report.refresh_from_db()
            for pk, snapshot in certified_before.items():
                still = PartnerReport.objects.get(pk=pk)
                if still.is_certified:
                    assert _snapshot(still) == snapshot, action
            _check_invariants(pw)
        event(f"certified reports: {PartnerReport.objects.filter(status=S.CERTIFIED).count()}")
        transaction.set_rollback(True)
