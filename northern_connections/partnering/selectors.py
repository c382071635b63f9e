"""Reads of partnering, restricted to the actor, with the joins each page needs."""

from __future__ import annotations

import logging

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE, DELETE, VIEW, can, can_add
from northern_connections.directory.models import Organisation

from . import eligibility, regions
from .builder.rules import Candidate, Requirements
from .choices import COUNTED_MEMBER_STATUSES, CallStatus, CohesionCategory, MemberRole, MemberStatus
from .models import (
    Consortium,
    ConsortiumDocument,
    ConsortiumMember,
    ConsortiumTask,
    ExpressionOfInterest,
    FundingCall,
    PartnerRequest,
)
from .permissions import EXPRESS, RESPOND
from .workflow import INTEREST_WORKFLOW, REQUEST_WORKFLOW

logger = logging.getLogger(__name__)


def call_list(*, actor) -> QuerySet[FundingCall]:
    """Open and forthcoming calls first, soonest deadline first; closed ones after them."""
    closed = Case(When(status=CallStatus.CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField())
    return (FundingCall.objects.restrict(actor, VIEW).annotate(is_closed=closed)
            .order_by("is_closed", "deadline", "topic_identifier"))


def call_page(*, actor, funding_call: FundingCall) -> dict:
    return {"may_open_consortium": can_add(actor, Consortium),
            "requests": funding_call.partner_requests.restrict(actor, VIEW).select_related("owner")[:20],
            "consortia": funding_call.consortia.restrict(actor, VIEW)}


def request_list(*, actor) -> QuerySet[PartnerRequest]:
    return (PartnerRequest.objects.restrict(actor, VIEW).select_related("owner", "call")
            .order_by("-published_on", "-pk"))


def _senders(actor):
    if not (actor and actor.is_authenticated):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=actor).order_by("name").distinct()


def request_page(*, actor, partner_request: PartnerRequest) -> dict:
    """The request with its interests (as the actor may see them), moves and the engine's suggestions."""
    interests = (ExpressionOfInterest.objects.restrict(actor, VIEW).filter(request=partner_request)
                 .select_related("organisation"))
    may_change = can(actor, CHANGE, partner_request)
    return {
        "may_change": may_change, "may_delete": can(actor, DELETE, partner_request),
        "transitions": REQUEST_WORKFLOW.available(partner_request, actor),
        "interests": [(i, INTEREST_WORKFLOW.available(i, actor)) for i in interests],
        "may_express": can(actor, EXPRESS, partner_request),
        "senders": _senders(actor).exclude(pk=partner_request.owner_id),
        "suggestions": suggested_partners(actor=actor, partner_request=partner_request) if may_change else [],
        "similar": similar_requests(actor=actor, partner_request=partner_request),
        "log": partner_request.transitions.select_related("by"),
    }


def suggested_partners(*, actor, partner_request: PartnerRequest, top_k: int = 10) -> list:
    """Organisations the matchmaking engine ranks for the request (its text, steps, TRL and countries)."""
    from northern_connections.matchmaking.selectors import partners_for_request

    steps = [s.slug for s in partner_request.value_chain_steps.all()]
    try:
        return partners_for_request(actor=actor, text=partner_request.search_text(),
                                    tags={"steps": steps} if steps else {}, country=partner_request.owner.country,
                                    exclude=[partner_request.owner_id], trl_min=partner_request.trl,
                                    trl_max=partner_request.trl, top_k=top_k)
    except (LookupError, ValueError) as error:  # see _engine_failed
        return _engine_failed(error)


def _engine_failed(error: Exception) -> list:
    """Suggestions are an extra on the page: without an index (LookupError), or when the index cannot
    answer (a snapshot built empty and then caught up answers with a ValueError from the engine's
    matrices; rebuild_match_index repairs it), the page shows none instead of failing."""
    logger.warning("partnering: no match suggestions (%s)", error)
    return []


def similar_requests(*, actor, partner_request: PartnerRequest, top_k: int = 5) -> list:
    """Published requests of other organisations that the engine ranks for this one."""
    from northern_connections.matchmaking.selectors import PARTNER_REQUEST_KIND, partners_for_request

    steps = [s.slug for s in partner_request.value_chain_steps.all()]
    try:
        results = partners_for_request(actor=actor, text=partner_request.search_text(),
                                       tags={"steps": steps} if steps else {}, exclude=[partner_request.pk],
                                       kind=PARTNER_REQUEST_KIND, top_k=top_k + 5)
    except (LookupError, ValueError) as error:
        return _engine_failed(error)
    return [r for r in results if r.object.owner_id != partner_request.owner_id][:top_k]


def consortium_list(*, actor) -> QuerySet[Consortium]:
    return Consortium.objects.restrict(actor, VIEW).select_related("call").order_by("name")


def consortium_get(*, actor, slug: str) -> Consortium | None:
    coordinator_first = Case(When(role=MemberRole.COORDINATOR, then=Value(0)), default=Value(1),
                             output_field=IntegerField())
    members = (ConsortiumMember.objects.select_related("organisation__nuts_region")
               .annotate(coordinator_first=coordinator_first).order_by("coordinator_first", "role", "pk"))
    return (Consortium.objects.restrict(actor, VIEW).select_related("call")
            .prefetch_related(Prefetch("members", queryset=members)).filter(slug=slug).first())


def member_rows(consortium: Consortium) -> list[dict]:
    rows = []
    for m in consortium.members.all():
        category = regions.organisation_category(m.organisation)
        rows.append({"member": m, "category": category, "nuts2": regions.nuts2_code(m.organisation),
                     "category_label": CohesionCategory(category).label if category else ""})
    return rows


