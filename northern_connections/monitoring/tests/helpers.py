"""Shortcuts for tests: a report in any status, with items, without walking the whole life cycle."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .. import services
from ..models import ExpenditureItem, PartnerReport


def report_in(pw, status: str, *, partner: int = 1, period: int = 0, items=((Decimal("100.00"), "EUR"),),
              number: int | None = None) -> PartnerReport:
    """A report of partner `partner` in `status`, its items declared, in the sample and controlled as eligible."""
    pp = pw.partners[partner]
    number = number or (pp.reports.count() + 1)
    report = PartnerReport.objects.create(project_partner=pp, period=pw.periods[period], number=number,
                                          status=status, control_conclusion="unqualified")
    for n, (amount, currency) in enumerate(items, 1):
        ExpenditureItem.objects.create(report=report, number=n, category="staff", description=f"Item {n}",
                                       amount=amount, currency=currency, rate=Decimal(1), declared_eur=amount,
                                       eligible_eur=amount, in_sample=True, controlled=status != "draft")
    return report


def draft_with_items(pw, *items, partner: int = 1) -> PartnerReport:
    """A draft made through the services by the partner's editor, with (category, amount, currency) items."""
    editor = pw.editors[partner]
    report = services.report_create(actor=editor, project_partner=pw.partners[partner], period=pw.periods[0])
    for category, amount, currency in items:
        services.item_create(actor=editor, report=report, category=category, description=f"{category} {amount}",
                             invoice_number="INV-1", invoice_date=date(2026, 3, 1), payment_date=date(2026, 3, 10),
                             amount=Decimal(amount), vat=Decimal(0), currency=currency)
    return report
