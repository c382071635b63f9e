"""Every write of Living Labs: candidates, interest and comments, rounds (criteria, assessors, scores,
shortlist runs, decision), lab calls and demonstrations."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core.permissions import CHANGE, DELETE, VIEW, can, locked_for, require_add
from northern_connections.core.search import index_object
from northern_connections.core.services import model_update
from northern_connections.core.slugs import reserved_segments, unique_slug
from northern_connections.core.workflow import transition_apply
from northern_connections.directory.models import Organisation

from . import selectors
from .choices import COMPANY_KINDS, OPEN_ROUND_STATUSES, PROPOSER_KINDS, SCORE_MAX, CandidateStatus
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
from .permissions import ASSESS
from .shortlist import contract
from .shortlist.run import Result, shortlist
from .shortlist.selection import Infeasible
from .workflow import ROUND_WORKFLOW

CANDIDATE_FIELDS = ("name", "description", "region", "site_type", "themes", "trl_min", "trl_max", "facilities",
                    "open_to_foreign_smes", "cost_model", "access_conditions", "capacity", "ready_from",
                    "contact_name", "contact_email", "photo", "latitude", "longitude")
CANDIDATE_M2M = ("hosts", "value_chains")
ROUND_FIELDS = ("name", "description", "per_region", "method", "max_per_host", "min_value_chains_per_country",
                "perturbation", "samples", "seed")
def _check_challenge(actor: User, fields: dict) -> None:
    challenge = fields.get("challenge")
    if challenge is not None and not can(actor, VIEW, challenge):
        raise ValidationError({"challenge": _("No such challenge.")})


DEMONSTRATION_FIELDS = ("title", "challenge", "plan", "start_date", "end_date", "trl_before", "trl_after",
                        "trl_evidence", "results", "lessons_learned", "status")


def _index_candidate(candidate: Candidate) -> None:
    index_object(candidate, candidate.search_text(), None)


# ---------------------------------------------------------------------------- candidates


def candidate_create(*, actor: User, proposed_by: Organisation, **fields) -> Candidate:
    """A new catalogue entry, proposed by a verified region, city or cluster the actor edits."""
    with transaction.atomic():
        require_add(actor, Candidate, organisation=proposed_by)
        if not proposed_by.has_verified_kind(PROPOSER_KINDS):
            raise ValidationError({"proposed_by": _(
                "Only verified regions, cities and clusters propose Living Labs; “%(name)s” is not verified as one."
            ) % {"name": proposed_by.name}})
        candidate = Candidate(proposed_by=proposed_by, region=fields.get("region"))
        candidate.slug = unique_slug(Candidate, fields.get("name", ""),
                                     reserved=reserved_segments("livinglabs:candidate_detail"), fallback="lab")
        model_update(instance=candidate, data=fields, fields=CANDIDATE_FIELDS, m2m=CANDIDATE_M2M,
                     index=_index_candidate)
    return candidate


def candidate_update(*, actor: User, candidate: Candidate, **fields) -> Candidate:
    """Edit a catalogue entry (the proposer's editors)."""
    with transaction.atomic():
        candidate = locked_for(actor, CHANGE, candidate)
        if candidate.status == CandidateStatus.WITHDRAWN:
            raise ValidationError(_("A withdrawn candidate is a record; it is not edited."))
        model_update(instance=candidate, data=fields, fields=CANDIDATE_FIELDS, m2m=CANDIDATE_M2M,
                     index=_index_candidate)
    return candidate


def candidate_withdraw(*, actor: User, candidate: Candidate) -> Candidate:
    """Take a proposed candidate out of the catalogue and of every open round."""
    with transaction.atomic():
        candidate = locked_for(actor, CHANGE, candidate)
        if candidate.status != CandidateStatus.PROPOSED:
            raise ValidationError(_("Only a proposed candidate can be withdrawn; a selected Living Lab stays."))
        for round in candidate.rounds.filter(status__in=OPEN_ROUND_STATUSES).select_for_update():
            round.candidates.remove(candidate)
        candidate.status = CandidateStatus.WITHDRAWN
        candidate.save(update_fields=["status", "updated"])
    return candidate


def candidate_delete(*, actor: User, candidate: Candidate) -> None:
    with transaction.atomic():
        locked_for(actor, DELETE, candidate).delete()


def interest_register(*, actor: User, candidate: Candidate, organisation: Organisation,
                      note: str = "") -> CandidateInterest:
    """A company the actor edits registers interest in co-developing the candidate (once; again = update)."""
    with transaction.atomic():
        require_add(actor, CandidateInterest, organisation=organisation)
        if organisation.kind not in COMPANY_KINDS:
            raise ValidationError({"organisation": _("Companies register interest in co-developing a Living Lab.")})
        if not candidate.is_active:
            raise ValidationError(_("This candidate has been withdrawn."))
        interest, _created = CandidateInterest.objects.update_or_create(
            candidate=candidate, organisation=organisation, defaults={"note": note.strip(), "registered_by": actor})
    return interest


def interest_withdraw(*, actor: User, interest: CandidateInterest) -> None:
    with transaction.atomic():
        locked_for(actor, DELETE, interest).delete()


def comment_add(*, actor: User, candidate: Candidate, text: str) -> CandidateComment:
    with transaction.atomic():
        require_add(actor, CandidateComment)
        if not text.strip():
            raise ValidationError({"text": _("Write a comment.")})
        organisation = Organisation.objects.filter(memberships__user=actor).order_by("name").first()
        comment = CandidateComment(candidate=candidate, author=actor, organisation=organisation, text=text.strip())
        comment.full_clean()
        comment.save()
    return comment


def comment_delete(*, actor: User, comment: CandidateComment) -> None:
    with transaction.atomic():
        locked_for(actor, DELETE, comment).delete()


# ---------------------------------------------------------------------------- rounds


def round_create(*, actor: User, coordinator: Organisation, candidates=None, **fields) -> SelectionRound:
    """A new draft round coordinated by a verified lead partner the actor edits."""
    with transaction.atomic():
        require_add(actor, SelectionRound, organisation=coordinator)
        round = SelectionRound(coordinator=coordinator)
        round.slug = unique_slug(SelectionRound, fields.get("name", ""),
                                 reserved=reserved_segments("livinglabs:round_detail"), fallback="round")
        model_update(instance=round, data=fields, fields=ROUND_FIELDS)
        if candidates is not None:
            round.candidates.set(candidates)
    return round


def _open_round(actor: User, round: SelectionRound) -> SelectionRound:
    round = locked_for(actor, CHANGE, round)
    if not round.is_open:
        raise ValidationError(_("The round is decided: its weights, scores and result are frozen."))
    return round


def round_update(*, actor: User, round: SelectionRound, candidates=None, **fields) -> SelectionRound:
    """Edit the rules of an open round; its candidates only while it is a draft."""
    with transaction.atomic():
        round = _open_round(actor, round)
        model_update(instance=round, data=fields, fields=ROUND_FIELDS)
        if candidates is not None:
            if not round.is_draft and set(candidates) != set(round.candidates.all()):
                raise ValidationError({"candidates": _("Candidates are chosen while the round is a draft.")})
            inactive = [c.name for c in candidates if not c.is_active]
            if inactive:
                raise ValidationError({"candidates": _("Withdrawn: %(names)s.") % {"names": ", ".join(inactive)}})
            round.candidates.set(candidates)
    return round


def round_delete(*, actor: User, round: SelectionRound) -> None:
    with transaction.atomic():
        locked_for(actor, DELETE, round).delete()


def criterion_save(*, actor: User, round: SelectionRound, code: str, name: str, weight: float,
                   direction: str = "benefit", description: str = "", order: int = 0) -> Criterion:
    """Add a criterion (draft only) or change one (its weight also during the assessment)."""
    with transaction.atomic():
        round = _open_round(actor, round)
        criterion = Criterion.objects.filter(round=round, code=code).first()
        if criterion is None and not round.is_draft:
            raise ValidationError(_("Criteria are added while the round is a draft; weights may change until "
                                    "the decision."))
        criterion = criterion or Criterion(round=round, code=code)
        if not round.is_draft and direction != criterion.direction:
            raise ValidationError({"direction": _("The direction is fixed once assessors score.")})
        model_update(instance=criterion, data={"name": name, "weight": weight, "direction": direction,
                                               "description": description, "order": order},
                     fields=("name", "weight", "direction", "description", "order"))
    return criterion


def criterion_delete(*, actor: User, criterion: Criterion) -> None:
    with transaction.atomic():
        round = _open_round(actor, criterion.round)
        if not round.is_draft:
            raise ValidationError(_("Criteria are removed while the round is a draft."))
        criterion.delete()


def assessor_add(*, actor: User, round: SelectionRound, user: User) -> Assessor:
    with transaction.atomic():
        round = _open_round(actor, round)
        assessor, _created = Assessor.objects.get_or_create(round=round, user=user)
    return assessor


def assessor_add_by_email(*, actor: User, round: SelectionRound, email: str) -> Assessor:
    with transaction.atomic():
        round = _open_round(actor, round)  # first: only the coordinator learns who is registered
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise ValidationError({"email": _("No registered user has this address; ask them to register first.")})
        return assessor_add(actor=actor, round=round, user=user)


def assessor_remove(*, actor: User, assessor: Assessor) -> None:
    with transaction.atomic():
        _open_round(actor, assessor.round)
        if assessor.scores.exists():
            raise ValidationError(_("This assessor has scored; their scores stay on record."))
        assessor.delete()


def _score_value(raw) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("“%(value)s” is not a score.") % {"value": raw}) from None
    if not 0 <= value <= SCORE_MAX:
        raise ValidationError(_("Scores go from 0 to %(max)s.") % {"max": SCORE_MAX})
    return value


