"""Generated documents: the control certificate and control report (PDF, WeasyPrint), the joint report
(PDF, WeasyPrint) and its Excel workbook (openpyxl). They are rendered from frozen data: a certified
report and the certified reports a joint report includes cannot change any more."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from . import selectors
from .choices import CostCategory


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string(template, context)).write_pdf()


def control_context(report) -> dict:
    return {"report": report, "overview": selectors.report_overview(report),
            "items": list(report.items.select_related("parked_from__report").order_by("number")),
            "categories": dict(CostCategory.choices)}


def certificate_pdf(report) -> bytes:
    """The FLC certificate: who certified which amount of which report, and the conclusion."""
    return _pdf("monitoring/pdf/certificate.html", control_context(report))


def control_report_pdf(report) -> bytes:
    """The control report: the overview per cost category and every item's outcome."""
    return _pdf("monitoring/pdf/control_report.html", control_context(report))


def joint_context(joint, figures=None) -> dict:
    figures = figures or selectors.joint_figures(joint)
    partners = {p.pk: p for p in figures.partners}
    return {"joint": joint, "figures": figures, "partners": partners,
            "categories": [(c, label) for c, label in CostCategory.choices],
            "matrix": [(partners[pk], [figures.aggregate.cells.get((pk, c)) for c in CostCategory.values],
                        figures.aggregate.by_partner[pk]) for pk in sorted(figures.aggregate.by_partner,
                                                                            key=lambda k: partners[k].number)],
            "budget": [(partners[line.key[0]], dict(CostCategory.choices)[line.key[1]], line)
                       for line in figures.budget],
            "budget_matrix": _budget_matrix(figures, partners)}


def _budget_matrix(figures, partners) -> list:
    """Budget monitoring as one row per partner and one cell (a BudgetLine or None) per cost category."""
    lines = {line.key: line for line in figures.budget}
    keys = sorted({key[0] for key in lines}, key=lambda pk: partners[pk].number)
    return [(partners[pk], [lines.get((pk, c)) for c in CostCategory.values]) for pk in keys]


def joint_pdf(joint, figures=None) -> bytes:
    return _pdf("monitoring/pdf/joint_report.html", joint_context(joint, figures))


def joint_xlsx(joint, figures=None) -> bytes:
    """The joint report's figures: expenditure per partner and category, budget monitoring, indicators."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    context = joint_context(joint, figures)
    figures = context["figures"]
    book = Workbook()
    sheet = book.active
    sheet.title = _("Expenditure")[:31]
    labels = [label for _code, label in context["categories"]]
    sheet.append([_("Partner"), *[str(label) for label in labels], _("Declared"), _("Deducted"), _("Parked"),
                  _("Eligible after control")])
    for partner, cells, total in context["matrix"]:
        sheet.append([str(partner), *[cell.eligible if cell else 0 for cell in cells], total.declared,
                      total.deducted, total.parked, total.eligible])
    total = figures.aggregate.total
    sheet.append([_("Total"), *[figures.aggregate.by_category.get(c).eligible if figures.aggregate.by_category.get(c)
                                else 0 for c, _label in context["categories"]],
                  total.declared, total.deducted, total.parked, total.eligible])
    budget = book.create_sheet(_("Budget monitoring")[:31])
    budget.append([_("Partner"), _("Cost category"), _("Budget up to the period"), _("Certified"), _("Share"),
                   _("Flag")])
    for partner, category, line in context["budget"]:
        budget.append([str(partner), str(category), line.budget, line.spent, line.spent_share, line.flag])
    indicators = book.create_sheet(_("Indicators")[:31])
    indicators.append([_("Code"), _("Indicator"), _("Unit"), _("Baseline"), _("Target"), _("This period"),
                       _("Achieved"), _("Share of target")])
    for indicator, this_period, achieved, share in figures.indicators:
        indicators.append([indicator.code, indicator.name, indicator.unit, indicator.baseline, indicator.target,
                           this_period, achieved, share])
    for ws in (sheet, budget, indicators):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if hasattr(cell.value, "as_tuple"):
                    cell.number_format = "#,##0.00"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
