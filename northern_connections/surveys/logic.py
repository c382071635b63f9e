"""The rules of a survey as plain Python (no Django): conditions, validation of an answer set, aggregation
and comparison. Models turn their rows into `QuestionSpec`s (`Question.as_spec()`); the results pages
feed the submitted answers in and translate the problem codes and labels this module speaks in.

Answers are JSON values keyed by question key:

    single   "yes"                      an option value
    multiple ["a", "c"]                 distinct option values
    scale    4                          an integer in [scale_min, scale_max]
    matrix   {"row1": "often", ...}     one option value per row
    number   12.5                       finite, within [minimum, maximum] when given
    text     "free text"                at most MAX_TEXT characters
    ranking  ["c", "a", "b"]            every option once, best first

A question is shown when its condition holds on the answers of the earlier, shown questions; the
answers of hidden questions are dropped, never stored.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SINGLE, MULTIPLE, SCALE, MATRIX, NUMBER, TEXT, RANKING = (
    "single", "multiple", "scale", "matrix", "number", "text", "ranking")
KINDS = (SINGLE, MULTIPLE, SCALE, MATRIX, NUMBER, TEXT, RANKING)
CHOICE_KINDS = (SINGLE, MULTIPLE, MATRIX, RANKING)  # need options

EQUALS, NOT_EQUALS, ANY_OF, INCLUDES, AT_LEAST, AT_MOST, ANSWERED = (
    "equals", "not_equals", "any_of", "includes", "at_least", "at_most", "answered")
OPERATORS = (EQUALS, NOT_EQUALS, ANY_OF, INCLUDES, AT_LEAST, AT_MOST, ANSWERED)

MAX_TEXT = 5000
# Anonymous results: a group smaller than this is not shown (its answers could point to a person).
MIN_GROUP = 3


@dataclass(frozen=True)
class Condition:
    """Show a question only when the answer to an earlier question `question` matches."""

    question: str
    operator: str
    value: Any = None

    def holds(self, answer: Any) -> bool:
        if is_empty(answer):
            return False
        checks = {
            EQUALS: lambda: answer == self.value,
            NOT_EQUALS: lambda: answer != self.value,
            ANY_OF: lambda: isinstance(self.value, list) and answer in self.value,
            INCLUDES: lambda: isinstance(answer, list) and self.value in answer,
            AT_LEAST: lambda: _is_number(answer) and _is_number(self.value) and answer >= self.value,
            AT_MOST: lambda: _is_number(answer) and _is_number(self.value) and answer <= self.value,
            ANSWERED: lambda: True,
        }
        check = checks.get(self.operator)
        return bool(check and check())

    def to_dict(self) -> dict:
        return {"question": self.question, "operator": self.operator, "value": self.value}

    @classmethod
    def from_dict(cls, data: Mapping | None) -> Condition | None:
        if not data:
            return None
        return cls(str(data.get("question", "")), str(data.get("operator", "")), data.get("value"))


@dataclass(frozen=True)
class QuestionSpec:
    """What the rules need to know of one question (labels stay with the caller)."""

    key: str
    kind: str
    required: bool = False
    options: tuple[str, ...] = ()  # option values, in order
    rows: tuple[str, ...] = ()  # matrix row keys
    scale_min: int = 1
    scale_max: int = 5
    minimum: float | None = None
    maximum: float | None = None
    max_choices: int | None = None
    condition: Condition | None = None


@dataclass(frozen=True)
class Problem:
    """Why an answer (or a definition) is refused: a code and its parameters, translated by the caller."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    def param(self, name: str) -> Any:
        return dict(self.params).get(name)


def problem(code: str, **params: Any) -> Problem:
    return Problem(code, tuple(sorted(params.items())))


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {} or (isinstance(value, str) and not value.strip())


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


# --------------------------------------------------------------------------- conditions


def shown_keys(questions: Sequence[QuestionSpec], answers: Mapping[str, Any]) -> list[str]:
    """The keys of the questions shown for these answers, in order.

    A condition looks at an earlier question; when that question is itself hidden, its answer does not
    count (it will be dropped), so the dependent question is hidden too.
    """
    shown: list[str] = []
    for question in questions:
        condition = question.condition
        if condition is None or (condition.question in shown and condition.holds(answers.get(condition.question))):
            shown.append(question.key)
    return shown


