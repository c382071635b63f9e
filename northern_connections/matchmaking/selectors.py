"""Reads of matchmaking: rankings through the shared index, turned into objects the actor may see.

Every page, API endpoint and task ranks through :func:`rank` (any kind, any query) and
:func:`ranked_objects` (the same, plus the permission gate); the functions for a particular
question — challenges for an organisation, organisations for a challenge, and the extension
points of the support map and partnering — only translate a profile or a challenge into an
engine :class:`Query`. Eligibility rules exclude (a challenge an SME may not apply to is never
shown to it); preferences only re-weight.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from northern_connections.core.permissions import MATCH, VIEW, can

from .choices import CrossBorder, IndexKind
from .documents import TRL_SOUGHT, source_for
from .engine import Match, Query
from .engine.explain import value_label
from .index import shared_index
from .models import AlertDelivery, SavedSearch

#: Results asked of the engine beyond what is shown, so that hiding rows the actor may not see
#: (or a stale row about to be replayed away) still leaves a full page.
OVERFETCH = 10

FACET_LABELS = {
    "value_chains": gettext_lazy("Value chain"),
    "steps": gettext_lazy("Value-chain step"),
    "nace": gettext_lazy("NACE code"),
    "cpv": gettext_lazy("CPV code"),
    "region": gettext_lazy("Region"),
    "languages": gettext_lazy("Language"),
    "kind": gettext_lazy("Organisation kind"),
    TRL_SOUGHT: gettext_lazy("TRL accepted"),
}
BREAKDOWN_LABELS = {
    "lexical": gettext_lazy("Text relevance"),
    "facets": gettext_lazy("Shared profile facets"),
    "activity": gettext_lazy("Track record"),
    "cross_border": gettext_lazy("Cross-border preference"),
    "embedding": gettext_lazy("Semantic similarity"),
    "total": gettext_lazy("Total"),
}


@dataclass
class Result:
    """One ranked object with the engine's evidence, ready for a template or a serializer."""

    object: Model
    match: Match
    position: int

    @property
    def score(self) -> float:
        return round(self.match.score, 3)

    @property
    def why(self) -> str:
        return self.match.why

    @property
    def matched_terms(self) -> list[str]:
        return self.match.matched_terms

    @property
    def facets(self) -> list[dict]:
        return [{"facet": fm.facet, "label": FACET_LABELS.get(fm.facet, fm.facet.replace("_", " ")),
                 "sought": value_label(fm.facet, fm.sought), "found": value_label(fm.facet, fm.found),
                 "partial": fm.partial, "credit": round(fm.credit, 2)} for fm in self.match.matched_facets]

    @property
    def breakdown(self) -> list[dict]:
        return [{"component": name, "label": BREAKDOWN_LABELS.get(name, name), "value": round(value, 3)}
                for name, value in self.match.breakdown.items()]


# --- the generic ranking -----------------------------------------------------------------------------------------

#: Facets that re-weight a result but do not by themselves make it relevant: a challenge that
#: merely accepts the SME's TRL, or an organisation that merely speaks the language, is not a match.
WEAK_FACETS = frozenset({TRL_SOUGHT, "languages", "kind", "region"})


def has_substance(match: Match) -> bool:
    """A shown result shares words or a substantive facet (value chain, step, code) with the query."""
    return bool(match.matched_terms) or any(fm.facet not in WEAK_FACETS for fm in match.matched_facets)


def rank(kind: str, query: Query) -> list[Match]:
    """Rank documents of ``kind`` for ``query`` with this process's current copy of the shared index."""
    return shared_index(kind).search(query)


def ranked_objects(*, actor, kind: str, query: Query) -> list[Result]:
    """:func:`rank`, then the ranked objects the actor may see, in rank order (constant queries)."""
    matches = rank(kind, replace(query, top_k=query.top_k + OVERFETCH))
    objects = source_for(kind).hydrate(actor, [int(m.id) for m in matches if m.id.isdigit()])
    shown = [m for m in matches if m.id.isdigit() and int(m.id) in objects and has_substance(m)][:query.top_k]
    return [Result(object=objects[int(m.id)], match=m, position=i) for i, m in enumerate(shown, start=1)]


# --- challenges for an organisation --------------------------------------------------------------------------------

