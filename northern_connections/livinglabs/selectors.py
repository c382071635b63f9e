"""Reads of Living Labs, restricted to the actor, and the round → algorithm bridge (`round_problem`)."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Count, Prefetch, Q, QuerySet

from northern_connections.core.audit import may_see_history
from northern_connections.core.permissions import CHANGE, DELETE, VIEW, can
from northern_connections.directory.models import Organisation

from .choices import ACTIVE_CANDIDATE_STATUSES, COMPANY_KINDS, CandidateStatus
from .models import (
    Assessor,
    Candidate,
    CandidateComment,
    CandidateInterest,
    Criterion,
    Decision,
    Demonstration,
    LabCall,
    Score,
    SelectionRound,
    ShortlistRun,
)
from .permissions import ASSESS, EXPORT
from .shortlist import mcda
from .shortlist.run import Problem
from .shortlist.selection import Pool, Rules


def candidate_list(*, actor) -> QuerySet[Candidate]:
    return (Candidate.objects.restrict(actor, VIEW).select_related("region", "proposed_by")
            .prefetch_related("value_chains"))


def lab_list(*, actor) -> QuerySet[Candidate]:
    """Selected Living Labs, with their demonstrations counted."""
    return candidate_list(actor=actor).filter(status=CandidateStatus.SELECTED).annotate(
        demonstration_count=Count("demonstrations"))


def candidate_get(*, actor, slug: str) -> Candidate | None:
    return candidate_list(actor=actor).prefetch_related("hosts").filter(slug=slug).first()


def candidate_page(*, actor, candidate: Candidate) -> dict:
    """What the candidate's (or lab's) page shows the actor."""
    interests = CandidateInterest.objects.restrict(actor, VIEW).filter(candidate=candidate).select_related(
        "organisation")
    comments = CandidateComment.objects.restrict(actor, VIEW).filter(candidate=candidate).select_related(
        "author", "organisation")
    decisions = Decision.objects.restrict(actor, VIEW).filter(candidate=candidate).select_related("round")
    demonstrations = Demonstration.objects.restrict(actor, VIEW).filter(lab=candidate).select_related("lead")
    companies = Organisation.objects.filter(memberships__user=actor, kind__in=COMPANY_KINDS) \
        if actor.is_authenticated else Organisation.objects.none()
    return {
        "interests": list(interests), "comments": list(comments), "decisions": list(decisions),
        "demonstrations": list(demonstrations),
        "calls": list(LabCall.objects.restrict(actor, VIEW).filter(lab=candidate)),
        "may_change": can(actor, CHANGE, candidate), "may_delete": can(actor, DELETE, candidate),
        "may_see_history": may_see_history(actor, candidate), "companies": list(companies.distinct()),
        "hosts": list(candidate.hosts.all()),
    }


def round_list(*, actor) -> QuerySet[SelectionRound]:
    return SelectionRound.objects.restrict(actor, VIEW).select_related("coordinator").annotate(
        candidate_count=Count("candidates", distinct=True))


def round_get(*, actor, slug: str) -> SelectionRound | None:
    return round_list(actor=actor).filter(slug=slug).first()


def short_regions(round: SelectionRound) -> list[tuple[str, int]]:
    """Regions of the round's candidates that have fewer than the round's k."""
    counts = round.candidates.filter(status__in=ACTIVE_CANDIDATE_STATUSES).values("region__code").annotate(
        n=Count("pk")).order_by("region__code")
    return [(row["region__code"], row["n"]) for row in counts if row["n"] < round.per_region]


@dataclass
class RoundData:
    """A round's inputs as the algorithms see them, plus what pages need to name things."""

    criteria: list[Criterion]
    candidates: list[Candidate]
    means: np.ndarray  # candidates × criteria; NaN where nobody scored
    spread: np.ndarray  # the assessors' disagreement (population standard deviation)
    assessors: np.ndarray  # how many assessors scored each cell
    missing: list[tuple[Candidate, Criterion]] = field(default_factory=list)
    fingerprint: str = ""

    def problem(self) -> Problem:
        pool = Pool.of(
            [c.region.code for c in self.candidates],
            hosts=[[f"org-{h.pk}" for h in c.hosts.all()] for c in self.candidates],  # none: no host rule
            value_chains=[[v.slug for v in c.value_chains.all()] for c in self.candidates],
            countries=[c.region.country for c in self.candidates])
        return Problem(criteria=tuple(c.code for c in self.criteria), weights=tuple(c.weight for c in self.criteria),
                       benefit=tuple(c.is_benefit for c in self.criteria),
                       candidates=tuple(str(c.pk) for c in self.candidates), pool=pool, x=self.means)

    def names(self) -> dict[str, str]:
        """Ids the algorithms use → the names people read (criteria, candidates, hosts)."""
        names = {c.code: c.name for c in self.criteria}
        names |= {str(c.pk): c.name for c in self.candidates}
        for candidate in self.candidates:
            names |= {f"org-{h.pk}": str(h) for h in candidate.hosts.all()}
        return names


