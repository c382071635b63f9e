"""Generated documents: the PDF receipt, the feedback letter and the Excel export of an evaluation."""

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


def feedback_letter_context(application) -> dict | None:
    """What the feedback letter says, or None while the decision is not published (challenge not decided)."""
    from .choices import ApplicationStatus, ChallengeStatus, PartnerStatus

    challenge = application.challenge
    if (application.status not in (ApplicationStatus.SELECTED, ApplicationStatus.REJECTED)
            or challenge.status not in (ChallengeStatus.DECIDED, ChallengeStatus.ARCHIVED)):
        return None
    return {
        "application": application,
        "challenge": challenge,
        "owner": challenge.owner,
        "partners": [p for p in application.partners.select_related("organisation")
                     if p.status == PartnerStatus.CONFIRMED],
        "selected": application.status == ApplicationStatus.SELECTED,
        "decided_on": application.decided_at or challenge.updated,
    }


def feedback_letter_pdf(context: dict) -> bytes:
    """The feedback letter as a PDF (WeasyPrint), for the applicant's files."""
    from weasyprint import HTML

    return HTML(string=render_to_string("challenges/feedback_letter_pdf.html", context)).write_pdf()


def evaluation_xlsx(challenge, ranking_rows, criteria) -> bytes:
    """The ranking with per-criterion means and disagreement, and the scores excluded for a conflict and why.

    For the owner only (the ranking names the applicants even in a blind evaluation).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Ranking")[:31]
    header = [_("Rank"), _("Application"), _("Applicant"), _("Country"), _("Status"), _("Mean score (0–100)"),
              _("Disagreement (std. dev.)"), _("Jurors")] + [f"{c.name} ({c.weight} %)" for c in criteria]
    sheet.append(header + [_("Excluded scores"), _("Counted under an exception")])
    for row in ranking_rows:
        application = row["application"]
        result = row["result"]
        sheet.append([
            result.rank, str(application), row["applicant_label"], row["country"], application.get_status_display(),
            result.mean, result.disagreement, result.jurors,
            *[result.criterion_means.get(c.pk) for c in criteria],
            "; ".join(f"{e['juror'].email}: {e['label']}" for e in row["excluded"]),
            "; ".join(juror.email for juror in row["exceptions"]),
        ])
    excluded = workbook.create_sheet(_("Excluded scores")[:31])
    excluded.append([_("Application"), _("Applicant"), _("Juror"), _("Reason"), _("Total had it counted")])
    for row in ranking_rows:
        for entry in row["excluded"]:
            excluded.append([str(row["application"]), row["applicant_label"], entry["juror"].email,
                             str(entry["label"]), entry["total"]])
    for ws in (sheet, excluded):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