def scores_save(*, actor: User, round: SelectionRound, candidate: Candidate, values: dict,
                comments: dict | None = None) -> int:
    """The actor (an assessor of the round in assessment) scores one candidate: {criterion id: value}.

    An empty value removes that score. Every change is recorded in the audit trail (Score is audited).
    Returns the number of scores now on record for the candidate by this assessor.
    """
    comments = comments or {}
    with transaction.atomic():
        round = locked_for(actor, ASSESS, round)
        assessor = Assessor.objects.get(round=round, user=actor)
        if not round.candidates.filter(pk=candidate.pk).exists():
            raise ValidationError(_("This candidate is not in the round."))
        criteria = {c.pk: c for c in round.criteria.all()}
        for criterion_id, raw in values.items():
            criterion = criteria.get(int(criterion_id))
            if criterion is None:
                raise ValidationError(_("A criterion of another round was sent."))
            value = _score_value(raw)
            existing = Score.objects.filter(assessor=assessor, candidate=candidate, criterion=criterion).first()
            if value is None:
                if existing is not None:
                    existing.delete()
                continue
            score = existing or Score(assessor=assessor, candidate=candidate, criterion=criterion)
            comment = (comments.get(criterion_id) or comments.get(str(criterion_id)) or "").strip()
            if existing is None or existing.value != value or existing.comment != comment:
                score.value, score.comment = value, comment
                score.full_clean()
                score.save()
        return Score.objects.filter(assessor=assessor, candidate=candidate).count()


