"""Reads of the knowledge centre, restricted to the actor: lists, pages, facets, recommendations, search."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Substr

from northern_connections.core.audit import may_see_history
from northern_connections.core.permissions import CHANGE, DELETE, VIEW, can, is_signed_in
from northern_connections.directory.choices import OrganisationKind
from northern_connections.directory.countries import country_name
from northern_connections.directory.models import ClusterMembership, CpvCode, Organisation, ValueChain

from . import scoring
from .choices import (
    CASE_LANGUAGES,
    CaseStage,
    CaseStatus,
    PostStatus,
    PublicationStatus,
    ReportStatus,
    Sector,
    ToolboxStatus,
)
from .models import (
    AbuseReport,
    Assessment,
    CommunityQuestion,
    Conversation,
    LearnerProgress,
    ProcurementCase,
    Publication,
    Questionnaire,
    ToolboxItem,
)
from .permissions import ACCEPT, MODERATE, REVIEW, SHARE, is_reviewer, sme_organisations
from .services.cases import procedure_choices
from .workflow import CASE_WORKFLOW, TOOLBOX_WORKFLOW

CASE_RELATED = ("cpv_codes", "value_chains", "innovative_acquisitions")


# ---------------------------------------------------------------- cases


def case_list(*, actor) -> QuerySet[ProcurementCase]:
    """Cases the actor may see, with what the library shows."""
    return (ProcurementCase.objects.restrict(actor, VIEW).select_related("buyer", "nuts_region")
            .prefetch_related("cpv_codes", "value_chains").order_by("-published_at", "pk"))


def case_get(*, actor, slug: str) -> ProcurementCase | None:
    return (ProcurementCase.objects.restrict(actor, VIEW).select_related("buyer", "nuts_region", "advisor")
            .prefetch_related(*CASE_RELATED).filter(slug=slug).first())


def case_page(*, actor, case: ProcurementCase) -> dict:
    """What the case page shows beside the case: moves, rights, similar cases, questions about it."""
    return {
        "transitions": CASE_WORKFLOW.available(case, actor),
        "may_change": can(actor, CHANGE, case),
        "may_delete": case.is_draft and can(actor, DELETE, case),
        "may_see_history": may_see_history(actor, case),
        "may_contact": bool(case.advisor_id and is_signed_in(actor) and actor.pk != case.advisor_id
                            and case.is_public),
        "procedure": procedure_label_map().get(case.procedure, case.procedure),
        "similar": similar_cases(actor=actor, case=case),
        "questions": CommunityQuestion.objects.restrict(actor, VIEW).filter(case=case, status=PostStatus.PUBLISHED),
    }


def procedure_label_map() -> dict[str, str]:
    return dict(procedure_choices())


def cpv_divisions() -> list[tuple[str, str]]:
    """CPV divisions (two digits) with their names: the CPV facet's values."""
    rows = CpvCode.objects.filter(code__contains="000000-").order_by("code").values_list("code", "name")
    return [(code[:2], f"{code[:2]} {name}") for code, name in rows if code[2:9] == "000000-"]


def similar_cases(*, actor, case: ProcurementCase, limit: int = 5) -> list[ProcurementCase]:
    """Other buyers' published cases that share a CPV division, a value chain or the procedure, most in common first."""
    divisions = {c.code[:2] for c in case.cpv_codes.all()}
    chains = [v.pk for v in case.value_chains.all()]
    others = ProcurementCase.objects.restrict(actor, VIEW).filter(status=CaseStatus.PUBLISHED).exclude(
        buyer_id=case.buyer_id).select_related("buyer").prefetch_related("cpv_codes", "value_chains")
    through = ProcurementCase.cpv_codes.through.objects
    cpv_q = Q()
    for division in divisions:
        cpv_q |= Q(cpvcode__code__startswith=division)
    near = Q(procedure=case.procedure) | Q(sector=case.sector)
    if divisions:
        near |= Q(pk__in=through.filter(cpv_q).values("procurementcase_id"))
    if chains:
        near |= Q(pk__in=ProcurementCase.value_chains.through.objects.filter(valuechain_id__in=chains)
                  .values("procurementcase_id"))
    candidates = list(others.filter(near)[:200])

    def common(other: ProcurementCase) -> tuple:
        shared = len(divisions & {c.code[:2] for c in other.cpv_codes.all()})
        shared += len(set(chains) & {v.pk for v in other.value_chains.all()})
        return (-(shared * 2 + (other.procedure == case.procedure) + (other.sector == case.sector)), other.pk)

    return sorted(candidates, key=common)[:limit]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)


