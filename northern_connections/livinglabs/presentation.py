"""A shortlist run (or a decided round's frozen record) as rows and charts for pages and documents.

Runs are stored as JSON (see ``services.run_document``); the reasons are stored as codes and facts
and put into words here, in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core import charts

from .shortlist import explain
from .shortlist.sensitivity import robustness

ROBUSTNESS_LABELS = {"robust-in": _lazy("robust choice"), "robust-out": _lazy("robustly not chosen"),
                     "hinges": _lazy("hinges on the weights")}
CHART_BARS = 30


@dataclass
class Row:
    id: str
    name: str
    region: str
    score: float
    rank: int
    region_rank: int
    selected: bool
    frequency: float | None
    robustness: str
    hinge: str
    hinge_sign: int
    explanation: str
    means: list
    spread: list

    @property
    def cells(self) -> list[tuple[float, float]]:
        """(mean, disagreement) per criterion."""
        return list(zip(self.means, self.spread, strict=False))


def _reason(row: dict) -> explain.Reason:
    stored = row["reason"]
    return explain.Reason(stored["code"], stored["facts"], stored["rule"], stored["rule_facts"],
                          row["selection_frequency"], row["hinges_on"], stored["hinge_sign"])


def rows(document: dict, names: dict[str, str]) -> list[Row]:
    """Every candidate of a run, by region then rank in the region, with its explanation in words."""
    sensitivity = document.get("sensitivity") or {}
    criteria = {c["id"]: c["name"] for c in document.get("criteria", [])}
    lookup = {**names, **criteria}
    out = []
    for row in document["candidates"]:
        frequency = row["selection_frequency"]
        out.append(Row(
            id=row["id"], name=names.get(row["id"], row["id"]), region=row["region"], score=row["score"],
            rank=row["rank"], region_rank=row["region_rank"], selected=row["selected"], frequency=frequency,
            robustness=str(ROBUSTNESS_LABELS[robustness(frequency)]) if frequency is not None else "",
            hinge=criteria.get(row["hinges_on"], "") if row["hinges_on"] else "",
            hinge_sign=row["reason"].get("hinge_sign", 0),
            explanation=explain.render(_reason(row), translate=_, names=lookup,
                                       samples=sensitivity.get("samples"), perturb=sensitivity.get("perturb")),
            means=row.get("means", []), spread=row.get("spread", [])))
    return sorted(out, key=lambda r: (r.region, r.region_rank))


SOLVER_TEXTS = {
    "top-k": _lazy("No rule ties the regions together here, so the best candidates of each region are selected."),
    "cp-sat": _lazy("A rule ties the regions together, so the selection was optimised exactly over all regions "
                    "(OR-Tools CP-SAT)."),
}


def solver_text(document: dict) -> str:
    return str(SOLVER_TEXTS.get(document.get("solver"), ""))


def frequency_chart(table: list[Row]) -> charts.Chart | None:
    """Bars of the selection frequency of the contested candidates (neither robustly in nor out)."""
    contested = sorted((r for r in table if r.frequency is not None and 0.1 < r.frequency < 0.9),
                       key=lambda r: (-r.frequency, r.name))[:CHART_BARS]
    if not contested:
        return None
    return charts.bar_chart(
        title=_("Selection frequency of the contested candidates under weight perturbation"),
        labels=[f"{r.region} · {r.name}" for r in contested],
        series=[charts.Series(_("Share of samples that select it (per cent)"),
                              [round(100 * r.frequency) for r in contested])],
        category_label=_("Candidate"), value_label=_("per cent of samples"), chart_id="ll-frequency")


def weights_chart(document: dict) -> charts.Chart:
    """The criteria's normalised weights (what the ranking rests on)."""
    criteria = document.get("criteria", [])
    return charts.bar_chart(
        title=_("Weights of the criteria"), labels=[c["name"] for c in criteria],
        series=[charts.Series(_("Weight in %"), [round(100 * w, 1) for w in document.get("weights", [])])],
        category_label=_("Criterion"), value_label="%", chart_id="ll-weights")


def selected_scores_chart(table: list[Row]) -> charts.Chart | None:
    chosen = [r for r in table if r.selected][:CHART_BARS * 2]
    if not chosen:
        return None
    return charts.bar_chart(
        title=_("Scores of the selected Living Labs"), labels=[f"{r.region} · {r.name}" for r in chosen],
        series=[charts.Series(_("Score (0–100)"), [round(100 * r.score, 1) for r in chosen])],
        category_label=_("Living Lab"), value_label=_("score"), chart_id="ll-selected")
