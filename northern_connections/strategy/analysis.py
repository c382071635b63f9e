"""The synergy analysis and the scorecard as pages, briefs and the API show them (names, charts, periods).

The arithmetic is plain Python (synergy.py, scorecard.py); this module feeds it from the selectors
and the activity sources and turns its codes into what people read, in the request's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core import charts, clock
from northern_connections.directory.models import S3Category, ValueChain

from . import activity, scorecard, selectors, synergy

DIMENSION_LABELS = {
    synergy.ECONOMIC: _lazy("Economic domains (NACE)"), synergy.SCIENTIFIC: _lazy("Scientific domains (NABS)"),
    synergy.POLICY: _lazy("Policy objectives"), synergy.CHAIN: _lazy("Value chains"),
}
INDICATOR_LABELS = {
    scorecard.CHALLENGES: _lazy("Challenges published"),
    scorecard.APPLICATIONS: _lazy("Applications to them"),
    scorecard.FOREIGN_APPLICATIONS: _lazy("Applications from other countries"),
    scorecard.FOREIGN_SHARE: _lazy("Share of applications from abroad"),
    scorecard.MATCHES: _lazy("Cross-border matches (accepted meeting requests)"),
    scorecard.MEETINGS: _lazy("Cross-border B2B meetings"),
    scorecard.OPEN_MEASURES: _lazy("Support measures open to foreign SMEs"),
    scorecard.DEMONSTRATIONS: _lazy("Demonstrations by foreign SMEs in its Living Labs"),
}
SCORECARD_YEARS = 3


def domain_names() -> dict[str, str]:
    """Domain key → readable name ("economic:D" → "D Electricity, gas...")."""
    names = {synergy.domain(d, code): f"{code} {name}" for d, code, name in
             S3Category.objects.values_list("dimension", "code", "name")}
    names.update({synergy.domain(synergy.CHAIN, c.slug): str(c) for c in ValueChain.objects.all()})
    return names


@dataclass
class Synergies:
    """Everything the synergy pages show: the profiles, the matrix, the links and the untapped pairs."""

    strategies: list
    profiles: list[synergy.Profile]
    names: dict[str, str]  # region code -> name
    matrix: list[list[float | None]]
    links: synergy.Links
    untapped: list[synergy.Comparison]
    threshold: float

    def label(self, code: str) -> str:
        return self.names.get(code, code)


def synergies(*, threshold: float = synergy.UNTAPPED_THRESHOLD, year: int | None = None) -> Synergies:
    strategies = selectors.current_strategies(year=year)
    profiles = [s.as_profile() for s in strategies]
    regions = [p.region for p in profiles]
    links = synergy.joint_activity(activity.activity_groups(), activity.organisation_regions(regions))
    return Synergies(strategies, profiles, {s.region.code: s.region.name for s in strategies},
                     synergy.similarity_matrix(profiles), links, synergy.untapped_pairs(profiles, links, threshold),
                     threshold)


def matrix_chart(result: Synergies) -> charts.Chart:
    labels = [result.label(p.region) for p in result.profiles]
    values = [[None if v is None else round(v, 2) for v in row] for row in result.matrix]
    return charts.heatmap_chart(
        title=_("Similarity of the regions' strategy priorities"), rows=labels, columns=labels, values=values,
        row_label=_("Region"), column_label=_("Region"),
        description=_("Weighted Jaccard index of the priority profiles, 0 (nothing shared) to 1 (the same "
                      "emphasis on the same domains)."))


def network_chart(result: Synergies, minimum: float) -> charts.Chart:
    labels = [result.label(p.region) for p in result.profiles]
    edges = [(labels[i], labels[j], round(result.matrix[i][j], 2)) for i in range(len(labels))
             for j in range(i + 1, len(labels)) if (result.matrix[i][j] or 0) >= minimum]
    return charts.network_chart(
        title=_("Regions linked by similar priorities (similarity ≥ %(min)s)") % {"min": minimum},
        nodes=labels, edges=edges, source_label=_("Region"), target_label=_("Region"),
        weight_label=_("Similarity"))


def described(comparison: synergy.Comparison, names: dict[str, str]) -> dict:
    """A pair as a page shows it: readable shared and complementary domains."""
    def readable(keys):
        return [names.get(k, k) for k in keys]

    return {"a": comparison.a, "b": comparison.b, "similarity": comparison.similarity,
            "shared": readable(comparison.shared), "a_complements": readable(comparison.a_complements),
            "b_complements": readable(comparison.b_complements)}


def pair_text(comparison: synergy.Comparison, result: Synergies, names: dict[str, str]) -> str:
    """One paragraph about a pair (agenda items and briefs)."""
    item = described(comparison, names)
    text = _("%(a)s and %(b)s: similarity %(s).2f; shared domains: %(shared)s.") % {
        "a": result.label(comparison.a), "b": result.label(comparison.b), "s": comparison.similarity,
        "shared": ", ".join(item["shared"]) or "—"}
    if item["a_complements"] or item["b_complements"]:
        text += " " + _("Complementary: %(a)s brings %(ac)s; %(b)s brings %(bc)s.") % {
            "a": result.label(comparison.a), "b": result.label(comparison.b),
            "ac": ", ".join(item["a_complements"]) or "—", "bc": ", ".join(item["b_complements"]) or "—"}
    return text


# --------------------------------------------------------------------------- scorecard


def scorecard_periods(facts=(), years: int = SCORECARD_YEARS) -> list[str]:
    """The last `years` calendar years, up to this year or to next year's facts (events already planned)."""
    this = clock.now().year
    last = max([this, *(int(f.period) for f in facts if int(f.period) <= this + 1)])
    return [str(year) for year in range(last - years + 1, last + 1)]


def _year(moment) -> str:
    return str(moment.year) if moment is not None else str(clock.now().year)


def scorecards(*, regions: list[str] | None = None) -> dict[str, scorecard.Scorecard]:
    regions = regions if regions is not None else selectors.strategy_regions()
    facts = activity.facts(regions, _year)
    return scorecard.scorecards(facts, regions=regions, periods=scorecard_periods(facts),
                                missing=activity.missing_indicators())


def scorecard_rows(card: scorecard.Scorecard) -> list[dict]:
    return [{"label": INDICATOR_LABELS[row.indicator], "indicator": row.indicator, "values": row.values,
             "change": row.change, "trend": row.trend, "is_share": row.indicator == scorecard.FOREIGN_SHARE}
            for row in card.rows]


def index_chart(cards: dict[str, scorecard.Scorecard], names: dict[str, str]) -> charts.Chart:
    periods = next(iter(cards.values())).periods if cards else tuple(scorecard_periods())
    series = [charts.Series(period, [None if c.index[i] is None else round(c.index[i]) for c in cards.values()])
              for i, period in enumerate(periods)]
    return charts.bar_chart(title=_("Internationalisation index by region and year"),
                            labels=[names.get(code, code) for code in cards], series=series,
                            category_label=_("Region"), value_label=_("Index (best region = 100)"))