def _counts(queryset: QuerySet, facet: str) -> dict[str, int]:
    """Cases per value of one facet over `queryset` (one query each)."""
    ids = queryset.order_by().values("pk")
    if facet == "cpv":
        rows = (ProcurementCase.cpv_codes.through.objects.filter(procurementcase_id__in=ids)
                .annotate(value=Substr("cpvcode__code", 1, 2)).values("value")
                .annotate(n=Count("procurementcase_id", distinct=True)))
    elif facet == "value_chain":
        rows = (ProcurementCase.value_chains.through.objects.filter(procurementcase_id__in=ids)
                .values(value=F("valuechain__slug")).annotate(n=Count("procurementcase_id", distinct=True)))
    else:
        rows = ProcurementCase.objects.filter(pk__in=ids).values(value=F(facet)).annotate(n=Count("pk"))
    return {row["value"]: row["n"] for row in rows}


def _facet_labels() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    from django.utils.translation import gettext as _

    chains = [(v.slug, v.name) for v in ValueChain.objects.order_by("order", "pk")]
    return {
        "country": (_("Country"), []),
        "procedure": (_("Procedure"), procedure_choices()),
        "cpv": (_("CPV division"), cpv_divisions()),
        "sector": (_("Sector"), [(str(v), str(label)) for v, label in Sector.choices]),
        "value_chain": (_("Value chain"), chains),
        "stage": (_("Stage"), [(str(v), str(label)) for v, label in CaseStage.choices]),
        "language": (_("Language"), [(v, str(label)) for v, label in CASE_LANGUAGES]),
    }


def case_vocabularies() -> dict:
    """The procedure and CPV-division choices of the case filters, read once per page."""
    return {"procedure": procedure_choices(), "cpv": cpv_divisions()}


def case_facets(*, actor, data, filterset=None) -> list[Facet]:
    """Each facet's values with the number of cases, counted with every other facet's choice applied.

    The counts are those a user gets by ticking the value next (a "disjunctive" facet): ticking a second
    country adds its cases, so its count ignores the first country but keeps the search and the other facets.
    One filter set parses the choices (pass the page's own); each facet applies the other filters to the
    gated rows and counts in one query.
    """
    from .filtersets import CaseFilterSet

    vocabularies = _facet_labels()
    base = case_list(actor=actor)
    if filterset is None:
        given = {"procedure": vocabularies["procedure"][1], "cpv": vocabularies["cpv"][1]}
        filterset = CaseFilterSet(data or None, queryset=base, choices=given)
    valid = filterset.is_valid() if filterset.is_bound else True
    cleaned = filterset.form.cleaned_data if filterset.is_bound and valid else {}
    selected_values = {name: {str(v) for v in (data.getlist(name) if hasattr(data, "getlist") else [])}
                       for name in vocabularies}
    facets = []
    for name, (label, choices) in vocabularies.items():
        rows = base if valid else base.none()
        for other, flt in filterset.filters.items():
            if other != name and cleaned.get(other) not in (None, "", []):
                rows = flt.filter(rows, cleaned[other])
        counts = _counts(rows, name)
        selected = selected_values[name]
        labels = dict(choices) if choices else {code: country_name(code) for code in counts | dict.fromkeys(selected)}
        order = labels if choices else sorted(labels, key=lambda c: labels[c])
        facets.append(Facet(name, label, [FacetOption(value, labels.get(value, value), counts.get(value, 0),
                                                      value in selected)
                                          for value in order if counts.get(value) or value in selected]))
    return facets


def peer_buyers(*, actor, case: ProcurementCase) -> list[dict]:
    """Municipalities and regions that ran a similar procurement, with their cases and whether one can be asked."""
    buyers: dict[int, dict] = {}
    for other in similar_cases(actor=actor, case=case, limit=20):
        entry = buyers.setdefault(other.buyer_id, {"buyer": other.buyer, "cases": []})
        entry["cases"].append(other)
    return list(buyers.values())


# ---------------------------------------------------------------- toolbox


def toolbox_list(*, actor) -> QuerySet[ToolboxItem]:
    return ToolboxItem.objects.restrict(actor, VIEW).select_related("lead_author").order_by("title", "pk")


def toolbox_get(*, actor, slug: str) -> ToolboxItem | None:
    return (ToolboxItem.objects.restrict(actor, VIEW).select_related("lead_author").prefetch_related("authors")
            .filter(slug=slug).first())


