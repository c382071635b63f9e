"""A policy brief for a board meeting, written from the analysis: synergies, support gaps, scorecard.

`draft(meeting)` returns the brief's fields as text in the active language; whoever runs the board
edits them before issuing. `pdf(brief)` renders the issued (or draft) brief with WeasyPrint.
"""

from __future__ import annotations

from collections import Counter

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from northern_connections.directory.models import ValueChain

from . import analysis, scorecard, synergy
from .models import Barrier, BoardMeeting, PolicyBrief

TOP = 3
GAP_REGIONS = 6
CHAINS_PER_REGION = 2


def concerned_regions(meeting: BoardMeeting, result: analysis.Synergies) -> list[str]:
    """The regions the meeting is about: those of the pairs on its agenda, then its members' regions."""
    known = [p.region for p in result.profiles]
    found: list[str] = []
    for item in meeting.agenda.select_related("region_a", "region_b"):
        for region in (item.region_a, item.region_b):
            if region is not None and (code := synergy.region_of(region.code, known)) and code not in found:
                found.append(code)
    for code in meeting.board.members.values_list("organisation__nuts_region__code", flat=True):
        if (region := synergy.region_of(code, known)) and region not in found:
            found.append(region)
    return found or known


def _synergy_text(meeting: BoardMeeting, result: analysis.Synergies, names: dict[str, str]) -> str:
    lines = []
    by_pair = {(c.a, c.b): c for c in result.untapped}
    profiles = {p.region: p for p in result.profiles}
    for item in meeting.agenda.select_related("region_a", "region_b"):
        if item.region_a and item.region_b and item.region_a.code in profiles and item.region_b.code in profiles:
            pair = by_pair.get((item.region_a.code, item.region_b.code)) or synergy.compare(
                profiles[item.region_a.code], profiles[item.region_b.code])
            lines.append("• " + _("On the agenda: ") + analysis.pair_text(pair, result, names))
    for pair in result.untapped[:TOP]:
        lines.append("• " + _("Untapped: ") + analysis.pair_text(pair, result, names))
    if not lines:
        lines.append(_("No pair of regions reaches the similarity threshold of %(t).2f without joint activity.")
                     % {"t": result.threshold})
    return "\n".join(lines)


def _gap_text(regions: list[str], result: analysis.Synergies) -> str:
    from northern_connections.support.selectors import coverage_index

    index = coverage_index()
    chains = {c.slug: str(c) for c in ValueChain.objects.all()}
    profiles = {p.region: p for p in result.profiles}
    lines = []
    for region in regions[:GAP_REGIONS]:
        held = Counter(key.split(":", 1)[1] for p in profiles[region].priorities for key in p.domains
                       if synergy.dimension_of(key) == synergy.CHAIN)
        for chain, _count in held.most_common(CHAINS_PER_REGION):
            found = index.analyse(scope=region, value_chain=chain, complements=False)
            lines.append("• " + _("%(region)s, %(chain)s: %(gaps)s of %(cells)s cells (step × TRL 5–9) without a "
                                  "support measure; bottlenecks (uncovered TRLs between covered ones): "
                                  "%(bottlenecks)s.") % {
                "region": result.label(region), "chain": chains.get(chain, chain), "gaps": len(found.gaps),
                "cells": len(found.cells), "bottlenecks": len(found.bottlenecks)})
    return "\n".join(lines) or _("No value chains are named in the priorities of the regions concerned.")


def _scorecard_text(regions: list[str], result: analysis.Synergies) -> str:
    cards = analysis.scorecards(regions=[p.region for p in result.profiles])
    lines = []
    for region in regions:
        card = cards[region]
        last = card.index[-1]
        previous = card.index[-2] if len(card.index) > 1 else None
        change = "" if last is None or previous is None else f" ({last - previous:+.0f})"
        meetings = card.value(scorecard.MEETINGS, card.periods[-1])
        foreign = card.value(scorecard.FOREIGN_APPLICATIONS, card.periods[-1])
        lines.append("• " + _("%(region)s: index %(index)s%(change)s in %(year)s; %(foreign)s applications from "
                              "abroad, %(meetings)s cross-border meetings.") % {
            "region": result.label(region), "index": "—" if last is None else f"{last:.0f}", "change": change,
            "year": card.periods[-1], "foreign": _count(foreign), "meetings": _count(meetings)})
    return "\n".join(lines)


def _count(value) -> str:
    return "—" if value is None else f"{value:.0f}"


def _recommendations(meeting: BoardMeeting, regions: list[str], result: analysis.Synergies) -> str:
    lines = [_("Invite %(a)s and %(b)s to a joint brokerage session on their shared domains.") % {
        "a": item.region_a.name, "b": item.region_b.name}
        for item in meeting.agenda.select_related("region_a", "region_b") if item.region_a and item.region_b]
    barriers = Counter(Barrier.objects.filter(strategy__region__code__in=regions).values_list("kind", flat=True))
    labels = dict(Barrier._meta.get_field("kind").choices)
    for kind, count in barriers.most_common(TOP):
        lines.append(_("Address the most frequent barrier to internationalisation: %(kind)s (found in the analysis "
                       "of %(n)s regions).") % {"kind": labels.get(kind, kind), "n": count})
    return "\n".join(lines)


def draft(meeting: BoardMeeting) -> dict[str, str]:
    """The fields of a new brief for `meeting`."""
    result = analysis.synergies()
    names = analysis.domain_names()
    regions = concerned_regions(meeting, result)
    return {
        "title": _("Policy brief for %(meeting)s") % {"meeting": meeting.title},
        "summary": _("Prepared for %(board)s, %(date)s. Regions concerned: %(regions)s. %(n)s pairs of regions "
                     "have similar priorities but no joint activity on the platform yet.") % {
            "board": meeting.board.name, "date": date_format(meeting.starts_at, "DATE_FORMAT"),
            "regions": ", ".join(result.label(r) for r in regions) or "—", "n": len(result.untapped)},
        "synergies": _synergy_text(meeting, result, names),
        "gaps": _gap_text(regions, result) if result.profiles else "",
        "scorecard": _scorecard_text(regions, result) if result.profiles else "",
        "recommendations": _recommendations(meeting, regions, result),
    }


def pdf(brief: PolicyBrief) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string("strategy/brief_pdf.html", {"brief": brief})).write_pdf()