def profile_organisation(pk: int):
    """An organisation with the relations its profile query needs (three queries)."""
    from northern_connections.directory.models import Organisation

    return Organisation.objects.prefetch_related("value_chains", "value_chain_steps", "nace_codes").get(pk=pk)


def trl_levels(trl_min: int | None, trl_max: int | None) -> list[str]:
    if not trl_min and not trl_max:
        return []
    low, high = trl_min or trl_max, trl_max or trl_min
    return [str(level) for level in range(min(low, high), max(low, high) + 1)]


def ineligible_challenge_ids(organisation, *, now: datetime | None = None) -> list[int]:
    """Published challenges the organisation may not apply to, or that are past their deadline.

    The same rules as ``challenges.services.eligibility_problems`` (countries, kinds, SMEs only,
    own challenges), evaluated for every published challenge in two queries instead of several
    per challenge; tests check that both agree.
    """
    from northern_connections.challenges.choices import ChallengeStatus
    from northern_connections.challenges.models import Challenge

    now = now or timezone.now()
    co_owned = set(Challenge.co_owners.through.objects.filter(organisation_id=organisation.pk)
                   .values_list("challenge_id", flat=True))
    excluded = []
    rows = Challenge.objects.filter(status=ChallengeStatus.PUBLISHED).values_list(
        "pk", "owner_id", "eligible_countries", "eligible_kinds", "smes_only", "application_deadline")
    for pk, owner_id, countries, kinds, smes_only, deadline in rows:
        if ((countries and organisation.country not in countries) or (kinds and organisation.kind not in kinds)
                or (smes_only and not organisation.is_sme) or owner_id == organisation.pk or pk in co_owned
                or deadline is None or deadline <= now):
            excluded.append(pk)
    return excluded


def profile_query(organisation, *, text: str = "", value_chains=(), trl_min: int | None = None,
                  trl_max: int | None = None, countries=(), cross_border: str = CrossBorder.PREFER,
                  top_k: int = 20) -> Query:
    """An organisation's profile as a query; the fields given replace the profile's own.

    ``organisation`` should come from :func:`profile_organisation` (relations prefetched). The TRL
    goes into the ``trl_level`` facet, which challenge (and support-measure) documents fill with
    every level they accept.
    """
    profile_text = not text.strip()
    chains = list(value_chains) or [vc.slug for vc in organisation.value_chains.all()]
    if not trl_min and not trl_max and organisation.trl:
        trl_min = trl_max = organisation.trl
    tags = {
        "value_chains": chains,
        "steps": [s.slug for s in organisation.value_chain_steps.all()],
        "nace": [n.code for n in organisation.nace_codes.all()],
        TRL_SOUGHT: trl_levels(trl_min, trl_max),
    }
    return Query(
        text=organisation.description if profile_text else text,
        language=(organisation.description_language or None) if profile_text else None,
        tags={name: values for name, values in tags.items() if values},
        country=organisation.country, cross_border=cross_border, countries=tuple(countries) or None, top_k=top_k,
    )


def challenge_query(organisation, *, now: datetime | None = None, **fields) -> Query:
    """The query "challenges for this organisation": its profile, minus what it may not apply to."""
    query = profile_query(organisation, **fields)
    return replace(query, exclude=tuple(str(pk) for pk in ineligible_challenge_ids(organisation, now=now)))


def challenges_for_organisation(*, actor, organisation, top_k: int = 20, **filters) -> list[Result]:
    """Published challenges the organisation may apply to, best first, each with its explanation."""
    if not can(actor, MATCH, organisation):
        raise PermissionDenied(_("Only members of an organisation see its recommendations."))
    query = challenge_query(profile_organisation(organisation.pk), top_k=top_k, **filters)
    return ranked_objects(actor=actor, kind=IndexKind.CHALLENGE, query=query)


# --- organisations for a challenge ---------------------------------------------------------------------------------

def _narrowed(allowed: list[str] | None, chosen) -> tuple[str, ...] | None:
    """A filter the searcher chose, within what the challenge allows (None: no restriction)."""
    chosen = tuple(chosen or ())
    if allowed and chosen:
        return tuple(c for c in chosen if c in allowed)
    return tuple(allowed or ()) or chosen or None