def toolbox_page(*, actor, item: ToolboxItem) -> dict:
    """The item as the actor should read it: authors and reviewers the working copy, others the published one."""
    may_change = can(actor, CHANGE, item)
    published = item.versions.order_by("-number").first()
    shown = item if may_change or published is None else published
    progress = (LearnerProgress.objects.filter(learner=actor, item=item).first()
                if item.is_module and is_signed_in(actor) else None)
    return {
        "shown": shown,
        "may_change": may_change,
        "may_review": can(actor, REVIEW, item),
        "may_see_history": may_see_history(actor, item),
        "transitions": TOOLBOX_WORKFLOW.available(item, actor),
        "versions": item.versions.select_related("published_by"),
        "lessons": list(item.lessons.all()) if item.is_module else [],
        "quiz": list(item.quiz_questions.all()) if item.is_module else [],
        "progress": progress,
        "log": item.transitions.select_related("by").order_by("-at", "-pk")[:20],
    }


def review_queue(*, actor) -> QuerySet[ToolboxItem]:
    """Toolbox items waiting for a reviewer (empty for everyone else)."""
    if not is_reviewer(actor):
        return ToolboxItem.objects.none()
    return ToolboxItem.objects.restrict(actor, REVIEW).filter(status=ToolboxStatus.IN_REVIEW)


# ---------------------------------------------------------------- self-assessment


def active_questionnaire() -> Questionnaire | None:
    return Questionnaire.objects.filter(is_active=True).order_by("pk").first()


def questionnaire_get(*, slug: str) -> Questionnaire | None:
    return Questionnaire.objects.filter(slug=slug, is_active=True).prefetch_related("dimensions__questions").first()


def assessment_get(*, actor, pk: int) -> Assessment | None:
    return (Assessment.objects.restrict(actor, VIEW).select_related("organisation", "questionnaire")
            .prefetch_related("shares__cluster").filter(pk=pk).first())


def my_assessments(*, actor) -> QuerySet[Assessment]:
    return Assessment.objects.restrict(actor, CHANGE).select_related("organisation", "questionnaire")


def shared_with_my_clusters(*, actor) -> QuerySet[Assessment]:
    """Results members shared with a cluster the actor manages (edits)."""
    from northern_connections.accounts.selectors import editor_organisation_ids

    if not is_signed_in(actor):
        return Assessment.objects.none()
    return (Assessment.objects.restrict(actor, VIEW).filter(shares__cluster_id__in=editor_organisation_ids(actor))
            .select_related("organisation").prefetch_related("shares__cluster").distinct().order_by(
                "organisation__name", "-completed_at"))


def sme_choices(*, actor) -> QuerySet[Organisation]:
    return sme_organisations(actor).order_by("name")


def _profile(organisation: Organisation) -> scoring.Profile:
    return scoring.Profile(organisation.pk, organisation.size_class or "",
                           frozenset(v.slug for v in organisation.value_chains.all()))


def assessment_benchmark(*, assessment: Assessment) -> tuple[dict[str, float | None], int]:
    """The mean scores of comparable SMEs (their latest completed assessment of the questionnaire) and how many."""
    completed = (Assessment.objects.filter(questionnaire=assessment.questionnaire, completed_at__isnull=False)
                 .exclude(organisation_id=assessment.organisation_id).select_related("organisation")
                 .prefetch_related("organisation__value_chains").order_by("organisation_id", "-completed_at"))
    latest: dict[int, Assessment] = {}
    for row in completed:
        latest.setdefault(row.organisation_id, row)
    group = scoring.comparable_group(_profile(assessment.organisation),
                                     [_profile(a.organisation) for a in latest.values()])
    return scoring.benchmark(latest[i].scores for i in group), len(group)


def assessment_page(*, actor, assessment: Assessment) -> dict:
    """Result page: dimensions with scores and benchmark, the radar chart's data, recommendations, sharing."""
    dimensions = list(assessment.questionnaire.dimensions.order_by("order", "pk"))
    context = {"dimensions": dimensions, "may_change": can(actor, CHANGE, assessment),
               "may_share": can(actor, SHARE, assessment) or can(actor, CHANGE, assessment)}
    if not assessment.is_completed:
        return context
    reference, peers = assessment_benchmark(assessment=assessment)
    weak = scoring.weakest_dimensions(assessment.scores, reference)
    context.update({
        "benchmark": reference, "peers": peers, "weak": [d for d in dimensions if d.key in weak],
        "rows": [(d, assessment.scores.get(d.key), reference.get(d.key)) for d in dimensions],
        "recommended_items": recommended_toolbox(actor=actor, keys=weak),
        "recommended_measures": recommended_measures(actor=actor, organisation=assessment.organisation,
                                                     dimensions=[d for d in dimensions if d.key in weak]),
        "recommended_clusters": recommended_clusters(actor=actor, organisation=assessment.organisation),
        "clusters": member_clusters(organisation=assessment.organisation),
        "shares": list(assessment.shares.all()),
    })
    return context