def consortium_checklist(consortium: Consortium) -> list[eligibility.Check]:
    call = consortium.call
    rules = eligibility.Rules(min_partners=call.min_partners, min_countries=call.min_countries,
                              eligible_countries=tuple(call.eligible_countries),
                              required_categories=tuple(call.required_categories),
                              budget_max=call.budget_max_eur)  # the portal's minimum is per grant, not a floor
    members = [eligibility.Member(m.organisation.name, m.organisation.country,
                                  regions.organisation_category(m.organisation), m.budget_eur,
                                  m.status == MemberStatus.JOINED)
               for m in consortium.members.all() if m.status in COUNTED_MEMBER_STATUSES]
    return eligibility.checklist(rules, members)


CATEGORY_LINES = {"more_developed": _lazy("A partner from a more developed region"),
                  "transition": _lazy("A partner from a transition region"),
                  "less_developed": _lazy("A partner from a less developed region")}


def checklist_line(check: eligibility.Check) -> str:
    """A check of the checklist in the reader's language."""
    v = check.values
    if check.key == "min_partners":
        return _("At least %(needed)s partners (now %(have)s)") % v
    if check.key == "min_countries":
        return _("Partners from at least %(needed)s countries (now %(have)s)") % v
    if check.key == "countries":
        return _("Every partner from an eligible country") + (f" ({v['outside']})" if v["outside"] else "")
    if check.key.startswith("category:"):
        category = check.key.split(":", 1)[1]
        return str(CATEGORY_LINES.get(category, category))
    if check.key == "budget_min":
        return _("Budget of at least EUR %(limit)s (now EUR %(total)s)") % {k: f"{n:,}" for k, n in v.items()}
    if check.key == "budget_max":
        return _("Budget of at most EUR %(limit)s (now EUR %(total)s)") % {k: f"{n:,}" for k, n in v.items()}
    return _("Every invited organisation has answered (%(waiting)s waiting)") % v


def consortium_page(*, actor, consortium: Consortium) -> dict:
    rows = member_rows(consortium)
    return {
        "may_change": can(actor, CHANGE, consortium),
        "may_add_parts": can_add(actor, ConsortiumTask, consortium=consortium),
        "rows": rows, "budget_total": sum(r["member"].budget_eur for r in rows if r["member"].is_counted),
        "checklist": [(c.met, checklist_line(c)) for c in consortium_checklist(consortium)],
        "tasks": ConsortiumTask.objects.restrict(actor, VIEW).filter(consortium=consortium)
        .select_related("owner__organisation"),
        "documents": ConsortiumDocument.objects.restrict(actor, VIEW).filter(consortium=consortium),
        "answerable": ConsortiumMember.objects.restrict(actor, RESPOND).filter(consortium=consortium,
                                                                                status=MemberStatus.INVITED),
        "category_source": regions.SOURCE,
    }


# ------------------------------------------------------------------------------------------------ builder

def builder_candidates(*, actor, consortium: Consortium, steps: list, countries: tuple[str, ...] = (),
                       limit: int = 300) -> tuple[list[Candidate], dict[str, Organisation]]:
    """Candidate organisations for the builder: public organisations with at least one of ``steps``,
    each with its fit (the share of the steps it covers, plus the engine's score where it ranks it)."""
    # Steps by their names in the reader's language: the builder's explanations quote them as they are.
    wanted = {str(s) for s in steps}
    orgs = (Organisation.objects.restrict(actor, VIEW).filter(value_chain_steps__in=steps)
            .select_related("nuts_region").prefetch_related("value_chain_steps").distinct().order_by("pk"))
    if countries:
        orgs = orgs.filter(country__in=countries)
    engine = _engine_scores(actor, consortium, {s.slug for s in steps})
    candidates, by_id = [], {}
    for org in orgs[:limit]:
        covered = frozenset(str(s) for s in org.value_chain_steps.all()) & wanted
        fit = round(len(covered) / max(len(wanted), 1) + engine.get(org.pk, 0.0), 3)
        candidates.append(Candidate(str(org.pk), org.country, regions.organisation_category(org), covered, fit))
        by_id[str(org.pk)] = org
    fixed = [m.organisation for m in consortium.members.all() if m.is_counted]
    for org in fixed:
        if str(org.pk) not in by_id:
            covered = frozenset(str(s) for s in org.value_chain_steps.all()) & wanted
            candidates.append(Candidate(str(org.pk), org.country, regions.organisation_category(org), covered, 0.0))
            by_id[str(org.pk)] = org
    return candidates, by_id


def _engine_scores(actor, consortium: Consortium, steps: set[str]) -> dict[int, float]:
    from northern_connections.matchmaking.selectors import partners_for_request

    call = consortium.call
    try:
        results = partners_for_request(actor=actor, text=" ".join([call.title, " ".join(call.keywords)]),
                                       tags={"steps": sorted(steps)}, top_k=100)
    except (LookupError, ValueError) as error:
        _engine_failed(error)
        return {}
    return {r.object.pk: float(r.score) for r in results}


def builder_requirements(*, consortium: Consortium, steps: list, min_size: int, max_size: int,
                         categories: tuple[str, ...], max_per_country: int | None) -> Requirements:
    fixed = tuple(str(m.organisation_id) for m in consortium.members.all() if m.is_counted)
    return Requirements(min_size=min_size, max_size=max_size, competences=tuple(str(s) for s in steps),
                        required_categories=categories, max_per_country=max_per_country, fixed=fixed)


def step_names(steps) -> dict[str, str]:
    return {str(s): str(s) for s in steps}


