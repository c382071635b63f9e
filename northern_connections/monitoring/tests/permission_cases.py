"""Who may use each page and endpoint of project monitoring (run by core/tests/test_permission_matrix.py).

The world: `organisation` (administered by "member") is partner PP2 of a project, not its lead: a lead
partner has powers in other apps (Living Labs rounds, support-map coordination) that would change their
cases. PP1 (the lead) and PP3 have editors and controllers of their own; "outsider" belongs to no
partner. PP2 has two certified reports (the first in a published joint report, the second in a draft
one), a submitted one and a draft with an item; PP3 has a draft nobody but PP3 may read (PRIVATE).
The lead partner's own pages are tested in test_views.py.
"""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from northern_connections.core.testing import PermissionCase, Private, expect

from ..choices import JointReportStatus, ReportStatus
from ..models import ExchangeRate, ExpenditureItem, JointReport, PartnerReport, ProgressEntry
from .factories import build_project


def _report(world, partner, period, number, status, description):
    report = PartnerReport.objects.create(project_partner=partner, period=period, number=number, status=status,
                                          control_conclusion="unqualified", highlights=description,
                                          submitted_at=None if status == ReportStatus.DRAFT else timezone.now())
    ExpenditureItem.objects.create(report=report, number=1, category="staff", description=description,
                                   amount=Decimal("1000.00"), currency="EUR", rate=Decimal(1),
                                   declared_eur=Decimal("1000.00"), eligible_eur=Decimal("1000.00"),
                                   in_sample=True, controlled=status != ReportStatus.DRAFT,
                                   attachment=SimpleUploadedFile("invoice.pdf", b"%PDF-1.4\n%%EOF\n"))
    return report