def recommended_toolbox(*, actor, keys: list[str], limit: int = 6) -> list[ToolboxItem]:
    """Published toolbox items for SMEs that help with the weakest dimensions, the weakest first."""
    items = list(ToolboxItem.objects.restrict(actor, VIEW).filter(version__gt=0, audience__icontains='"sme"')
                 .order_by("title"))
    ranked = [(min((keys.index(t) for t in item.topics if t in keys), default=None), item) for item in items]
    return [item for rank, item in sorted((r for r in ranked if r[0] is not None), key=lambda r: (r[0], r[1].title))
            ][:limit]


def recommended_measures(*, actor, organisation: Organisation, dimensions, limit: int = 6) -> list:
    """Published support measures of the types that help the weak dimensions, open to SMEs where the SME is."""
    from northern_connections.support.choices import COUNTED_STATUSES
    from northern_connections.support.filtersets import region_q
    from northern_connections.support.models import SupportMeasure

    kinds = {kind for d in dimensions for kind in d.support_kinds}
    if not kinds:
        return []
    measures = SupportMeasure.objects.restrict(actor, VIEW).filter(status__in=COUNTED_STATUSES, kind__in=kinds)
    measures = measures.filter(Q(target_groups=[]) | Q(target_groups__icontains='"sme"'))
    code = organisation.nuts_region.code if organisation.nuts_region_id else organisation.country
    return list(measures.filter(region_q(code)).select_related("provider").order_by("name")[:limit])


def member_clusters(*, organisation: Organisation) -> list[Organisation]:
    ids = ClusterMembership.objects.filter(member=organisation).values("cluster_id")
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def recommended_clusters(*, actor, organisation: Organisation, limit: int = 4) -> list[Organisation]:
    """Clusters the SME is not yet in that work on its value chains, those of its own country first."""
    chains = organisation.value_chains.values("pk")
    mine = ClusterMembership.objects.filter(member=organisation).values("cluster_id")
    through = Organisation.value_chains.through.objects.filter(valuechain_id__in=chains).values("organisation_id")
    rows = (Organisation.objects.restrict(actor, VIEW).filter(kind=OrganisationKind.CLUSTER, pk__in=through)
            .exclude(pk__in=mine).order_by("name"))
    return sorted(rows[:100], key=lambda c: (c.country != organisation.country, c.name))[:limit]


# ---------------------------------------------------------------- publications, conversations, Q&A


def publication_list(*, actor) -> QuerySet[Publication]:
    return (Publication.objects.restrict(actor, VIEW).select_related("publisher").prefetch_related("tags")
            .order_by("-published_at", "-pk"))


def publication_get(*, actor, slug: str) -> Publication | None:
    return publication_list(actor=actor).filter(slug=slug).first()


def public_publications() -> QuerySet[Publication]:
    """What the Atom feed publishes."""
    return (Publication.objects.filter(published_at__isnull=False, status=PublicationStatus.PUBLISHED)
            .select_related("publisher").prefetch_related("tags").order_by("-published_at"))


def conversation_list(*, actor) -> QuerySet[Conversation]:
    return Conversation.objects.restrict(actor, VIEW).select_related("case", "started_by", "advisor")


def conversation_get(*, actor, pk: int) -> Conversation | None:
    return conversation_list(actor=actor).filter(pk=pk).first()


def question_list(*, actor) -> QuerySet[CommunityQuestion]:
    return (CommunityQuestion.objects.restrict(actor, VIEW).select_related("author", "case")
            .annotate(answer_count=Count("answers", filter=Q(answers__status=PostStatus.PUBLISHED)))
            .order_by("-created", "-pk"))


def question_get(*, actor, slug: str) -> CommunityQuestion | None:
    return CommunityQuestion.objects.restrict(actor, VIEW).select_related("author", "case").filter(slug=slug).first()


def question_page(*, actor, question: CommunityQuestion) -> dict:
    from .models import CommunityAnswer

    return {
        "answers": CommunityAnswer.objects.restrict(actor, VIEW).filter(question=question).select_related("author"),
        "may_accept": can(actor, ACCEPT, question),
        "may_moderate": can(actor, MODERATE, question),
        "signed_in": is_signed_in(actor),
    }


def moderation_queue(*, actor) -> dict:
    """Pending questions and open reports, for moderators."""
    return {
        "pending": CommunityQuestion.objects.restrict(actor, MODERATE).filter(status=PostStatus.PENDING),
        "reports": AbuseReport.objects.restrict(actor, MODERATE).filter(status=ReportStatus.OPEN)
        .select_related("question", "answer__question", "reporter"),
    }