def round_shortlist(*, actor: User, round: SelectionRound) -> ShortlistRun:
    """Rank, select under the round's rules and analyse the weights' sensitivity; the run is kept."""
    with transaction.atomic():
        round = _open_round(actor, round)
        data = selectors.round_data(round)
        problems = []
        if not data.criteria or not data.candidates:
            problems.append(_("The round needs criteria and candidates."))
        if data.missing:
            problems.append(_("%(count)s score(s) are missing, e.g. “%(criterion)s” of “%(candidate)s”: every "
                              "candidate needs at least one assessor's score on every criterion.") % {
                "count": len(data.missing), "candidate": data.missing[0][0].name,
                "criterion": data.missing[0][1].name})
        if problems:
            raise ValidationError(problems)
        try:
            result = shortlist(data.problem(), method=round.method, rules=selectors.rules_of(round),
                               perturb=round.perturbation, samples=round.samples, seed=round.seed)
        except Infeasible as error:
            raise ValidationError(str(error)) from None
        return ShortlistRun.objects.create(round=round, run_by=actor, fingerprint=data.fingerprint,
                                           result=run_document(result, data))


def run_document(result: Result, data: selectors.RoundData) -> dict:
    """A run as JSON: the batch command's document plus reasons (to render in any language) and aggregates."""
    document = contract.output(result)
    for row, candidate, i in zip(document["candidates"], result.candidates, range(len(result.candidates)),
                                 strict=True):
        row.pop("explanation")
        row["reason"] = {"code": candidate.reason.code, "facts": candidate.reason.facts,
                         "rule": candidate.reason.rule, "rule_facts": candidate.reason.rule_facts,
                         "hinge_sign": candidate.reason.hinge_sign}
        row["means"] = [round(float(v), 3) for v in data.means[i]]
        row["spread"] = [round(float(v), 3) for v in data.spread[i]]
        row["assessors"] = [int(v) for v in data.assessors[i]]
    document["criteria"] = [{"id": c.code, "name": c.name, "weight": c.weight, "direction": c.direction}
                            for c in data.criteria]
    document["weights"] = [float(w) for w in np.asarray([c.weight for c in data.criteria]) /
                           sum(c.weight for c in data.criteria)]
    return document


