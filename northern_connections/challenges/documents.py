"""Generated documents: the PDF receipt of an application and the Excel export of an evaluation."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def application_pdf(application) -> bytes:
    """A PDF of what was submitted (WeasyPrint), the applicant's proof of content and time."""
    from weasyprint import HTML

    html = render_to_string("challenges/application_receipt.html", {
        "application": application,
        "partners": application.partners.select_related("organisation"),
        "attachments": application.attachments.all(),
    })
    return HTML(string=html).write_pdf()


def evaluation_xlsx(challenge, ranking_rows, criteria) -> bytes:
    """The ranking with per-criterion means, juror totals and disagreement, as an Excel workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Ranking")[:31]
    header = [_("Rank"), _("Application"), _("Applicant"), _("Country"), _("Status"), _("Mean score (0–100)"),
              _("Disagreement (std. dev.)"), _("Jurors")] + [f"{c.name} ({c.weight} %)" for c in criteria]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in ranking_rows:
        application = row["application"]
        result = row["result"]
        sheet.append([
            result.rank, str(application), row["applicant_label"], row["country"], application.get_status_display(),
            result.mean, result.disagreement, result.jurors,
            *[result.criterion_means.get(c.pk) for c in criteria],
        ])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