def organisation_query(challenge, *, text: str = "", kinds=(), countries=(),
                       cross_border: str = CrossBorder.NEUTRAL, top_k: int = 20) -> Query:
    """The query "organisations for this challenge": its text, facets and eligibility rules."""
    challenge_text = "\n".join(filter(None, [challenge.title_en or challenge.title,
                                             challenge.summary_en or challenge.summary,
                                             challenge.problem, challenge.desired_outcome]))
    tags = {
        "value_chains": [vc.slug for vc in challenge.value_chains.all()],
        "steps": [s.slug for s in challenge.value_chain_steps.all()],
        "nace": [n.code for n in challenge.nace_codes.all()],
    }
    co_owners = [str(o.pk) for o in challenge.co_owners.all()]
    return Query(
        text=text.strip() or challenge_text,
        tags={name: values for name, values in tags.items() if values},
        trl_min=challenge.trl_min, trl_max=challenge.trl_max,
        kinds=_narrowed(challenge.eligible_kinds, kinds), sme_only=challenge.smes_only,
        countries=_narrowed(challenge.eligible_countries, countries),
        country=challenge.country, cross_border=cross_border,
        exclude=(str(challenge.owner_id), *co_owners), top_k=top_k,
    )


def challenge_for_matching(*, actor, slug: str):
    """The challenge (visible to the actor) with the relations its query needs, or None."""
    from northern_connections.challenges.models import Challenge

    return (Challenge.objects.restrict(actor, VIEW).select_related("owner")
            .prefetch_related("value_chains", "value_chain_steps", "nace_codes", "co_owners")
            .filter(slug=slug).first())


def organisations_for_challenge(*, actor, challenge, top_k: int = 20, **filters) -> list[Result]:
    """Organisations that fit a challenge and are eligible for it, best first, with explanations."""
    if not can(actor, MATCH, challenge):
        raise PermissionDenied(_("Only the challenge's owners and cluster managers see matching organisations."))
    return ranked_objects(actor=actor, kind=IndexKind.ORGANISATION,
                          query=organisation_query(challenge, top_k=top_k, **filters))


# --- extension points for the support map and partnering -----------------------------------------------------------

#: The kinds those apps will register (documents.register_source); until then callers pass another kind.
MEASURE_KIND = "measure"
PARTNER_REQUEST_KIND = "partner_request"


def measures_for_sme(*, actor, organisation, kind: str = MEASURE_KIND, text: str = "",
                     cross_border: str = CrossBorder.NEUTRAL, top_k: int = 20) -> list[Result]:
    """Support measures (the support map's kind) that fit an SME's profile: the extension point.

    The SME's profile is the query, as for challenges; a measure document carries the TRL range it
    supports in the same ``trl_level`` facet and its eligible countries as its country, so the
    support map only has to register a source for ``kind``.
    """
    if not can(actor, MATCH, organisation):
        raise PermissionDenied(_("Only members of an organisation see its recommendations."))
    query = profile_query(profile_organisation(organisation.pk), text=text, cross_border=cross_border, top_k=top_k)
    return ranked_objects(actor=actor, kind=kind, query=query)


def partners_for_request(*, actor, text: str, tags: dict | None = None, country: str | None = None,
                         kinds=None, exclude=(), trl_min: int | None = None, trl_max: int | None = None,
                         cross_border: str = CrossBorder.PREFER, kind: str = IndexKind.ORGANISATION,
                         top_k: int = 20) -> list[Result]:
    """Partners for a partner request (the partnering app's extension point).

    A request is described by plain fields (what is sought, the requester's country, the kinds of
    partner wanted, organisations already in the consortium to leave out); the partnering app
    will translate its model into these. Organisations are the default target kind.
    """
    query = Query(text=text, tags=tags or {}, country=country, kinds=tuple(kinds) if kinds else None,
                  exclude=tuple(str(e) for e in exclude), trl_min=trl_min, trl_max=trl_max,
                  cross_border=cross_border, top_k=top_k)
    return ranked_objects(actor=actor, kind=kind, query=query)


# --- saved searches -----------------------------------------------------------------------------------------------

def savedsearch_list(*, actor) -> QuerySet[SavedSearch]:
    return (SavedSearch.objects.restrict(actor, VIEW).select_related("organisation")
            .prefetch_related("value_chains").order_by("organisation__name", "-is_feed", "name", "pk"))


def savedsearch_get(*, actor, pk: int, action: str = VIEW) -> SavedSearch | None:
    return (SavedSearch.objects.restrict(actor, action).select_related("organisation")
            .prefetch_related("value_chains").filter(pk=pk).first())


