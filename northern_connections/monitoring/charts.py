"""Charts of project monitoring (core.charts: grey SVG with its table twin), built from selector results."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from northern_connections.core import charts


def budget_chart(figures) -> charts.Chart:
    """Budget up to the period and certified spending, per partner (all cost categories)."""
    budget, spent = defaultdict(lambda: 0), defaultdict(lambda: 0)
    for line in figures.budget:
        budget[line.key[0]] += line.budget
        spent[line.key[0]] += line.spent
    partners = [p for p in figures.partners if p.pk in budget or p.pk in spent]
    return charts.bar_chart(
        title=_("Budget and certified spending (EUR)"),
        labels=[f"PP{p.number}" for p in partners],
        series=[charts.Series(_("Budget"), [float(budget[p.pk]) for p in partners]),
                charts.Series(_("Certified"), [float(spent[p.pk]) for p in partners])],
        category_label=_("Partner"), value_label="EUR")
