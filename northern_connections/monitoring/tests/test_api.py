"""The API takes the same path as the pages: partner writes, controller controls, both through the services."""

from decimal import Decimal

from django.urls import reverse
from rest_framework.test import APIClient

from ..choices import ReportStatus
from .helpers import draft_with_items

S = ReportStatus


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_partner_declares_and_submits_controller_deducts_and_certifies(pw, july):
    partner, controller = _api(pw.editors[1]), _api(pw.controllers[1])
    created = partner.post(reverse("api:v1:partnerreport-list"),
                           {"project_partner": pw.partners[1].pk, "period": pw.periods[0].pk}, format="json")
    assert created.status_code == 201
    report_id = created.json()["id"]
    item = partner.post(reverse("api:v1:expenditureitem-list"),
                        {"report": report_id, "category": "travel", "description": "Ferry Bergen-Hirtshals",
                         "amount": "1151.23", "currency": "NOK"}, format="json")
    assert item.status_code == 201, item.json()
    item_id = item.json()["id"]
    assert partner.post(reverse("api:v1:partnerreport-transition", args=[report_id]),
                        {"to_status": S.SUBMITTED}, format="json").status_code == 200
    assert partner.get(reverse("api:v1:expenditureitem-detail", args=[item_id])).json()["declared_eur"] == "100.00"
    # The partner cannot control; the controller can, once in control.
    assert partner.post(reverse("api:v1:expenditureitem-control", args=[item_id]),
                        {"in_sample": True}, format="json").status_code == 403
    controller.post(reverse("api:v1:partnerreport-transition", args=[report_id]), {"to_status": S.IN_CONTROL},
                    format="json")
    controlled = controller.post(reverse("api:v1:expenditureitem-control", args=[item_id]),
                                 {"in_sample": True, "deducted": "12.34", "error_type": "ineligible",
                                  "comment": "Cabin upgrade"}, format="json")
    assert controlled.status_code == 200
    assert (controlled.json()["eligible_eur"], controlled.json()["deducted_eur"]) == ("87.66", "12.34")
    refused = controller.post(reverse("api:v1:partnerreport-transition", args=[report_id]),
                              {"to_status": S.CERTIFIED}, format="json")
    assert refused.status_code == 400 and "conclusion" in str(refused.json())


def test_a_reopened_certified_report_returns_to_control_with_its_control_work(pw, july):
    from .. import services

    report = draft_with_items(pw, ("staff", "100", "EUR"))
    services.report_transition(actor=pw.editors[1], report=report, to_status=S.SUBMITTED)
    services.report_transition(actor=pw.controllers[1], report=report, to_status=S.IN_CONTROL)
    item = report.items.get()
    services.item_control_save(actor=pw.controllers[1], item=item, in_sample=True, deducted="30", error_type="vat",
                               comment="VAT is recoverable")
    services.control_conclusion_save(actor=pw.controllers[1], report=report, conclusion="qualified")
    services.report_transition(actor=pw.controllers[1], report=report, to_status=S.CERTIFIED)
    services.report_transition(actor=pw.controllers[1], report=report, to_status=S.REOPENED_CERTIFIED,
                               note="Attach the corrected invoice")
    services.report_update(actor=pw.editors[1], report=report, problems="Invoice corrected by the supplier")
    services.report_transition(actor=pw.editors[1], report=report, to_status=S.IN_CONTROL)
    item.refresh_from_db()
    report.refresh_from_db()
    assert report.is_in_control and report.control_conclusion == "qualified"
    assert (item.deducted_eur, item.eligible_eur, item.controlled) == (Decimal("30.00"), Decimal("70.00"), True)
    assert [t.note for t in report.transitions.all()][-2:] == ["Attach the corrected invoice", ""]
