"""The money arithmetic of project monitoring, in plain Python (no Django): conversion to euro, the
control overview of a partner report per cost category, flat rates, the joint report's
aggregation and budget monitoring.

Every amount is a `Decimal` in euro cents after `cents()`; nothing here accepts a float. The
rules that the tests check on arbitrary inputs (tests/test_money.py, Hypothesis):

- per item and in every total: declared = eligible + deducted + parked;
- eligible <= declared, and no part is negative;
- a flat rate is computed from its base category (declared, eligible and parked of the base
  times the rate, each rounded half up to the cent; the deduction takes the rounding remainder,
  so the identity above holds to the cent for flat rates too);
- a total is the sum of its parts to the cent (parts are rounded first, then added: the sum of
  rounded parts, never the rounding of a sum).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
RATE_PLACES = Decimal("0.000001")  # the EU's monthly accounting rates have up to six decimals


class MoneyError(ValueError):
    """An amount or rate that cannot be used (not a Decimal, negative, zero rate)."""


def cents(value: Decimal | int | str) -> Decimal:
    """`value` rounded half up to the cent. Floats are refused: 0.1 + 0.2 is not 0.3 in binary."""
    if isinstance(value, float):
        raise MoneyError("money is never a float")
    try:
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as error:
        raise MoneyError(f"not an amount: {value!r}") from error


def to_eur(amount: Decimal, rate: Decimal) -> Decimal:
    """`amount` in a currency whose rate is `rate` units per euro (1 EUR = rate units), in euro cents.

    The EU's accounting rate (InforEuro) is quoted that way, so the amount is divided by the
    rate; the result is rounded half up to the cent once, after the division.
    """
    if isinstance(amount, float) or isinstance(rate, float):
        raise MoneyError("money is never a float")
    rate = Decimal(rate)
    if not rate.is_finite() or rate <= 0:
        raise MoneyError("an exchange rate is a positive number")
    return cents(Decimal(amount) / rate)


def percent_of(base: Decimal, rate_percent: Decimal) -> Decimal:
    """`rate_percent` % of `base`, rounded half up to the cent."""
    return cents(Decimal(base) * Decimal(rate_percent) / HUNDRED)


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """`part` as a percentage of `whole` with two decimals; None when the whole is zero."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    """The control figures of one item, or the sum of several, in euro."""

    declared: Decimal = ZERO
    eligible: Decimal = ZERO
    deducted: Decimal = ZERO
    parked: Decimal = ZERO
    in_sample: Decimal = ZERO

    def __add__(self, other: Figures) -> Figures:
        return Figures(self.declared + other.declared, self.eligible + other.eligible,
                       self.deducted + other.deducted, self.parked + other.parked,
                       self.in_sample + other.in_sample)

    @property
    def balanced(self) -> bool:
        return self.declared == self.eligible + self.deducted + self.parked


def item_figures(*, declared: Decimal, deducted: Decimal = ZERO, parked: bool = False,
                 in_sample: bool = False, controlled: bool = True) -> Figures:
    """One expenditure item after control: `deducted` of `declared` refused, or all of it parked.

    An item not yet controlled (`controlled=False`) counts as wholly eligible: the overview of a
    report in control shows what would be certified if nothing more were deducted.
    """
    declared, deducted = cents(declared), cents(deducted)
    if declared < 0 or deducted < 0:
        raise MoneyError("amounts are not negative")
    if deducted > declared:
        raise MoneyError("the deduction is larger than the declared amount")
    sample = declared if in_sample else ZERO
    if parked:
        if deducted:
            raise MoneyError("a parked item is neither accepted nor deducted")
        return Figures(declared, ZERO, ZERO, declared, sample)
    if not controlled:
        return Figures(declared, declared, ZERO, ZERO, sample)
    return Figures(declared, declared - deducted, deducted, ZERO, sample)


def flat_rate(base: Figures, rate_percent: Decimal) -> Figures:
    """The flat-rate amount on `base` (e.g. office and administration = 15 % of staff costs).

    Declared, eligible and parked follow the base, each rounded to the cent; the deduction is the
    rest, so declared = eligible + deducted + parked exactly. Flat rates are never sampled.
    """
    rate = Decimal(rate_percent)
    if rate < 0:
        raise MoneyError("a flat rate is not negative")
    declared = percent_of(base.declared, rate)
    eligible = percent_of(base.eligible, rate)
    parked = percent_of(base.parked, rate)
    # Rounding is monotone, so eligible <= declared; rounding three products separately may leave
    # eligible + parked a cent above declared, and the parked share gives that cent back.
    parked = min(parked, declared - eligible)
    return Figures(declared, eligible, declared - eligible - parked, parked, ZERO)


@dataclass(frozen=True)
class FlatRateRule:
    """`category` is computed as `rate_percent` % of `base_category` (no items may be declared in it)."""

    category: str
    base_category: str
    rate_percent: Decimal


@dataclass
class OverviewRow:
    category: str
    figures: Figures
    flat_rate: bool = False

    @property
    def sample_share(self) -> Decimal | None:
        return share(self.figures.in_sample, self.figures.declared)

    @property
    def eligible_share(self) -> Decimal | None:
        return share(self.figures.eligible, self.figures.declared)


@dataclass
class ControlOverview:
    """Per cost category and in total: declared, flat rates, sample, parked, deducted, eligible."""

    rows: list[OverviewRow]
    total: Figures
    flat_rate_total: Figures
    real_costs: Figures = field(default_factory=Figures)

    @property
    def sample_share(self) -> Decimal | None:
        """The sample as a share of the declared amount excluding flat rates (as the FLC reports it)."""
        return share(self.total.in_sample, self.real_costs.declared)

    @property
    def eligible_share(self) -> Decimal | None:
        return share(self.total.eligible, self.total.declared)


def sum_figures(figures: Iterable[Figures]) -> Figures:
    total = Figures()
    for f in figures:
        total = total + f
    return total


def control_overview(items: Iterable[tuple[str, Figures]], *, categories: Iterable[str],
                     flat_rates: Iterable[FlatRateRule] = ()) -> ControlOverview:
    """The control overview of one report from its items `(category, figures)`.

    `categories` fixes the rows and their order; a category with a flat-rate rule gets the
    computed amount (items in it are refused: a flat rate is never typed).
    """
    rules = {rule.category: rule for rule in flat_rates}
    by_category: dict[str, Figures] = {c: Figures() for c in categories}
    for category, figures in items:
        if category in rules:
            raise MoneyError(f"{category} is a flat rate: it is computed, not declared")
        if category not in by_category:
            raise MoneyError(f"unknown cost category {category!r}")
        by_category[category] = by_category[category] + figures
    real = sum_figures(by_category.values())
    for category, rule in rules.items():
        by_category[category] = flat_rate(by_category[rule.base_category], rule.rate_percent)
    rows = [OverviewRow(c, f, c in rules) for c, f in by_category.items()]
    flat = sum_figures(row.figures for row in rows if row.flat_rate)
    return ControlOverview(rows=rows, total=real + flat, flat_rate_total=flat, real_costs=real)


# --------------------------------------------------------------------------- joint report
@dataclass
class Aggregate:
    """Certified expenditure per (partner, category), with totals per partner, per category and overall."""

    cells: dict[tuple[str, str], Figures]
    by_partner: dict[str, Figures]
    by_category: dict[str, Figures]
    total: Figures


def aggregate(overviews: Mapping[str, Iterable[ControlOverview]]) -> Aggregate:
    """The joint report's expenditure: the control overviews of the included reports, per partner.

    Every total is a sum of already rounded parts, so the joint total equals the sum of the
    partners' certified amounts to the cent, whichever way it is added up.
    """
    cells: dict[tuple[str, str], Figures] = {}
    for partner, reports in overviews.items():
        for overview in reports:
            for row in overview.rows:
                key = (partner, row.category)
                cells[key] = cells.get(key, Figures()) + row.figures
    by_partner: dict[str, Figures] = {}
    by_category: dict[str, Figures] = {}
    for (partner, category), figures in cells.items():
        by_partner[partner] = by_partner.get(partner, Figures()) + figures
        by_category[category] = by_category.get(category, Figures()) + figures
    return Aggregate(cells=cells, by_partner=by_partner, by_category=by_category,
                     total=sum_figures(by_partner.values()))


OVER, UNDER, ON_TRACK, NO_BUDGET = "over", "under", "on_track", "no_budget"


@dataclass(frozen=True)
class BudgetLine:
    """Spent (certified) against the budget planned up to the period, with a flag."""

    key: tuple[str, str]
    budget: Decimal
    spent: Decimal
    flag: str

    @property
    def spent_share(self) -> Decimal | None:
        return share(self.spent, self.budget)

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.spent

    @property
    def is_over(self) -> bool:
        return self.flag == OVER

    @property
    def is_under(self) -> bool:
        return self.flag == UNDER

    @property
    def is_on_track(self) -> bool:
        return self.flag == ON_TRACK


def budget_flag(budget: Decimal, spent: Decimal, *, under_threshold: Decimal = Decimal(75)) -> str:
    """Over-spending: more than the budget; under-spending: less than `under_threshold` % of it."""
    if not budget:
        return OVER if spent > 0 else NO_BUDGET
    if spent > budget:
        return OVER
    if spent * HUNDRED < budget * Decimal(under_threshold):
        return UNDER
    return ON_TRACK


def budget_monitoring(budget: Mapping[tuple[str, str], Decimal], spent: Mapping[tuple[str, str], Decimal], *,
                      under_threshold: Decimal = Decimal(75)) -> list[BudgetLine]:
    """One line per (partner, category) that has a budget or spending, sorted by key."""
    keys = sorted(set(budget) | set(spent))
    return [BudgetLine(key, cents(budget.get(key, ZERO)), cents(spent.get(key, ZERO)),
                       budget_flag(budget.get(key, ZERO), spent.get(key, ZERO), under_threshold=under_threshold))
            for key in keys]