# --------------------------------------------------------------------------- validation


def answer_problems(question: QuestionSpec, value: Any) -> list[Problem]:
    """What is wrong with one non-empty answer to `question` (empty list: it is valid)."""
    check = {SINGLE: _single, MULTIPLE: _multiple, SCALE: _scale, MATRIX: _matrix, NUMBER: _number, TEXT: _text,
             RANKING: _ranking}.get(question.kind)
    return check(question, value) if check else [problem("unknown_kind", kind=question.kind)]


def _single(question: QuestionSpec, value: Any) -> list[Problem]:
    return [] if isinstance(value, str) and value in question.options else [problem("not_an_option")]


def _multiple(question: QuestionSpec, value: Any) -> list[Problem]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v in question.options for v in value):
        return [problem("not_an_option")]
    if len(set(value)) != len(value):
        return [problem("repeated_option")]
    if question.max_choices and len(value) > question.max_choices:
        return [problem("too_many_choices", maximum=question.max_choices)]
    return []


def _scale(question: QuestionSpec, value: Any) -> list[Problem]:
    if not isinstance(value, int) or isinstance(value, bool) or not question.scale_min <= value <= question.scale_max:
        return [problem("outside_scale", minimum=question.scale_min, maximum=question.scale_max)]
    return []


def _matrix(question: QuestionSpec, value: Any) -> list[Problem]:
    if not isinstance(value, dict) or not all(row in question.rows for row in value):
        return [problem("unknown_row")]
    if not all(isinstance(v, str) and v in question.options for v in value.values()):
        return [problem("not_an_option")]
    missing = [row for row in question.rows if is_empty(value.get(row))]
    if question.required and missing:
        return [problem("rows_missing", count=len(missing))]
    return []


def _number(question: QuestionSpec, value: Any) -> list[Problem]:
    if not _is_number(value):
        return [problem("not_a_number")]
    if question.minimum is not None and value < question.minimum:
        return [problem("below_minimum", minimum=question.minimum)]
    if question.maximum is not None and value > question.maximum:
        return [problem("above_maximum", maximum=question.maximum)]
    return []


def _text(question: QuestionSpec, value: Any) -> list[Problem]:
    if not isinstance(value, str):
        return [problem("not_text")]
    return [problem("too_long", maximum=MAX_TEXT)] if len(value) > MAX_TEXT else []


def _ranking(question: QuestionSpec, value: Any) -> list[Problem]:
    if not isinstance(value, list) or sorted(map(str, value)) != sorted(question.options) or \
            not all(isinstance(v, str) for v in value):
        return [problem("rank_every_option", count=len(question.options))]
    return []


