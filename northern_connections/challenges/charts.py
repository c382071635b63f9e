"""The board's charts, built from selector results with `core.charts` (presentation only, no queries)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from northern_connections.core import charts
from northern_connections.directory.countries import country_name

NO_COUNTRY = "—"  # the reach selector's key for visitors without an organisation


def _country_label(code: str) -> str:
    return _("no organisation") if code == NO_COUNTRY else f"{country_name(code)} ({code})"


def reach_charts(rows: list[dict]) -> list[charts.Chart]:
    """Views, and applications with consortium partners, by country: two charts, as their scales differ."""
    labels = [_country_label(row["country"]) for row in rows]
    country = _("Country")
    views = charts.bar_chart(
        title=_("Page views by country"), labels=labels, category_label=country, value_label=_("Views"),
        series=[charts.Series(_("Views"), [row["views"] for row in rows])], chart_id="reach-views")
    applying = [(label, row) for label, row in zip(labels, rows, strict=True) if row["country"] != NO_COUNTRY]
    applications = charts.bar_chart(
        title=_("Applications and consortium partners by country"), labels=[label for label, _row in applying],
        category_label=country, value_label=_("Organisations"), chart_id="reach-applications",
        series=[charts.Series(_("Applications (lead)"), [row["applications"] for _label, row in applying]),
                charts.Series(_("Consortium partners"), [row["partners"] for _label, row in applying])])
    if not any(row["applications"] or row["partners"] for row in rows):
        return [views]  # nobody has applied yet: the cards say so, a chart of zeros would not help
    return [views, applications]
