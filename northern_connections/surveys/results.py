"""Results as people read them: logic.py's figures with labels, a chart (core/charts.py) and its table twin
per question, in the request's language; comparisons of two groups or two rounds. No queries of their own
beyond the selectors'; charts are cached by their figures (the same numbers draw the same SVG)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from northern_connections.core import charts

from . import logic, selectors
from .models import Question, Survey
from .selectors import Filters

CHART_CACHE_SECONDS = 24 * 3600


@dataclass
class QuestionResult:
    """One question's figures for a page, a spreadsheet or a PDF."""

    question: Question
    text: str
    result: logic.Result
    labels: dict[str, str]
    row_labels: dict[str, str] = field(default_factory=dict)
    chart: charts.Chart | None = None
    texts: list[dict] = field(default_factory=list)  # free text: answer, tags, response id (owners only)

    @property
    def table(self) -> list[tuple[str, int, float]]:
        return [(self.labels.get(c.value, c.value), c.count, c.percent) for c in self.result.counts]


def _cached_chart(kind: str, **arguments) -> charts.Chart:
    key = "surveys-chart:" + hashlib.sha256(json.dumps([kind, arguments], sort_keys=True, default=str)
                                            .encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = getattr(charts, kind)(**arguments)
        cache.set(key, found, CHART_CACHE_SECONDS)
    return found


def chart_for(item: QuestionResult, *, chart_id: str) -> charts.Chart | None:
    result, question = item.result, item.question
    if result.suppressed or not result.answered:
        return None
    title = item.text
    if question.kind in (logic.SINGLE, logic.MULTIPLE, logic.SCALE):
        return _cached_chart("bar_chart", title=title, labels=[label for label, _n, _p in item.table],
                             series=[charts.Series(_("Respondents"), [n for _label, n, _p in item.table])],
                             category_label=_("Answer"), value_label=_("Respondents"), chart_id=chart_id)
    if question.kind == logic.MATRIX:
        rows = list(result.rows)
        return _cached_chart(
            "stacked_bar_chart", title=title, labels=[item.row_labels.get(r, r) for r in rows],
            series=[charts.Series(item.labels.get(value, value), [next(c.count for c in result.rows[r]
                                                                      if c.value == value) for r in rows])
                    for value in question.option_values()],
            category_label=_("Row"), total_label=_("Total"), value_label=_("Respondents"), chart_id=chart_id)
    if question.kind == logic.RANKING:
        options = list(question.option_values())
        return _cached_chart("bar_chart", title=title, labels=[item.labels.get(o, o) for o in options],
                             series=[charts.Series(_("Points (first place counts most)"),
                                                   [result.points.get(o, 0) for o in options])],
                             category_label=_("Option"), value_label=_("Points"), chart_id=chart_id)
    return None


def question_results(*, survey: Survey, filters: Filters | None = None, with_charts: bool = True,
                     with_texts: bool = True, answer_sets: list[dict] | None = None,
                     minimum_group: int | None = None) -> list[QuestionResult]:
    """Every question's results over the (filtered) submitted responses."""
    language = translation.get_language()
    questions = list(survey.ordered_questions())
    sets = answer_sets if answer_sets is not None else selectors.answer_sets(survey=survey, filters=filters)
    found = logic.aggregate_all(survey.specs(questions), sets, minimum_group=minimum_group or survey.minimum_group)
    items = []
    for index, (question, result) in enumerate(zip(questions, found, strict=True)):
        item = QuestionResult(question, question.display_text, result, question.labels(language),
                              question.row_labels(language))
        if with_charts:
            item.chart = chart_for(item, chart_id=f"q{index}-{question.key}")
        items.append(item)
    if with_texts:
        _attach_texts(survey, items, filters)
    return items


def _attach_texts(survey: Survey, items: list[QuestionResult], filters: Filters | None) -> None:
    """Free-text answers with their tags, in a stable order that is not the order of answering."""
    text_items = {item.question.key: item for item in items if item.question.kind == logic.TEXT
                  and not item.result.suppressed}
    if not text_items:
        return
    rows = selectors.answer_rows(survey=survey, filters=filters)
    for response_id, answers, tags in rows:
        for key, item in text_items.items():
            if answers.get(key):
                item.texts.append({"text": answers[key], "tags": (tags or {}).get(key, []), "id": response_id})
    for item in text_items.values():
        item.texts.sort(key=lambda t: t["text"])


@dataclass
class ComparedQuestion:
    question: Question
    text: str
    comparison: logic.Comparison
    rows: list[tuple[str, float | None, float | None, float | None]]


def compare(*, survey: Survey, first: list[dict], second: list[dict], other: Survey | None = None) -> list:
    """Each question in two groups of answer sets (two filters of `survey`, or `survey` and `other`, a round
    of it with the same question keys)."""
    language = translation.get_language()
    other_keys = set(other.questions.values_list("key", flat=True)) if other is not None else None
    compared = []
    for question in survey.ordered_questions():
        if question.kind == logic.TEXT or (other_keys is not None and question.key not in other_keys):
            continue
        comparison = logic.compare(question.as_spec(), first, second, minimum_group=survey.minimum_group)
        labels, row_labels = question.labels(language), question.row_labels(language)
        rows = []
        for difference in comparison.differences:
            name = difference.value
            if question.kind == logic.MATRIX:
                row, _sep, value = name.partition(":")
                name = f"{row_labels.get(row, row)}: {labels.get(value, value)}"
            else:
                name = {"mean": _("Mean"), "median": _("Median")}.get(name) or labels.get(name, name)
            rows.append((name, difference.first, difference.second, difference.change))
        compared.append(ComparedQuestion(question, question.display_text, comparison, rows))
    return compared
