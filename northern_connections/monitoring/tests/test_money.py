"""The money arithmetic (plain Python): conversion and rounding, control overview, flat rates, aggregation."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from northern_connections.monitoring import money

CATEGORIES = ["staff", "office", "travel", "external", "equipment", "infrastructure"]
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999.99"), places=2)
rates = st.decimals(min_value=Decimal("0.000001"), max_value=Decimal("99999.999999"), places=6)
percents = st.decimals(min_value=Decimal(0), max_value=Decimal(100), places=2)


@st.composite
def controlled_item(draw, categories=("staff", "travel", "external", "equipment", "infrastructure")):
    declared = draw(amounts)
    outcome = draw(st.sampled_from(["eligible", "deducted", "parked", "open"]))
    deducted = draw(st.decimals(min_value=Decimal(0), max_value=declared, places=2)) if outcome == "deducted" else 0
    figures = money.item_figures(declared=declared, deducted=deducted, parked=outcome == "parked",
                                 in_sample=draw(st.booleans()), controlled=outcome != "open")
    return draw(st.sampled_from(categories)), figures


def test_conversion_divides_by_the_rate_and_rounds_half_up_once():
    assert money.to_eur(Decimal("1151.23"), Decimal("11.5123")) == Decimal("100.00")
    assert money.to_eur(Decimal("0.125"), Decimal(1)) == Decimal("0.13")  # half up, not banker's rounding
    assert money.to_eur(Decimal("10"), Decimal("3")) == Decimal("3.33")


def test_floats_are_refused():
    for call in (lambda: money.to_eur(0.1, Decimal(1)), lambda: money.to_eur(Decimal(1), 1.0),
                 lambda: money.cents(0.1), lambda: money.item_figures(declared=0.1)):
        with pytest.raises(money.MoneyError):
            call()


@pytest.mark.parametrize("rate", [Decimal(0), Decimal(-1), Decimal("NaN")])
def test_a_rate_is_positive(rate):
    with pytest.raises(money.MoneyError):
        money.to_eur(Decimal(1), rate)


@given(amounts, rates)
def test_conversion_is_within_half_a_cent_of_the_exact_quotient(amount, rate):
    eur = money.to_eur(amount, rate)
    assert eur == eur.quantize(money.CENT)
    assert abs(eur - amount / rate) <= Decimal("0.005")


@given(amounts, st.data())
def test_an_item_always_balances(declared, data):
    deducted = data.draw(st.decimals(min_value=Decimal(0), max_value=declared, places=2))
    parked = data.draw(st.booleans())
    f = money.item_figures(declared=declared, deducted=0 if parked else deducted, parked=parked)
    assert f.balanced and f.eligible <= f.declared and min(f.eligible, f.deducted, f.parked) >= 0


def test_an_item_refuses_impossible_outcomes():
    with pytest.raises(money.MoneyError):
        money.item_figures(declared=Decimal(10), deducted=Decimal("10.01"))
    with pytest.raises(money.MoneyError):
        money.item_figures(declared=Decimal(10), deducted=Decimal(1), parked=True)
    with pytest.raises(money.MoneyError):
        money.item_figures(declared=Decimal(10), deducted=Decimal(-1))




@given(st.lists(controlled_item(), max_size=30), percents)
def test_control_overview_balances_in_every_row_and_total(items, rate):
    rule = money.FlatRateRule("office", "staff", rate)
    overview = money.control_overview(items, categories=CATEGORIES, flat_rates=[rule])
    for row in overview.rows:
        assert row.figures.balanced, row
        assert row.figures.eligible <= row.figures.declared
        assert min(row.figures.eligible, row.figures.deducted, row.figures.parked) >= 0
    assert overview.total.balanced
    assert overview.total == money.sum_figures(row.figures for row in overview.rows)
    assert overview.real_costs == money.sum_figures(f for _, f in items)
    office = next(row for row in overview.rows if row.category == "office")
    staff = next(row for row in overview.rows if row.category == "staff")
    assert office.flat_rate and office.figures.declared == money.percent_of(staff.figures.declared, rate)
    assert office.figures.in_sample == 0


def test_flat_rate_example():
    staff = money.Figures(Decimal("1000.00"), Decimal("900.00"), Decimal("100.00"), Decimal("0.00"))
    office = money.flat_rate(staff, Decimal(15))
    assert office == money.Figures(Decimal("150.00"), Decimal("135.00"), Decimal("15.00"), Decimal("0.00"))


def test_rounding_remainder_of_a_flat_rate_goes_to_the_deduction_or_parking():
    # 15 % of 0.03 declared = 0.0045 -> 0.00; of 0.02 eligible -> 0.00; of 0.01 parked -> 0.00
    staff = money.Figures(Decimal("0.07"), Decimal("0.03"), Decimal("0.00"), Decimal("0.04"))
    office = money.flat_rate(staff, Decimal(50))  # 0.035 -> 0.04; 0.015 -> 0.02; 0.02 -> 0.02 (too much)
    assert office.balanced and office.declared == Decimal("0.04") and office.deducted >= 0


def test_items_in_a_flat_rate_category_are_refused():
    with pytest.raises(money.MoneyError):
        money.control_overview([("office", money.item_figures(declared=Decimal(5)))], categories=CATEGORIES,
                               flat_rates=[money.FlatRateRule("office", "staff", Decimal(15))])


def test_sample_share_excludes_flat_rates():
    items = [("staff", money.item_figures(declared=Decimal(100), in_sample=True)),
             ("travel", money.item_figures(declared=Decimal(300)))]
    overview = money.control_overview(items, categories=CATEGORIES,
                                      flat_rates=[money.FlatRateRule("office", "staff", Decimal(15))])
    assert overview.total.declared == Decimal("415.00")
    assert overview.sample_share == Decimal("25.00")


@given(st.dictionaries(st.sampled_from(["PP1", "PP2", "PP3"]),
                       st.lists(st.lists(controlled_item(), max_size=8), max_size=3), max_size=3), percents)
def test_joint_totals_equal_the_sum_of_their_certified_parts(partners, rate):
    rule = money.FlatRateRule("office", "staff", rate)
    overviews = {p: [money.control_overview(items, categories=CATEGORIES, flat_rates=[rule]) for items in reports]
                 for p, reports in partners.items()}
    result = money.aggregate(overviews)
    every_report = [o for reports in overviews.values() for o in reports]
    assert result.total == money.sum_figures(o.total for o in every_report)
    assert result.total == money.sum_figures(result.by_category.values())
    assert result.total == money.sum_figures(result.cells.values())
    assert result.total.balanced
    for partner, reports in overviews.items():
        assert result.by_partner.get(partner, money.Figures()) == money.sum_figures(o.total for o in reports)


def test_budget_flags():
    lines = money.budget_monitoring({("PP1", "staff"): Decimal(100), ("PP1", "travel"): Decimal(100),
                                     ("PP2", "staff"): Decimal(100)},
                                    {("PP1", "staff"): Decimal("100.01"), ("PP1", "travel"): Decimal(50),
                                     ("PP2", "staff"): Decimal(80), ("PP2", "equipment"): Decimal(1)})
    assert [line.flag for line in lines] == [money.OVER, money.UNDER, money.OVER, money.ON_TRACK]
    assert lines[2].key == ("PP2", "equipment")  # spending without a budget is over-spending
    assert money.budget_flag(Decimal(0), Decimal(0)) == money.NO_BUDGET
