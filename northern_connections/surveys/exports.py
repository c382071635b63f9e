"""Results as Excel (openpyxl) and PDF (WeasyPrint).

An anonymous survey's response sheet has the answers only: no id, no country, kind or region (which could
point to one organisation), in an order sorted by content, never the order of answering.
"""

from __future__ import annotations

import io
import json

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import logic, selectors
from .models import Survey
from .results import QuestionResult


def _cell(value):
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return value


def _summary_rows(item: QuestionResult) -> list[list]:
    result = item.result
    if result.suppressed:
        return [[_("Fewer than %(n)s answers: not shown, to keep them anonymous.") % {"n": logic.MIN_GROUP}]]
    rows = [[label, count, percent] for label, count, percent in item.table]
    if result.mean is not None:
        rows += [[_("Mean"), result.mean], [_("Median"), result.median], [_("Lowest"), result.minimum],
                 [_("Highest"), result.maximum]]
    for row, counts in result.rows.items():
        rows += [[f"{item.row_labels.get(row, row)}: {item.labels.get(c.value, c.value)}", c.count, c.percent]
                 for c in counts]
    for option, rank in result.mean_rank.items():
        rows.append([item.labels.get(option, option), rank, result.points.get(option, 0)])
    rows += [[text["text"], ", ".join(text["tags"])] for text in item.texts]
    return rows


def _summary_sheet(sheet, survey: Survey, items: list[QuestionResult], filters_label: str) -> None:
    sheet.title = pgettext("spreadsheet sheet", "Summary")[:31]
    sheet.append([survey.display_title])
    sheet.append([_("Filters"), filters_label or _("none")])
    for item in items:
        sheet.append([])
        sheet.append([f"{item.question.key}: {item.text}", _("shown to %(n)s") % {"n": item.result.shown},
                      _("answered by %(n)s") % {"n": item.result.answered}])
        if item.question.kind == logic.RANKING:
            sheet.append([_("Option"), _("Mean rank"), _("Points")])
        elif item.question.kind != logic.TEXT:
            sheet.append([_("Answer"), _("Respondents"), _("Percentage of those who answered")])
        for row in _summary_rows(item):
            sheet.append(row)


def _responses_sheet(sheet, *, actor, survey: Survey, filters) -> None:
    keys = list(survey.ordered_questions().values_list("key", flat=True))
    sheet.title = _("Responses")[:31]
    if survey.anonymous:
        sheet.append(keys)
        sets = sorted(selectors.answer_sets(survey=survey, filters=filters),
                      key=lambda a: json.dumps(a, sort_keys=True, default=str))
        for answers in sets:
            sheet.append([_cell(answers.get(key)) for key in keys])
        return
    sheet.append([_("Respondent"), _("E-mail"), _("Organisation"), _("Country"), _("Kind of organisation"),
                  _("NUTS 2 region"), _("Submitted"), *keys])
    for response in selectors.responses_for_owner(actor=actor, survey=survey, filters=filters):
        person = response.respondent
        sheet.append([str(person) if person else "", response.respondent_email or (person.email if person else ""),
                      response.organisation.name if response.organisation else "", response.country,
                      response.organisation_kind, response.region,
                      response.submitted_at.replace(tzinfo=None) if response.submitted_at else None,
                      *[_cell(response.answers.get(key)) for key in keys]])


def results_xlsx(*, actor, survey: Survey, items: list[QuestionResult], filters, filters_label: str = "") -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    _summary_sheet(book.active, survey, items, filters_label)
    _responses_sheet(book.create_sheet(), actor=actor, survey=survey, filters=filters)
    questions = book.create_sheet(_("Questions")[:31])
    questions.append([_("Key"), _("Question"), _("Type")])
    for item in items:
        questions.append([item.question.key, item.text, item.question.get_kind_display()])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def results_pdf(context: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string("surveys/results_pdf.html", context)).write_pdf()