def build(world):
    pw = build_project(second_org=world.organisation, second_editor=world.member, prefix="perm-mon")
    lead, third = pw.partners[1], pw.partners[2]  # `lead`: the member's partner (key kept short)
    certified = _report(world, lead, pw.periods[0], 1, ReportStatus.CERTIFIED, "Certified kick-off costs")
    certified2 = _report(world, lead, pw.periods[1], 2, ReportStatus.CERTIFIED, "Certified second period")
    submitted = _report(world, lead, pw.periods[1], 3, ReportStatus.SUBMITTED, "Submitted costs")
    draft = _report(world, lead, pw.periods[1], 4, ReportStatus.DRAFT, "Lead partner draft costs")
    rival = _report(world, third, pw.periods[0], 1, ReportStatus.DRAFT, "Secret second partner draft")
    now = timezone.now()
    published = JointReport.objects.create(project=pw.project, period=pw.periods[0], number=1,
                                           status=JointReportStatus.FINALISED, public_summary="Pilots started.",
                                           narrative="Confidential joint narrative", finalised_at=now,
                                           published_at=now)
    joint = JointReport.objects.create(project=pw.project, period=pw.periods[1], number=2,
                                       narrative="Draft joint narrative")
    PartnerReport.objects.filter(pk=certified.pk).update(joint_report=published)
    PartnerReport.objects.filter(pk=certified2.pk).update(joint_report=joint)
    evidence = ProgressEntry.objects.create(report=draft, work_package=pw.work_package, contribution="Kick-off",
                                            evidence=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF\n"))
    rate = ExchangeRate.objects.create(currency="NOK", month=date(2026, 7, 1), rate=Decimal("11.5"))
    world.objects.update({f"mo_{name}": value for name, value in {
        "pw": pw, "project": pw.project, "lead": lead, "certified": certified, "submitted": submitted,
        "draft": draft, "item": draft.items.get(), "rival": rival, "published": published, "joint": joint,
        "certified2": certified2, "rate": rate, "evidence": evidence}.items()})


def url(name, key=None, attr="pk"):
    if key is None:
        return lambda w: reverse(name)
    return lambda w: reverse(name, args=[getattr(w.objects[f"mo_{key}"], attr)])


def _pk(key):
    return lambda w: w.objects[f"mo_{key}"].pk


# Rows that neither the anonymous visitor nor the outsider may see anywhere.
PRIVATE = [
    Private("another partner's draft report", url("monitoring:report_detail", "rival"),
            markers=lambda w: ["Secret second partner draft"], api_list="api:v1:partnerreport-list", pk=_pk("rival"),
            viewer=lambda w: w.objects["mo_pw"].editors[2]),
    Private("a partner's draft expenditure", url("monitoring:report_detail", "draft"),
            markers=lambda w: ["Lead partner draft costs"], api_list="api:v1:expenditureitem-list", pk=_pk("item")),
    Private("a joint report's narrative", url("monitoring:joint_detail", "published"),
            markers=lambda w: ["Confidential joint narrative"], api_list="api:v1:jointreport-list",
            pk=_pk("published")),
]

PUBLIC = expect(200, 200, 200, 200)
PARTNER_PAGE = expect(302, 200, 404, 200)
PARTNER_POST = expect(302, 302, 404, 302)
CONTROL_POST = expect(302, 403, 404, 302)  # the member is a partner, not a controller
ADD_POST = expect(302, 302, 403, 302)
SIGNED_IN = expect(302, 200, 200, 200)
LEAD_POST = expect(302, 404, 404, 302)  # the draft joint report is the lead partner's alone
PARTNERSHIP_PAGE = expect(302, 200, 403, 200)  # a published joint report: the partnership reads all of it


def item_data(w):
    return {"category": "staff", "description": "Project manager, March", "amount": "1200.00", "vat": "0",
            "currency": "EUR"}


CASES = [
    PermissionCase("monitoring:project_list", "get", url("monitoring:project_list"), PUBLIC),
    PermissionCase("monitoring:project_detail", "get", url("monitoring:project_detail", "project", "slug"), PUBLIC),
    PermissionCase("monitoring:partner_detail", "get", url("monitoring:partner_detail", "lead"), PUBLIC),
    PermissionCase("monitoring:rate_list", "get", url("monitoring:rate_list"), PUBLIC),
    PermissionCase("monitoring:rate_list", "post", url("monitoring:rate_list"), expect(302, 403, 403, 302),
                   data=lambda w: {"currency": "SEK", "month": "2026-07-01", "rate": "11.02"}),
    PermissionCase("monitoring:report_list", "get", url("monitoring:report_list"), SIGNED_IN),
    PermissionCase("monitoring:report_add", "post", url("monitoring:report_add", "lead"), ADD_POST,
                   data=lambda w: {"period": w.objects["mo_pw"].periods[1].pk}),
    PermissionCase("monitoring:report_detail", "get", url("monitoring:report_detail", "draft"), PARTNER_PAGE),
    PermissionCase("monitoring:report_detail", "get", url("monitoring:report_detail", "rival"),
                   expect(302, 404, 404, 200), label="(another partner's draft)"),
    PermissionCase("monitoring:report_detail", "get", url("monitoring:report_detail", "submitted"), PARTNER_PAGE,
                   label="(submitted)"),
    PermissionCase("monitoring:report_detail", "post", url("monitoring:report_detail", "draft"), PARTNER_POST,
                   data=lambda w: {"highlights": "Kick-off held in Viborg", "problems": ""}),
    PermissionCase("monitoring:report_transition", "post", url("monitoring:report_transition", "draft"),
                   PARTNER_POST, data=lambda w: {"to_status": ReportStatus.SUBMITTED}),
    PermissionCase("monitoring:report_delete", "get", url("monitoring:report_delete", "draft"), PARTNER_PAGE),
    PermissionCase("monitoring:report_delete", "post", url("monitoring:report_delete", "draft"), PARTNER_POST),
    PermissionCase("monitoring:progress_add", "post", url("monitoring:progress_add", "draft"), PARTNER_POST,
                   data=lambda w: {"work_package": w.objects["mo_pw"].work_package.pk, "contribution": "Kick-off"}),
    PermissionCase("monitoring:contribution_add", "post", url("monitoring:contribution_add", "draft"), PARTNER_POST,
                   data=lambda w: {"indicator": w.objects["mo_pw"].indicator.pk, "value": "2"}),
    PermissionCase("monitoring:item_add", "post", url("monitoring:item_add", "draft"), PARTNER_POST, data=item_data),
    PermissionCase("monitoring:item_edit", "get", url("monitoring:item_edit", "item"), PARTNER_PAGE),
    PermissionCase("monitoring:item_edit", "post", url("monitoring:item_edit", "item"), PARTNER_POST, data=item_data),
    PermissionCase("monitoring:item_delete", "post", url("monitoring:item_delete", "item"), PARTNER_POST),
    PermissionCase("monitoring:item_attachment", "get", url("monitoring:item_attachment", "item"), PARTNER_PAGE),
    PermissionCase("monitoring:progress_evidence", "get", url("monitoring:progress_evidence", "evidence"),
                   PARTNER_PAGE),
    PermissionCase("monitoring:item_control", "post", url("monitoring:item_control", "item"), CONTROL_POST,
                   data=lambda w: {"in_sample": "on"}),
    PermissionCase("monitoring:report_conclusion", "post", url("monitoring:report_conclusion", "submitted"),
                   CONTROL_POST, data=lambda w: {"conclusion": "unqualified"}),
    PermissionCase("monitoring:report_certificate", "get", url("monitoring:report_certificate", "certified"),
                   PARTNER_PAGE),
    PermissionCase("monitoring:report_control_pdf", "get", url("monitoring:report_control_pdf", "certified"),
                   PARTNER_PAGE),
    PermissionCase("monitoring:report_history", "get", url("monitoring:report_history", "draft"), PARTNER_PAGE),
    PermissionCase("monitoring:joint_list", "get", url("monitoring:joint_list"), SIGNED_IN),
    PermissionCase("monitoring:joint_add", "post", url("monitoring:joint_add", "project", "slug"),
                   expect(302, 403, 403, 302),
                   data=lambda w: {"period": w.objects["mo_pw"].periods[1].pk}),
    PermissionCase("monitoring:joint_detail", "get", url("monitoring:joint_detail", "joint"),
                   expect(302, 404, 404, 200), label="(draft: the lead partner's)"),
    PermissionCase("monitoring:joint_detail", "get", url("monitoring:joint_detail", "published"),
                   expect(302, 200, 403, 200), label="(published: the summary is public, the report is not)"),
    PermissionCase("monitoring:joint_detail", "post", url("monitoring:joint_detail", "joint"), LEAD_POST,
                   data=lambda w: {"narrative": "Good progress.", "public_summary": ""}),
    PermissionCase("monitoring:joint_include", "post", url("monitoring:joint_include", "joint"), LEAD_POST,
                   data=lambda w: {"report": w.objects["mo_submitted"].pk}),
    PermissionCase("monitoring:joint_exclude", "post", url("monitoring:joint_exclude", "joint"), LEAD_POST,
                   data=lambda w: {"report": w.objects["mo_certified2"].pk}),
    PermissionCase("monitoring:joint_transition", "post", url("monitoring:joint_transition", "joint"), LEAD_POST,
                   data=lambda w: {"to_status": JointReportStatus.SUBMITTED}),
    PermissionCase("monitoring:joint_publish", "post", url("monitoring:joint_publish", "published"),
                   expect(302, 403, 403, 302)),
    PermissionCase("monitoring:joint_pdf", "get", url("monitoring:joint_pdf", "published"), PARTNERSHIP_PAGE),
    PermissionCase("monitoring:joint_xlsx", "get", url("monitoring:joint_xlsx", "published"), PARTNERSHIP_PAGE),
    PermissionCase("monitoring:joint_public", "get", url("monitoring:joint_public", "published"), PUBLIC),
    PermissionCase("monitoring:joint_public", "get", url("monitoring:joint_public", "joint"),
                   expect(404, 404, 404, 404), label="(not published)"),
    PermissionCase("monitoring:joint_history", "get", url("monitoring:joint_history", "published"),
                   PARTNERSHIP_PAGE),
    # API
    PermissionCase("api:v1:monitoringproject-list", "get", url("api:v1:monitoringproject-list"), PUBLIC),
    PermissionCase("api:v1:monitoringproject-detail", "get",
                   url("api:v1:monitoringproject-detail", "project", "slug"), PUBLIC),
    PermissionCase("api:v1:partnerreport-list", "get", url("api:v1:partnerreport-list"), PUBLIC),
    PermissionCase("api:v1:partnerreport-list", "post", url("api:v1:partnerreport-list"),
                   # The member has an open draft already; the outsider is no partner.
                   expect(403, 400, 403, 400), json=True,
                   data=lambda w: {"project_partner": w.objects["mo_lead"].pk,
                                   "period": w.objects["mo_pw"].periods[1].pk}),
    PermissionCase("api:v1:partnerreport-detail", "get", url("api:v1:partnerreport-detail", "draft"),
                   expect(404, 200, 404, 200)),
    PermissionCase("api:v1:partnerreport-detail", "get", url("api:v1:partnerreport-detail", "rival"),
                   expect(404, 404, 404, 200), label="(another partner's draft)"),
    PermissionCase("api:v1:partnerreport-transition", "post", url("api:v1:partnerreport-transition", "draft"),
                   expect(403, 200, 404, 200), json=True, data=lambda w: {"to_status": ReportStatus.SUBMITTED}),
    PermissionCase("api:v1:expenditureitem-list", "get", url("api:v1:expenditureitem-list"), PUBLIC),
    PermissionCase("api:v1:expenditureitem-list", "post", url("api:v1:expenditureitem-list"),
                   expect(403, 201, 400, 201), json=True,
                   data=lambda w: {"report": w.objects["mo_draft"].pk, **item_data(w)}),
    PermissionCase("api:v1:expenditureitem-detail", "get", url("api:v1:expenditureitem-detail", "item"),
                   expect(404, 200, 404, 200)),
    PermissionCase("api:v1:expenditureitem-detail", "patch", url("api:v1:expenditureitem-detail", "item"),
                   expect(403, 200, 404, 200), json=True, data=lambda w: {"description": "Project manager, April"}),
    PermissionCase("api:v1:expenditureitem-detail", "delete", url("api:v1:expenditureitem-detail", "item"),
                   expect(403, 204, 404, 204)),
    PermissionCase("api:v1:expenditureitem-control", "post", url("api:v1:expenditureitem-control", "item"),
                   # Nobody controls a draft: the admin is told why.
                   expect(403, 403, 404, 400), json=True, data=lambda w: {"in_sample": True}),
    PermissionCase("api:v1:jointreport-list", "get", url("api:v1:jointreport-list"), PUBLIC),
    PermissionCase("api:v1:jointreport-detail", "get", url("api:v1:jointreport-detail", "published"),
                   expect(404, 200, 404, 200)),
    PermissionCase("api:v1:jointreport-transition", "post", url("api:v1:jointreport-transition", "joint"),
                   expect(403, 404, 404, 200), json=True, data=lambda w: {"to_status": JointReportStatus.SUBMITTED}),
    PermissionCase("api:v1:exchangerate-list", "get", url("api:v1:exchangerate-list"), PUBLIC),
    PermissionCase("api:v1:exchangerate-detail", "get", url("api:v1:exchangerate-detail", "rate"), PUBLIC),
    PermissionCase("api:v1:exchangerate-list", "post", url("api:v1:exchangerate-list"), expect(403, 403, 403, 201),
                   json=True, data=lambda w: {"currency": "DKK", "month": "2026-07-01", "rate": "7.46"}),
]