def rules_of(round: SelectionRound) -> Rules:
    return Rules(per_region=round.per_region, max_per_host=round.max_per_host,
                 min_value_chains_per_country=round.min_value_chains_per_country)


def round_data(round: SelectionRound) -> RoundData:
    """Aggregate every assessor's scores per candidate and criterion (mean and disagreement)."""
    criteria = list(round.criteria.order_by("order", "pk"))
    candidates = list(round.candidates.filter(status__in=ACTIVE_CANDIDATE_STATUSES)
                      .select_related("region", "proposed_by").prefetch_related("hosts", "value_chains")
                      .order_by("region__code", "name", "pk"))
    cells: dict[tuple[int, int], list[float]] = defaultdict(list)
    rows = Score.objects.filter(criterion__round=round, candidate__in=[c.pk for c in candidates]).values_list(
        "candidate_id", "criterion_id", "assessor_id", "value").order_by("candidate_id", "criterion_id", "assessor_id")
    raw = []
    for candidate_id, criterion_id, assessor_id, value in rows:
        cells[(candidate_id, criterion_id)].append(float(value))
        raw.append((candidate_id, criterion_id, assessor_id, str(value)))
    shape = (len(candidates), len(criteria))
    means, spread, counts = np.full(shape, np.nan), np.zeros(shape), np.zeros(shape, dtype=int)
    missing = []
    for i, candidate in enumerate(candidates):
        for j, criterion in enumerate(criteria):
            agg = mcda.aggregate(cells.get((candidate.pk, criterion.pk), []))
            if agg is None:
                missing.append((candidate, criterion))
            else:
                means[i, j], spread[i, j], counts[i, j] = agg.mean, agg.spread, agg.assessors
    inputs = {"rules": [round.per_region, round.max_per_host, round.min_value_chains_per_country, round.method,
                        round.perturbation, round.samples, round.seed],
              "criteria": [[c.pk, c.code, c.weight, c.direction] for c in criteria],
              "candidates": [c.pk for c in candidates], "scores": raw}
    fingerprint = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
    return RoundData(criteria, candidates, means, spread, counts, missing, fingerprint)


def current_run(round: SelectionRound) -> ShortlistRun | None:
    """The latest shortlist run, if the inputs have not changed since."""
    run = ShortlistRun.objects.filter(round=round).first()
    return run if run is not None and run.fingerprint == round_data(round).fingerprint else None


def round_page(*, actor, round: SelectionRound) -> dict:
    from .workflow import ROUND_WORKFLOW

    may_change = can(actor, CHANGE, round)
    return {
        "criteria": list(round.criteria.order_by("order", "pk")),
        "assessors": list(Assessor.objects.filter(round=round).select_related("user")),
        "regions": list(round.candidates.values("region__code", "region__name").annotate(n=Count("pk"))
                        .order_by("region__code")),
        "decisions": list(Decision.objects.filter(round=round, selected=True).select_related("candidate__region")
                          .order_by("candidate__region__code", "region_rank")),
        "transitions": ROUND_WORKFLOW.available(round, actor),
        "may_change": may_change, "may_assess": can(actor, ASSESS, round), "may_export": can(actor, EXPORT, round),
        "may_see_history": may_see_history(actor, round),
        "latest_run": ShortlistRun.objects.restrict(actor, VIEW).filter(round=round).first(),
    }


def assessment_sheet(*, actor, round: SelectionRound) -> tuple[Assessor | None, list[Criterion], list[dict]]:
    """The actor's assessor row, the criteria, and per candidate the actor's scores so far."""
    assessor = Assessor.objects.filter(round=round, user=actor).first() if actor.is_authenticated else None
    criteria = list(round.criteria.order_by("order", "pk"))
    mine = {}
    if assessor is not None:
        mine = {(s.candidate_id, s.criterion_id): s for s in Score.objects.filter(assessor=assessor)}
    rows = []
    for candidate in round.candidates.select_related("region").order_by("region__code", "name"):
        scores = [mine.get((candidate.pk, c.pk)) for c in criteria]
        rows.append({"candidate": candidate, "scores": scores, "done": all(s is not None for s in scores)})
    return assessor, criteria, rows


def demonstration_list(*, actor) -> QuerySet[Demonstration]:
    return Demonstration.objects.restrict(actor, VIEW).select_related("lab", "lead", "challenge")


def demonstration_get(*, actor, slug: str) -> Demonstration | None:
    return demonstration_list(actor=actor).prefetch_related(
        Prefetch("partners", queryset=Organisation.objects.order_by("name"))).filter(slug=slug).first()


def interest_companies(*, actor) -> QuerySet[Organisation]:
    """Companies the actor may register interest for."""
    from northern_connections.accounts.selectors import editor_organisation_ids

    return Organisation.objects.filter(Q(pk__in=editor_organisation_ids(actor)), kind__in=COMPANY_KINDS)
