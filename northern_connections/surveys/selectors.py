"""Reads of the surveys app, restricted to the actor, and the answer sets fed to the plain-Python aggregation."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from northern_connections.core.audit import may_see_history
from northern_connections.core.permissions import CHANGE, VIEW, can
from northern_connections.directory.models import NutsRegion

from .models import Response, Survey, digest
from .permissions import RESULTS
from .services.audiences import recipients
from .workflow import SURVEY_WORKFLOW


def survey_list(*, actor) -> QuerySet[Survey]:
    """Surveys the actor may see (their organisations' and the public ones), with their submitted count."""
    return (Survey.objects.restrict(actor, VIEW).select_related("owner")
            .annotate(submitted_count=Count("responses", filter=Q(responses__submitted=True)))
            .order_by("-created", "pk"))


def survey_get(*, actor, slug: str, action: str = VIEW) -> Survey | None:
    return Survey.objects.restrict(actor, action).select_related("owner", "previous_round").filter(slug=slug).first()


def survey_page(*, actor, survey: Survey) -> dict:
    """What the survey's page shows: to its owners the builder, audience, invitations and moves."""
    may_change = can(actor, CHANGE, survey)
    context = {"may_change": may_change, "may_see_results": can(actor, RESULTS, survey),
               "questions": list(survey.ordered_questions()), "sections": list(survey.sections.all())}
    if may_change:
        invitations = survey.invitations.aggregate(total=Count("pk"), started=Count("pk", filter=Q(started=True)),
                                                   sent=Count("pk", filter=Q(sent_at__isnull=False)))
        context.update({
            "transitions": SURVEY_WORKFLOW.available(survey, actor),
            "audiences": list(survey.audiences.select_related("region", "cluster", "organisation")),
            "audience_size": len(recipients(survey)),
            "invitations": invitations,
            "submitted": survey.responses.filter(submitted=True).count(),
            "may_see_history": may_see_history(actor, survey),
            "log": survey.transitions.select_related("by").order_by("-at", "-pk")[:10],
        })
    return context


def ballot_get(*, survey: Survey, resume_key: str) -> Response | None:
    """The draft that a resume key opens (the key is the credential; only its digest is stored)."""
    if not resume_key:
        return None
    return Response.objects.filter(survey=survey, resume_digest=digest(resume_key), submitted=False,
                                   claimed=True).first()


@dataclass(frozen=True)
class Filters:
    """Who the results are about: a country, an organisation kind, a NUTS region (code prefix), a tag."""

    country: str = ""
    organisation_kind: str = ""
    region: str = ""
    tag: str = ""
    labels: dict = field(default_factory=dict, compare=False)

    def q(self) -> Q:
        q = Q()
        if self.country:
            q &= Q(country=self.country)
        if self.organisation_kind:
            q &= Q(organisation_kind=self.organisation_kind)
        if self.region:
            q &= Q(region__startswith=self.region)
        return q

    @property
    def active(self) -> bool:
        return bool(self.country or self.organisation_kind or self.region or self.tag)


def answer_sets(*, survey: Survey, filters: Filters | None = None) -> list[dict]:
    """The submitted answer sets of a survey (filtered), in a random order: the input of logic.aggregate."""
    rows = Response.objects.filter(survey=survey, submitted=True)
    if filters is not None:
        rows = rows.filter(filters.q())
    found = rows.order_by("id").values_list("answers", "tags")
    if filters is not None and filters.tag:
        return [answers for answers, tags in found if any(filters.tag in t for t in (tags or {}).values())]
    return [answers for answers, _tags in found]


def answer_rows(*, survey: Survey, filters: Filters | None = None) -> list[tuple]:
    """(response id, answers, tags) of the submitted responses, for free text and tagging (owners only)."""
    rows = Response.objects.filter(survey=survey, submitted=True)
    if filters is not None:
        rows = rows.filter(filters.q())
    found = list(rows.order_by("id").values_list("id", "answers", "tags"))
    if filters is not None and filters.tag:
        found = [row for row in found if any(filters.tag in t for t in (row[2] or {}).values())]
    return found


def responses_for_owner(*, actor, survey: Survey, filters: Filters | None = None) -> QuerySet[Response]:
    """Submitted responses as the owners see them: a named one with its person and organisation."""
    rows = Response.objects.restrict(actor, RESULTS).filter(survey=survey, submitted=True)
    if filters is not None:
        rows = rows.filter(filters.q())
    return rows.select_related("respondent", "organisation").order_by("id")


def filter_choices(*, survey: Survey) -> dict:
    """The countries, kinds and regions that occur among the submitted responses (for the filter form)."""
    rows = Response.objects.filter(survey=survey, submitted=True)
    regions = sorted({code for code in rows.values_list("region", flat=True) if code})
    names = dict(NutsRegion.objects.filter(code__in=regions).values_list("code", "name"))
    return {"countries": sorted({c for c in rows.values_list("country", flat=True) if c}),
            "kinds": sorted({k for k in rows.values_list("organisation_kind", flat=True) if k}),
            "regions": [(code, names.get(code, code)) for code in regions]}


def rounds(*, actor, survey: Survey) -> list[Survey]:
    """Earlier and later rounds of the survey that the actor may read results of (for the comparison)."""
    related = Survey.objects.restrict(actor, RESULTS).filter(
        Q(pk=survey.previous_round_id) | Q(previous_round=survey)).exclude(pk=survey.pk)
    return list(related.order_by("created"))
