"""Who may do what in project monitoring (registered with the one gate, core/permissions.py).

- A partner's members read their own reports; its editors write them ("report").
- A first-level controller reads and controls ("control") only the reports of the partners
  assigned to them, and only once submitted: a draft is the partner's alone.
- The lead partner's members read every partner's report once submitted (they build the joint
  report from the certified ones); its editors write the joint report ("lead").
- The programme's verification of a joint report ("verify") is the platform administrators'.
- The work plan (project, partners, periods, work packages, deliverables, indicators) is public;
  budgets are the partnership's and the controllers'. A joint report's public summary is public
  once published; the full joint report ("full") is the partnership's.
"""

from __future__ import annotations

from django.db.models import Q

from northern_connections.accounts.selectors import editor_organisation_ids, member_organisation_ids
from northern_connections.core.permissions import (
    CHANGE,
    DELETE,
    HISTORY,
    VIEW,
    PartPolicy,
    Policy,
    is_platform_admin,
    is_signed_in,
    register,
)
from northern_connections.directory.choices import PartnerRole

from .choices import SUBMITTED_ONCE_STATUSES, JointReportStatus, ReportStatus
from .models import (
    Activity,
    BudgetLine,
    ControllerAssignment,
    Deliverable,
    ExchangeRate,
    ExpenditureItem,
    Indicator,
    IndicatorContribution,
    JointReport,
    JointReportTransition,
    PartnerReport,
    ProgressEntry,
    Project,
    ProjectPartner,
    ReportingPeriod,
    ReportTransition,
    WorkPackage,
)

REPORT = "report"  # a partner report: write the partner's part (progress, expenditure, submit)
CONTROL = "control"  # a partner report: first-level control (sample, deductions, certify, reopen)
LEAD = "lead"  # a joint report: the lead partner's editors build and submit it
VERIFY = "verify"  # a joint report: the programme verifies and finalises it (platform administrators)
FULL = "full"  # a joint report: all of it, not only the public summary


def partner_ids(org_ids):
    """Project partners that are one of `org_ids` (a subquery)."""
    return ProjectPartner.objects.filter(partner__organisation_id__in=org_ids).values("pk")


def controlled_partner_ids(user):
    return ControllerAssignment.objects.filter(user=user).values("project_partner_id")


def led_project_ids(org_ids):
    """Projects whose lead partner is one of `org_ids`."""
    return ProjectPartner.objects.filter(partner__organisation_id__in=org_ids,
                                         partner__role=PartnerRole.LEAD).values("project_id")


def partnership_project_ids(user):
    """Projects in which the user is a member of a partner, or a controller."""
    return ProjectPartner.objects.filter(Q(partner__organisation_id__in=member_organisation_ids(user))
                                         | Q(pk__in=controlled_partner_ids(user))).values("project_id")


def report_read_q(user, via: str = "") -> Q:
    """Own partner's reports; assigned and lead partner's reports once submitted."""
    submitted = Q(**{f"{via}status__in": SUBMITTED_ONCE_STATUSES})
    return (Q(**{f"{via}project_partner__in": partner_ids(member_organisation_ids(user))})
            | (submitted & Q(**{f"{via}project_partner__in": controlled_partner_ids(user)}))
            | (submitted & Q(**{f"{via}project_partner__project__in": led_project_ids(member_organisation_ids(user))})))


class PartnerReportPolicy(Policy):
    public_view = False

    def member_scope(self, user, action, queryset):
        own = Q(project_partner__in=partner_ids(editor_organisation_ids(user)))
        controlled = Q(project_partner__in=controlled_partner_ids(user), status__in=SUBMITTED_ONCE_STATUSES)
        if action in (VIEW, HISTORY):
            return queryset.filter(report_read_q(user))
        if action == REPORT:
            return queryset.filter(own)
        if action == CONTROL:
            return queryset.filter(controlled)
        if action == CHANGE:  # what the state machine locks: either side, each move names its own action
            return queryset.filter(own | controlled)
        if action == DELETE:
            return queryset.filter(own, status=ReportStatus.DRAFT)
        return queryset.none()

    def can_add(self, user, project_partner=None, **context):
        if is_platform_admin(user):
            return True
        if not is_signed_in(user):
            return False
        editable = ProjectPartner.objects.filter(pk__in=partner_ids(editor_organisation_ids(user)))
        if project_partner is not None:
            editable = editable.filter(pk=project_partner.pk)
        return editable.exists()


class ReportPartPolicy(PartPolicy):
    """Progress, indicators, expenditure: read with the report; written by either side through services."""

    def __init__(self):
        super().__init__("report", PartnerReport)


class JointReportPolicy(Policy):
    public_view = False

    def scope(self, user, action, queryset):
        if action == VIEW and not is_platform_admin(user):
            published = Q(published_at__isnull=False)
            if not is_signed_in(user):
                return queryset.filter(published)
            return queryset.filter(published | self._full_q(user))
        return super().scope(user, action, queryset)

    @staticmethod
    def _full_q(user):
        return (Q(project__in=led_project_ids(member_organisation_ids(user)))
                | (Q(project__in=partnership_project_ids(user)) & ~Q(status=JointReportStatus.DRAFT)))

    def member_scope(self, user, action, queryset):
        if action in (FULL, HISTORY):
            return queryset.filter(self._full_q(user))
        if action in (LEAD, CHANGE):
            return queryset.filter(project__in=led_project_ids(editor_organisation_ids(user)))
        return queryset.none()  # VERIFY and DELETE: platform administrators

    def can_add(self, user, project=None, **context):
        if is_platform_admin(user):
            return True
        if not is_signed_in(user):
            return False
        led = Project.objects.filter(pk__in=led_project_ids(editor_organisation_ids(user)))
        if project is not None:
            led = led.filter(pk=project.pk)
        return led.exists()


class BudgetPolicy(Policy):
    """Budgets are the partnership's and its controllers' business."""

    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            return queryset.filter(project_partner__project__in=partnership_project_ids(user))
        return queryset.none()


class ControllerAssignmentPolicy(Policy):
    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            return queryset.filter(Q(user=user) | Q(project_partner__project__in=partnership_project_ids(user)))
        return queryset.none()


for model in (Project, ProjectPartner, ReportingPeriod, WorkPackage, Activity, Deliverable, Indicator, ExchangeRate):
    register(model, Policy())  # public work plan and rates; changed by platform administrators
register(BudgetLine, BudgetPolicy())
register(ControllerAssignment, ControllerAssignmentPolicy())
register(PartnerReport, PartnerReportPolicy())
for model in (ReportTransition, ProgressEntry, IndicatorContribution, ExpenditureItem):
    register(model, ReportPartPolicy())
register(JointReport, JointReportPolicy())
register(JointReportTransition, PartPolicy("joint_report", JointReport))
