"""The audit trail keeps who changed which amount, and the status moves, of a report."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from northern_connections.core import audit

from .. import services
from ..choices import ReportStatus
from .helpers import draft_with_items

S = ReportStatus


def test_the_controllers_deduction_and_the_status_moves_are_in_the_trail(pw, july, people, client):
    # Given a submitted report in control
    report = draft_with_items(pw, ("staff", "100", "EUR"))
    services.report_transition(actor=pw.editors[1], report=report, to_status=S.SUBMITTED)
    services.report_transition(actor=pw.controllers[1], report=report, to_status=S.IN_CONTROL)
    # when the controller deducts 25 EUR of its item
    item = report.items.get()
    services.item_control_save(actor=pw.controllers[1], item=item, in_sample=True, deducted=Decimal(25),
                               error_type="ineligible", comment="Not project related")
    # then the item's trail names the controller and both values
    newest = audit.history_for(item, people.admin)[0]
    assert newest.who == str(pw.controllers[1])
    assert any(c.old == "0.00" and c.new == "25.00" for c in newest.changes)  # deducted
    assert any(c.old == "100.00" and c.new == "75.00" for c in newest.changes)  # eligible
    # and the report's history page shows the status moves to the partner, not to another partner
    url = reverse("monitoring:report_history", args=[report.pk])
    client.force_login(pw.editors[1])
    page = client.get(url).content.decode()
    assert "In control" in page or "in_control" in page
    client.force_login(pw.editors[2])
    assert client.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        audit.history_for(report, pw.editors[2])
