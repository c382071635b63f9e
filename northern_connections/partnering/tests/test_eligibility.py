"""The live checklist of a call's eligibility rules (plain Python)."""

from northern_connections.partnering.eligibility import Member, Rules, checklist


def member(name, country, category, budget=100, joined=True):
    return Member(name, country, category, budget, joined)


def test_every_rule_the_call_sets_is_one_line():
    rules = Rules(min_partners=3, min_countries=3, eligible_countries=("DK", "SE", "DE"),
                  required_categories=("transition", "less_developed"), budget_max=250)
    members = [member("A", "DK", "more_developed"), member("B", "DK", "transition", joined=False),
               member("C", "NO", None)]
    checks = {c.key: c for c in checklist(rules, members)}
    assert checks["min_partners"].met and not checks["min_countries"].met
    assert checks["min_countries"].values == {"needed": 3, "have": 2}
    assert not checks["countries"].met and checks["countries"].values == {"outside": "C"}
    assert checks["category:transition"].met and not checks["category:less_developed"].met
    assert not checks["budget_max"].met and checks["budget_max"].values == {"limit": 250, "total": 300}
    assert not checks["answers"].met and checks["answers"].values == {"waiting": 1}
    assert "budget_min" not in checks


def test_a_call_without_rules_only_asks_for_answers():
    assert [c.key for c in checklist(Rules(), [member("A", "DK", None)])] == ["answers"]