@dataclass
class Checked:
    """An answer set after validation: the answers kept (shown questions only) and the problems by key."""

    answers: dict[str, Any]
    problems: dict[str, list[Problem]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_answers(questions: Sequence[QuestionSpec], answers: Mapping[str, Any], *, complete: bool) -> Checked:
    """Validate an answer set. `complete=False` (saving to continue later) accepts missing required answers;
    `complete=True` (submitting) does not. Answers to hidden or unknown questions are dropped."""
    shown = set(shown_keys(questions, answers))
    kept: dict[str, Any] = {}
    problems: dict[str, list[Problem]] = {}
    for question in questions:
        if question.key not in shown:
            continue
        value = answers.get(question.key)
        if is_empty(value):
            if complete and question.required:
                problems[question.key] = [problem("required")]
            continue
        found = answer_problems(question, value)
        if found:
            problems[question.key] = found
        else:
            kept[question.key] = value
    return Checked(kept, problems)


def definition_problems(questions: Sequence[QuestionSpec]) -> dict[str, list[Problem]]:
    """What keeps a survey's questions from being answerable (checked before it opens and on every edit)."""
    problems: dict[str, list[Problem]] = {}
    earlier: dict[str, QuestionSpec] = {}
    for question in questions:
        found = _own_definition_problems(question)
        if question.key in earlier:
            found.append(problem("duplicate_key"))
        if question.condition is not None:
            found += _condition_problems(question.condition, earlier)
        if found:
            problems.setdefault(question.key, []).extend(found)
        earlier.setdefault(question.key, question)
    return problems


def _own_definition_problems(question: QuestionSpec) -> list[Problem]:
    found = []
    if question.kind not in KINDS:
        found.append(problem("unknown_kind", kind=question.kind))
    if question.kind in CHOICE_KINDS and len(question.options) < (1 if question.kind == MATRIX else 2):
        found.append(problem("needs_options"))
    if len(set(question.options)) != len(question.options):
        found.append(problem("repeated_option"))
    if question.kind == MATRIX and (not question.rows or len(set(question.rows)) != len(question.rows)):
        found.append(problem("needs_rows"))
    if question.kind == SCALE and not (question.scale_min < question.scale_max <= question.scale_min + 20):
        found.append(problem("bad_scale"))
    if question.minimum is not None and question.maximum is not None and question.minimum > question.maximum:
        found.append(problem("bad_range"))
    return found


def _condition_problems(condition: Condition, earlier: Mapping[str, QuestionSpec]) -> list[Problem]:
    source = earlier.get(condition.question)
    if source is None:
        return [problem("condition_not_earlier", question=condition.question)]
    if condition.operator not in OPERATORS:
        return [problem("unknown_operator", operator=condition.operator)]
    fits = {
        EQUALS: source.kind in (SINGLE, SCALE, NUMBER),
        NOT_EQUALS: source.kind in (SINGLE, SCALE, NUMBER),
        ANY_OF: source.kind == SINGLE,
        INCLUDES: source.kind == MULTIPLE,
        AT_LEAST: source.kind in (SCALE, NUMBER),
        AT_MOST: source.kind in (SCALE, NUMBER),
        ANSWERED: True,
    }[condition.operator]
    if not fits:
        return [problem("operator_does_not_fit", operator=condition.operator, kind=source.kind)]
    values = condition.value if condition.operator == ANY_OF else [condition.value]
    if condition.operator != ANSWERED and source.kind in (SINGLE, MULTIPLE) and (
            not isinstance(values, list) or not all(v in source.options for v in values)):
        return [problem("condition_value_not_an_option")]
    return []


# --------------------------------------------------------------------------- aggregation


@dataclass(frozen=True)
class Count:
    """How many chose `value`, and the share of those who answered the question (in %)."""

    value: str
    count: int
    percent: float


@dataclass
class Result:
    """One question's results over a set of answer sets.

    `shown` is how many respondents were shown the question (its condition held), `answered` how many
    of them answered. Counts and percentages per option (single, multiple: a respondent counts once per
    option chosen, so percentages may add up to more than 100); per matrix row; `mean`/`median`/`minimum`/
    `maximum` for scale and number; `mean_rank` and `points` (Borda: n-1 for first place, 0 for the last)
    for ranking; `texts` for free text. `suppressed` means the group was too small to show.
    """

    key: str
    kind: str
    shown: int = 0
    answered: int = 0
    counts: list[Count] = field(default_factory=list)
    rows: dict[str, list[Count]] = field(default_factory=dict)
    mean: float | None = None
    median: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    mean_rank: dict[str, float] = field(default_factory=dict)
    points: dict[str, int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    suppressed: bool = False


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _counts(options: Sequence[str], counter: Counter, whole: int) -> list[Count]:
    return [Count(value, counter[value], percent(counter[value], whole)) for value in options]


def aggregate(question: QuestionSpec, answer_sets: Iterable[Mapping[str, Any]], *, minimum_group: int = 1) -> Result:
    """The results of one question over submitted answer sets (already validated when they were saved;
    invalid values are ignored, so a changed option list never breaks the page)."""
    shown = answered = 0
    values = []
    for answers in answer_sets:
        if question.condition is not None and not question.condition.holds(answers.get(question.condition.question)):
            continue
        shown += 1
        value = answers.get(question.key)
        if not is_empty(value) and not answer_problems(_lenient(question), value):
            answered += 1
            values.append(value)
    result = Result(question.key, question.kind, shown=shown, answered=answered)
    if answered < minimum_group:
        result.suppressed = answered > 0
        return result
    _fill(result, question, values)
    return result


def _lenient(question: QuestionSpec) -> QuestionSpec:
    """The question for counting: a matrix row left out does not void the rest of the answer."""
    return QuestionSpec(**{**question.__dict__, "required": False}) if question.required else question


def _fill(result: Result, question: QuestionSpec, values: list) -> None:
    n = len(values)
    if question.kind in (SINGLE, MULTIPLE):
        counter = Counter(v for value in values for v in (value if isinstance(value, list) else [value]))
        result.counts = _counts(question.options, counter, n)
    elif question.kind in (SCALE, NUMBER):
        if question.kind == SCALE:
            counter = Counter(values)
            result.counts = [Count(str(v), counter[v], percent(counter[v], n))
                             for v in range(question.scale_min, question.scale_max + 1)]
        if values:
            result.mean = round(statistics.fmean(values), 2)
            result.median = float(statistics.median(values))
            result.minimum, result.maximum = float(min(values)), float(max(values))
    elif question.kind == MATRIX:
        for row in question.rows:
            chosen = [value[row] for value in values if not is_empty(value.get(row))]
            result.rows[row] = _counts(question.options, Counter(chosen), len(chosen))
    elif question.kind == RANKING:
        size = len(question.options)
        for option in question.options:
            places = [value.index(option) + 1 for value in values]
            result.mean_rank[option] = round(statistics.fmean(places), 2) if places else 0.0
            result.points[option] = sum(size - place for place in places)
    elif question.kind == TEXT:
        result.texts = sorted(values)  # sorted, never in the order people answered


def aggregate_all(questions: Sequence[QuestionSpec], answer_sets: Sequence[Mapping[str, Any]], *,
                  minimum_group: int = 1) -> list[Result]:
    answer_sets = list(answer_sets)
    return [aggregate(question, answer_sets, minimum_group=minimum_group) for question in questions]


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class Difference:
    """One option (or statistic) in two groups: A's and B's percentage (or value) and B minus A."""

    value: str
    first: float | None
    second: float | None

    @property
    def change(self) -> float | None:
        if self.first is None or self.second is None:
            return None
        return round(self.second - self.first, 2)


@dataclass
class Comparison:
    """A question's results in two groups (two filters, or two rounds of the same survey)."""

    key: str
    first: Result
    second: Result
    differences: list[Difference] = field(default_factory=list)


def compare(question: QuestionSpec, first: Iterable[Mapping[str, Any]], second: Iterable[Mapping[str, Any]], *,
            minimum_group: int = 1) -> Comparison:
    """Percentage points per option (single, multiple, scale), the change of mean and median (scale,
    number), of the mean rank (ranking) and of each matrix row's shares; nothing for free text."""
    a = aggregate(question, first, minimum_group=minimum_group)
    b = aggregate(question, second, minimum_group=minimum_group)
    comparison = Comparison(question.key, a, b)
    if a.suppressed or b.suppressed or not (a.answered and b.answered):
        return comparison
    differences = comparison.differences
    if question.kind in (SINGLE, MULTIPLE, SCALE):
        b_counts = {c.value: c.percent for c in b.counts}
        differences += [Difference(c.value, c.percent, b_counts.get(c.value)) for c in a.counts]
    if question.kind in (SCALE, NUMBER):
        differences += [Difference("mean", a.mean, b.mean), Difference("median", a.median, b.median)]
    if question.kind == RANKING:
        differences += [Difference(o, a.mean_rank.get(o), b.mean_rank.get(o)) for o in question.options]
    if question.kind == MATRIX:
        for row in question.rows:
            b_row = {c.value: c.percent for c in b.rows.get(row, [])}
            differences += [Difference(f"{row}:{c.value}", c.percent, b_row.get(c.value)) for c in a.rows.get(row, [])]
    return comparison