def round_transition(*, actor: User, round: SelectionRound, to_status: str, note: str = "") -> SelectionRound:
    return transition_apply(workflow=ROUND_WORKFLOW, actor=actor, obj=round, to_status=to_status, comment=note)


def round_freeze(*, round: SelectionRound) -> None:
    """The decision's effect (inside the transition): decisions per candidate, the labs selected, a snapshot.

    The snapshot keeps the weights, every aggregated score and the run, so the record stands even if a
    candidate's catalogue entry changes later.
    """
    run = selectors.current_run(round)
    if run is None:
        raise ValidationError(_("Run the shortlist again before deciding."))
    by_pk = {str(c.pk): c for c in round.candidates.all()}
    decisions = []
    for row in run.result["candidates"]:
        decisions.append(Decision(round=round, candidate=by_pk[row["id"]], selected=row["selected"],
                                  score=row["score"], rank=row["rank"], region_rank=row["region_rank"],
                                  frequency=row["selection_frequency"], reason=row["reason"]))
    Decision.objects.bulk_create(decisions)
    Candidate.objects.filter(pk__in=[int(r["id"]) for r in run.result["candidates"] if r["selected"]]).update(
        status=CandidateStatus.SELECTED)
    round.frozen = {"run": run.pk, "fingerprint": run.fingerprint, **run.result,
                    "names": selectors.round_data(round).names()}


# ---------------------------------------------------------------------------- labs and demonstrations


def _lab_editable(actor: User, lab: Candidate) -> Candidate:
    lab = locked_for(actor, CHANGE, lab)
    if not lab.is_selected:
        raise ValidationError(_("Open calls are published by selected Living Labs."))
    return lab


def lab_call_save(*, actor: User, lab: Candidate, title: str, text: str, deadline=None,
                  call: LabCall | None = None) -> LabCall:
    with transaction.atomic():
        lab = _lab_editable(actor, lab)
        call = call if call is not None and call.lab_id == lab.pk else LabCall(lab=lab)
        model_update(instance=call, data={"title": title, "text": text, "deadline": deadline},
                     fields=("title", "text", "deadline"))
    return call


def lab_call_delete(*, actor: User, call: LabCall) -> None:
    with transaction.atomic():
        locked_for(actor, DELETE, call).delete()


def demonstration_create(*, actor: User, lab: Candidate, lead: Organisation, partners=(), **fields) -> Demonstration:
    """A company the actor edits plans a demonstration in a selected Living Lab."""
    with transaction.atomic():
        require_add(actor, Demonstration, organisation=lead)
        if not lab.is_selected:
            raise ValidationError({"lab": _("Demonstrations run in selected Living Labs.")})
        if lead.kind not in COMPANY_KINDS:
            raise ValidationError({"lead": _("A company leads a demonstration.")})
        _check_challenge(actor, fields)
        demonstration = Demonstration(lab=lab, lead=lead)
        demonstration.slug = unique_slug(Demonstration, fields.get("title", ""),
                                         reserved=reserved_segments("livinglabs:demonstration_detail"),
                                         fallback="demonstration")
        model_update(instance=demonstration, data={**fields, "partners": list(partners)},
                     fields=DEMONSTRATION_FIELDS, m2m=("partners",))
    return demonstration


def demonstration_update(*, actor: User, demonstration: Demonstration, partners=None, **fields) -> Demonstration:
    with transaction.atomic():
        demonstration = locked_for(actor, CHANGE, demonstration)
        _check_challenge(actor, fields)
        data = dict(fields) if partners is None else {**fields, "partners": list(partners)}
        model_update(instance=demonstration, data=data, fields=DEMONSTRATION_FIELDS, m2m=("partners",))
    return demonstration


def demonstration_delete(*, actor: User, demonstration: Demonstration) -> None:
    with transaction.atomic():
        locked_for(actor, DELETE, demonstration).delete()