def member_organisations(*, actor):
    """The organisations the actor belongs to (recommendations are computed for these)."""
    from northern_connections.directory.models import Organisation

    if not actor.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=actor).order_by("name").distinct()


def challenges_to_match(*, actor, limit: int = 100):
    """Challenges the actor may find organisations for: their organisations' own (drafts too) and,
    for cluster managers, every open one. Soonest deadline first."""
    from django.db.models import Q

    from northern_connections.accounts.models import Membership
    from northern_connections.challenges.choices import ChallengeStatus
    from northern_connections.challenges.models import Challenge
    from northern_connections.directory.choices import OrganisationKind

    if not actor.is_authenticated:
        return Challenge.objects.none()
    mine = Membership.objects.filter(user=actor).values("organisation_id")
    co_owned = Challenge.co_owners.through.objects.filter(organisation_id__in=mine).values("challenge_id")
    wanted = Q(owner_id__in=mine) | Q(pk__in=co_owned)
    if Membership.objects.filter(user=actor, organisation__kind=OrganisationKind.CLUSTER).exists():
        wanted |= Q(status=ChallengeStatus.PUBLISHED)
    return (Challenge.objects.restrict(actor, VIEW).filter(wanted).select_related("owner")
            .order_by("application_deadline", "pk")[:limit])


def organisation_feed(*, actor, organisation) -> SavedSearch | None:
    if not actor.is_authenticated:
        return None
    return SavedSearch.objects.filter(user=actor, organisation=organisation, is_feed=True).first()


# --- alerts -------------------------------------------------------------------------------------------------------

#: A new challenge goes into a digest only with this much relevance of its own (text plus facets,
#: on the score's scale): sharing the TRL alone, or one common word, is not worth an e-mail.
ALERT_MIN_RELEVANCE = 0.15
#: Items per digest; more are left to the recommendations page the digest links to.
DIGEST_MAX_ITEMS = 25


@dataclass
class DigestItem:
    challenge: Model
    match: Match


@dataclass
class Digest:
    saved_search: SavedSearch
    items: list[DigestItem] = field(default_factory=list)
    more: int = 0


def digest_for(*, saved_search: SavedSearch, since: datetime, now: datetime) -> Digest:
    """New published challenges (published after ``since``, never delivered to this search) that match it."""
    from northern_connections.challenges.choices import ChallengeStatus
    from northern_connections.challenges.models import Challenge

    delivered = AlertDelivery.objects.filter(saved_search=saved_search).values("challenge_id")
    new_ids = set(Challenge.objects.filter(status=ChallengeStatus.PUBLISHED, published_at__gt=since,
                                           application_deadline__gt=now)
                  .exclude(pk__in=delivered).values_list("pk", flat=True))
    digest = Digest(saved_search=saved_search)
    if not new_ids:
        return digest
    organisation = profile_organisation(saved_search.organisation_id)
    query = challenge_query(
        organisation, text=saved_search.text, value_chains=[vc.slug for vc in saved_search.value_chains.all()],
        trl_min=saved_search.trl_min, trl_max=saved_search.trl_max, countries=saved_search.countries,
        cross_border=saved_search.cross_border, top_k=len(shared_index(IndexKind.CHALLENGE).current()) or 1,
        now=now,
    )
    matches = [m for m in rank(IndexKind.CHALLENGE, query)
               if m.id.isdigit() and int(m.id) in new_ids and has_substance(m)
               and m.breakdown["lexical"] + m.breakdown["facets"] >= ALERT_MIN_RELEVANCE]
    objects = source_for(IndexKind.CHALLENGE).hydrate(saved_search.user, [int(m.id) for m in matches])
    matches = [m for m in matches if int(m.id) in objects]
    digest.items = [DigestItem(objects[int(m.id)], m) for m in matches[:DIGEST_MAX_ITEMS]]
    digest.more = max(0, len(matches) - DIGEST_MAX_ITEMS)
    return digest


def due_saved_searches(*, frequency: str) -> QuerySet[SavedSearch]:
    return (SavedSearch.objects.filter(active=True, frequency=frequency, user__is_active=True)
            .select_related("user", "organisation")
            .prefetch_related(Prefetch("value_chains")).order_by("pk"))
