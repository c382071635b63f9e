"""The main path through the pages, and who reads what (pages and API)."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ..choices import ReportStatus
from ..models import PartnerReport
from .helpers import draft_with_items, report_in

S = ReportStatus


def _client(client, user):
    client.force_login(user)
    return client


def test_partner_controller_and_lead_along_the_main_path(pw, july, client):
    # Given PP2's editor with a new report
    partner, controller, lead = pw.editors[1], pw.controllers[1], pw.editors[0]
    c = _client(client, partner)
    response = c.post(reverse("monitoring:report_add", args=[pw.partners[1].pk]), {"period": pw.periods[0].pk})
    report = PartnerReport.objects.get(project_partner=pw.partners[1])
    assert response.url == report.get_absolute_url()
    # When they declare two items, one in NOK, and submit
    for description, amount, currency in (("Project manager, March", "2000.00", "EUR"),
                                          ("Train Oslo-Bergen", "1151.23", "NOK")):
        c.post(reverse("monitoring:item_add", args=[report.pk]),
               {"category": "staff" if currency == "EUR" else "travel", "description": description,
                "amount": amount, "vat": "0", "currency": currency})
    page = c.get(report.get_absolute_url()).content.decode()
    assert "Train Oslo-Bergen" in page and "Add item" in page
    c.post(reverse("monitoring:report_transition", args=[report.pk]), {"to_status": S.SUBMITTED})
    report.refresh_from_db()
    assert report.status == S.SUBMITTED
    assert report.items.get(number=2).declared_eur == Decimal("100.00")
    # Then the controller deducts part of the staff item and certifies
    c = _client(client, controller)
    c.post(reverse("monitoring:report_transition", args=[report.pk]), {"to_status": S.IN_CONTROL})
    staff, travel = report.items.order_by("number")
    c.post(reverse("monitoring:item_control", args=[staff.pk]),
           {f"item{staff.pk}-in_sample": "on", f"item{staff.pk}-deducted": "250.00",
            f"item{staff.pk}-error_type": "no_evidence", f"item{staff.pk}-comment": "No timesheet for 2 days"})
    c.post(reverse("monitoring:item_control", args=[travel.pk]), {f"item{travel.pk}-in_sample": "on"})
    c.post(reverse("monitoring:report_conclusion", args=[report.pk]), {"conclusion": "qualified"})
    page = c.get(report.get_absolute_url()).content.decode()
    assert "Save control of item 1" in page
    c.post(reverse("monitoring:report_transition", args=[report.pk]), {"to_status": S.CERTIFIED})
    report.refresh_from_db()
    assert report.is_certified
    certificate = c.get(reverse("monitoring:report_certificate", args=[report.pk]))
    assert certificate["Content-Type"] == "application/pdf" and certificate.content.startswith(b"%PDF")
    # And the lead partner builds the joint report and downloads it
    c = _client(client, lead)
    response = c.post(reverse("monitoring:joint_add", args=[pw.project.slug]), {"period": pw.periods[0].pk})
    joint = pw.project.joint_reports.get()
    assert response.url == joint.get_absolute_url() and list(joint.partner_reports.all()) == [report]
    page = c.get(joint.get_absolute_url()).content.decode()
    # 1750 staff + 100 travel + 15 % office on 1750 eligible staff = 262.50
    assert "2112.50" in page
    pdf = c.get(reverse("monitoring:joint_pdf", args=[joint.pk]))
    assert pdf.content.startswith(b"%PDF")
    book = load_workbook(io.BytesIO(c.get(reverse("monitoring:joint_xlsx", args=[joint.pk])).content))
    totals = [row for row in book["Expenditure"].iter_rows(values_only=True) if row[0] == "Total"][0]
    assert Decimal(str(totals[-1])) == Decimal("2112.50")


def test_partner_a_never_reads_partner_b_draft(pw, client):
    draft = draft_with_items(pw, ("staff", "10", "EUR"), partner=1)
    item = draft.items.get()
    for reader in (pw.editors[2], pw.editors[0], pw.controllers[1], pw.controllers[2]):
        c = _client(client, reader)
        assert c.get(draft.get_absolute_url()).status_code == 404
        assert c.get(reverse("api:v1:partnerreport-detail", args=[draft.pk])).status_code == 404
        assert c.get(reverse("api:v1:expenditureitem-detail", args=[item.pk])).status_code == 404
        listed = c.get(reverse("api:v1:partnerreport-list")).json()
        assert draft.pk not in [r["id"] for r in listed["results"]]
        assert "staff 10" not in c.get(reverse("monitoring:report_list")).content.decode()
    assert _client(client, pw.editors[1]).get(draft.get_absolute_url()).status_code == 200


def test_a_controller_sees_only_assigned_partners(pw, client):
    own = report_in(pw, S.SUBMITTED, partner=1)
    other = report_in(pw, S.SUBMITTED, partner=2)
    c = _client(client, pw.controllers[1])
    assert c.get(own.get_absolute_url()).status_code == 200
    assert c.get(other.get_absolute_url()).status_code == 404
    ids = [r["id"] for r in c.get(reverse("api:v1:partnerreport-list")).json()["results"]]
    assert ids == [own.pk]


def test_the_lead_partner_reads_submitted_reports_of_every_partner(pw, client):
    submitted = report_in(pw, S.SUBMITTED, partner=2)
    c = _client(client, pw.editors[0])
    assert c.get(submitted.get_absolute_url()).status_code == 200
    assert c.post(reverse("monitoring:report_detail", args=[submitted.pk]), {"highlights": "x"}).status_code == 403


@pytest.mark.parametrize(("language", "heading"), [
    ("da", "Førsteniveaukontrol"), ("nb", "Førstenivåkontroll"), ("sv", "Förstanivåkontroll"),
    ("nl", "Eerstelijnscontrole"), ("de", "First-Level-Kontrolle")])
def test_the_report_page_is_translated(pw, client, language, heading):
    from django.conf import settings

    report = report_in(pw, S.SUBMITTED, partner=1)
    c = _client(client, pw.editors[1])
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = c.get(report.get_absolute_url()).content.decode()
    assert heading in page


def test_every_message_of_the_app_is_translated():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "locale"
    for language in ("da", "nb", "sv", "nl", "de"):
        text = (root / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
        entries = text.split("\n\n")[1:]
        assert entries and all('msgstr ""' not in entry.splitlines()[-1] for entry in entries), language
        assert "#, fuzzy" not in text, language


def test_the_admin_edits_the_work_plan_and_only_reads_reports(pw, client, people):
    report_in(pw, S.SUBMITTED, partner=1)
    c = _client(client, people.admin)
    for name in ("project", "projectpartner", "workpackage", "deliverable", "indicator", "exchangerate",
                 "partnerreport", "jointreport"):
        assert c.get(reverse(f"admin:monitoring_{name}_changelist")).status_code == 200, name
    assert c.get(reverse("admin:monitoring_projectpartner_change", args=[pw.partners[1].pk])).status_code == 200
    assert c.get(reverse("admin:monitoring_partnerreport_add")).status_code == 403


def test_the_report_list_runs_a_constant_number_of_queries(pw, client, django_assert_max_num_queries):
    for partner in (1, 2):
        report_in(pw, S.SUBMITTED, partner=partner)
    c = _client(client, pw.editors[0])
    with django_assert_max_num_queries(12):
        c.get(reverse("monitoring:report_list"))
    for partner in (1, 2, 0):
        report_in(pw, S.SUBMITTED, partner=partner, period=1)
    with django_assert_max_num_queries(12):
        assert "PP3" in c.get(reverse("monitoring:report_list")).content.decode()
