"""Exports of a round: Excel (openpyxl) with weights, every aggregated score and the result; a PDF (WeasyPrint)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .presentation import rows


def round_workbook(round, document: dict, names: dict[str, str]) -> bytes:
    """Three sheets: the rules and weights, the result with explanations, the scores (mean ± spread)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    rules = book.active
    rules.title = _("Rules and weights")[:31]
    rules.append([_("Round"), round.name])
    rules.append([_("Status"), round.get_status_display()])
    rules.append([_("Method"), round.get_method_display()])
    rules.append([_("Labs per region"), round.per_region])
    rules.append([_("At most this many per host organisation"), round.max_per_host or "—"])
    rules.append([_("At least this many value chains per country"), round.min_value_chains_per_country or "—"])
    sensitivity = document.get("sensitivity") or {}
    rules.append([_("Weight perturbation (±)"), sensitivity.get("perturb")])
    rules.append([_("Perturbation samples"), sensitivity.get("samples")])
    rules.append([_("Random seed"), sensitivity.get("seed")])
    rules.append([])
    rules.append([_("Criterion"), _("Weight"), _("Weight in %"), _("Direction")])
    for criterion, share in zip(document["criteria"], document["weights"], strict=True):
        rules.append([criterion["name"], criterion["weight"], round_to(100 * share), criterion["direction"]])
    table = rows(document, names)
    result = book.create_sheet(_("Result")[:31])
    result.append([_("Region"), _("Candidate"), _("Rank in region"), _("Rank"), _("Score"), _("Selected"),
                   _("Selection frequency"), _("Hinges on"), _("Explanation")])
    for row in table:
        result.append([row.region, row.name, row.region_rank, row.rank, row.score, _("yes") if row.selected else
                       _("no"), row.frequency, row.hinge, row.explanation])
    scores = book.create_sheet(_("Scores")[:31])
    header = [_("Region"), _("Candidate")]
    for criterion in document["criteria"]:
        header += [f"{criterion['name']} ({_('mean')})", f"{criterion['name']} ({_('spread')})"]
    scores.append(header)
    for row in table:
        cells = [row.region, row.name]
        for mean, spread in zip(row.means, row.spread, strict=True):
            cells += [mean, spread]
        scores.append(cells)
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def round_to(value: float) -> float:
    return round(value, 1)


def round_pdf(round, document: dict, names: dict[str, str]) -> bytes:
    from weasyprint import HTML

    html = render_to_string("livinglabs/round_pdf.html", {
        "round": round, "document": document, "rows": rows(document, names),
        "criteria": document["criteria"], "weights": [round_to(100 * w) for w in document["weights"]]})
    return HTML(string=html).write_pdf()
