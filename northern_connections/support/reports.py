"""The coverage analysis as pages, spreadsheets and PDFs show it: names, translated reasons, measures.

The analysis itself is plain Python (coverage.py) and speaks in slugs, codes, ids and reason codes;
this module turns one result into what people read, in the request's language.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core import charts

from . import coverage, selectors
from .coverage import ALL, Analysis, Ranked

REASONS = {
    "covers_trl": _lazy("covers TRL %(trl)s"),
    "bridges": _lazy("also covers TRL %(trls)s"),
    "step_specific": _lazy("aimed at this value-chain step"),
    "chain_specific": _lazy("specific to this value chain"),
    "kind_suits": _lazy("its type suits TRL %(trl)s"),
    "verified": _lazy("verified on %(date)s"),
    "not_verified": _lazy("not verified in the last year"),
    "same_country": _lazy("in the same country"),
    "open_abroad": _lazy("open to SMEs from other countries"),
    "open_nationally": _lazy("open to SMEs from the whole country"),
    "at_home": _lazy("available in the region"),
}


def why(ranked: Ranked) -> str:
    """The reasons for a ranking, translated."""
    return "; ".join(str(REASONS[r.code]) % dict(r.params) for r in ranked.reasons)


@dataclass
class Row:
    """A ranked measure as a page shows it: the record (when visible), the reasons, and where it is."""

    measure: object
    why: str
    region: str
    region_name: str
    score: float


def rows(ranked_list, *, actor, names: dict[str, str] | None = None, found: dict | None = None) -> list[Row]:
    """Ranked measures as rows; `found` and `names` when the caller has read them for several lists at once."""
    if found is None:
        found = selectors.measures_by_id(actor=actor, ids=[r.measure.id for r in ranked_list])
    names = names if names is not None else selectors.region_names({r.measure.region for r in ranked_list})
    return [Row(found[r.measure.id], why(r), r.measure.region, names.get(r.measure.region, r.measure.region),
                r.score) for r in ranked_list if r.measure.id in found]


def step_names() -> dict[str, str]:
    return {step.slug: str(step) for step in selectors.value_chain_steps()}


def heatmap(analysis: Analysis, *, scope_label: str, chain_label: str) -> charts.Chart:
    names = step_names()
    # A short title: the chart draws it above a grid of five columns (the page's heading says the rest).
    return charts.heatmap_chart(
        title=_("%(chain)s in %(scope)s") % {"chain": chain_label, "scope": scope_label},
        rows=[names.get(s, s) for s in analysis.steps], columns=[f"TRL {t}" for t in analysis.trls],
        values=analysis.matrix(), row_label=_("Value-chain step"),
        description=_("Number of published measures covering each cell; 0 is a gap."))


def analysis_context(*, actor, scope: str, value_chain, index=None) -> dict:
    """Everything the coverage page, its PDF and its spreadsheet show for one scope and value chain."""
    index = index or selectors.coverage_index()
    analysis = index.analyse(scope=scope, value_chain=value_chain.slug)
    scope_label = selectors.scope_name(scope) or _("the whole area")
    names = step_names()
    complements = rows([c.ranked for c in analysis.complements], actor=actor)
    by_measure = {row.measure.pk: row for row in complements}
    gaps = []
    for gap in analysis.gaps:
        found = [by_measure[c.measure.id] for c in analysis.complements
                 if (c.step, c.trl) == (gap.step, gap.trl) and c.measure.id in by_measure]
        gaps.append({"step": gap.step, "step_name": names.get(gap.step, gap.step), "trl": gap.trl,
                     "complements": [_complement_row(found_row, gap, analysis) for found_row in found]})
    return {
        "analysis": analysis, "scope": scope, "scope_label": scope_label, "value_chain": value_chain,
        "chart": heatmap(analysis, scope_label=scope_label, chain_label=str(value_chain)),
        # The navigator asks for a NUTS 2 region: a gap there links to it with the cell filled in.
        "gaps": gaps, "is_whole_area": scope == ALL, "is_nuts2": len(scope) == 4,
        "thin": [{"step_name": names.get(c.step, c.step), "trl": c.trl, "measure": c.measures[0]}
                 for c in analysis.thin],
        "bottlenecks": [{"step_name": names.get(step, step), "trls": trls} for step, trls in analysis.bottlenecks],
        "counts": {"cells": len(analysis.cells), "gaps": len(analysis.gaps), "thin": len(analysis.thin),
                   "bottlenecks": len(analysis.bottlenecks), "complements": len(analysis.complements)},
    }


def _complement_row(row: Row, gap, analysis: Analysis) -> Row:
    # The same measure fills several gaps; each gap's reasons are its own (the TRL it covers differs).
    ranked = next(c.ranked for c in analysis.complements
                  if c.measure.id == row.measure.pk and (c.step, c.trl) == (gap.step, gap.trl))
    return Row(row.measure, why(ranked), row.region, row.region_name, ranked.score)


def analysis_pdf(context: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string("support/coverage_pdf.html", context)).write_pdf()


def analysis_xlsx(context: dict) -> bytes:
    """The matrix, the gaps with their complements and the bottlenecks, one sheet each."""
    from openpyxl import Workbook

    analysis: Analysis = context["analysis"]
    names = step_names()
    book = Workbook()
    matrix = book.active
    matrix.title = _("Matrix")[:31]
    matrix.append([_("Value-chain step")] + [f"TRL {t}" for t in analysis.trls])
    for step, counts in zip(analysis.steps, analysis.matrix(), strict=True):
        matrix.append([names.get(step, step), *counts])
    gaps = book.create_sheet(_("Gaps and complements")[:31])
    gaps.append([_("Value-chain step"), "TRL", _("Complementary measure"), _("Provider"), _("Region"), _("Why")])
    for gap in context["gaps"]:
        if not gap["complements"]:
            gaps.append([gap["step_name"], gap["trl"], "—"])
        for row in gap["complements"]:
            gaps.append([gap["step_name"], gap["trl"], row.measure.name, row.measure.provider.name, row.region,
                         row.why])
    bottlenecks = book.create_sheet(_("Bottlenecks")[:31])
    bottlenecks.append([_("Value-chain step"), _("Uncovered TRLs")])
    for item in context["bottlenecks"]:
        bottlenecks.append([item["step_name"], ", ".join(map(str, item["trls"]))])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def navigator_context(*, actor, value_chain, step, trl: int, region: str, kind: str) -> dict:
    """The measures that apply at home and abroad, ranked with reasons, and the pathway to TRL 9."""
    from .choices import KIND_TARGET_GROUP

    group = KIND_TARGET_GROUP.get(kind, coverage.SME)
    index = selectors.coverage_index()
    navigation = index.navigate(value_chain=value_chain.slug, step=step.slug, trl=trl, region=region, group=group)
    every = [*navigation.home, *navigation.abroad] + [r for level in navigation.pathway
                                                       for r in (*level.home, *level.abroad)]
    names = selectors.region_names({r.measure.region for r in every} | {region})
    found = selectors.measures_by_id(actor=actor, ids={r.measure.id for r in every})
    shown = partial(rows, actor=actor, names=names, found=found)
    return {
        "home": shown(navigation.home),
        "abroad": shown(navigation.abroad),
        "pathway": [{"trl": level.trl, "home": shown(level.home), "abroad": shown(level.abroad)}
                    for level in navigation.pathway],
        "region_name": names.get(region, region),
    }


def map_context(*, value_chain, trl: int, step=None) -> dict:
    """Per NUTS 2 region of the partnership, the measures available there that cover `trl` (and `step`)."""
    from northern_connections.directory.svgmap import render_paths

    geometry = selectors.map_regions()
    index = selectors.coverage_index()
    counts = index.region_counts(regions=[code for code, _name, _geometry in geometry], value_chain=value_chain.slug,
                                 trl=trl, step=step.slug if step else None)
    regions, height = render_paths(geometry, counts)
    return {"regions": regions, "height": height, "width": 800,
            "listed": sorted(regions, key=lambda r: (r.count, r.code)),
            "uncovered": sum(1 for r in regions if r.count == 0)}
