"""What logic.py's problem codes say, in the request's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import logic

PROBLEMS = {
    "required": _("Please answer this question."),
    "not_an_option": _("Choose one of the options given."),
    "repeated_option": _("Each choice may be given once."),
    "too_many_choices": _("Choose at most %(maximum)s."),
    "outside_scale": _("Choose a value from %(minimum)s to %(maximum)s."),
    "unknown_row": _("This row is not part of the question."),
    "not_a_number": _("Enter a number."),
    "below_minimum": _("Enter at least %(minimum)s."),
    "above_maximum": _("Enter at most %(maximum)s."),
    "not_text": _("Enter text."),
    "too_long": _("Use at most %(maximum)s characters."),
    "rank_every_option": _("Give every option a different place (1 to %(count)s)."),
    "unknown_kind": _("Unknown question type “%(kind)s”."),
    "needs_options": _("Give the choices (a choice question needs at least two, a matrix at least one)."),
    "needs_rows": _("Give the matrix rows, each once."),
    "bad_scale": _("The scale must go up, by at most 20 steps."),
    "bad_range": _("The smallest number must not be above the largest."),
    "duplicate_key": _("Another question has this key."),
    "condition_not_earlier": _("A condition can only refer to an earlier question (not “%(question)s”)."),
    "unknown_operator": _("Unknown condition “%(operator)s”."),
    "operator_does_not_fit": _("This condition does not fit the earlier question's type."),
    "condition_value_not_an_option": _("The condition's value must be one of the earlier question's choices."),
}


def problem_text(problem: logic.Problem) -> str:
    params = dict(problem.params)
    if problem.code == "rows_missing":
        return ngettext("Answer every row (%(count)s missing).", "Answer every row (%(count)s missing).",
                        params["count"]) % params
    text = PROBLEMS.get(problem.code)
    return str(text) % params if text else problem.code
