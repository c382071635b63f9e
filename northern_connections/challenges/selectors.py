"""Reads of the challenge board, already restricted to the actor."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from northern_connections.accounts.selectors import member_organisation_ids
from northern_connections.core.permissions import CHANGE, VIEW, can
from northern_connections.directory.models import Organisation

from . import ranking
from .choices import EVALUATED_STATUSES, PUBLIC_STATUSES, ApplicationStatus, PartnerStatus
from .models import (
    Application,
    ApplicationPartner,
    Challenge,
    ChallengeView,
    Clarification,
    JuryAssignment,
    Score,
)
from .permissions import EVALUATE

# What a row of the board shows; the long texts stay in the database.
LIST_FIELDS = ("pk", "slug", "owner_id", "status", "language", "title", "title_en", "country", "budget_max_eur",
               "currency", "application_deadline", "published_at", "trl_min", "trl_max", "route")


def challenge_list(*, actor) -> QuerySet[Challenge]:
    """Challenges for the board: related rows in a fixed number of queries.

    The owners are prefetched rather than joined: with the join, SQLite chose to walk the
    organisations and sort every public challenge before taking a page (40 ms at 10,000 challenges,
    bench/bench_challenges.py); alone, the challenge query walks the deadline index (2 ms).
    """
    return (
        Challenge.objects.restrict(actor, VIEW)
        .only(*LIST_FIELDS)
        .prefetch_related(Prefetch("owner", queryset=Organisation.objects.only("pk", "slug", "name", "country")),
                          "value_chains")
        .order_by("application_deadline", "pk")
    )


def public_challenges() -> QuerySet[Challenge]:
    """What feeds and the OCDS package publish: every challenge that has been published."""
    return (Challenge.objects.filter(status__in=PUBLIC_STATUSES, published_at__isnull=False)
            .select_related("owner", "nuts_region").prefetch_related("cpv_codes", "criteria"))


def challenge_get(*, actor, slug: str, action: str = VIEW) -> Challenge | None:
    return (
        Challenge.objects.restrict(actor, action)
        .select_related("owner", "nuts_region")
        .prefetch_related("co_owners", "value_chains", "value_chain_steps", "cpv_codes", "nace_codes", "criteria",
                          "translations", "documents")
        .filter(slug=slug)
        .first()
    )


def user_organisations(actor):
    if not actor.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=member_organisation_ids(actor)).order_by("name")


def challenge_detail_context(*, actor, challenge: Challenge) -> dict:
    clarifications = Clarification.objects.restrict(actor, VIEW).filter(challenge=challenge)
    context = {
        "can_edit": can(actor, CHANGE, challenge),
        "clarifications": clarifications,
        "transitions": challenge.transitions.select_related("by"),
        "is_juror": actor.is_authenticated and JuryAssignment.objects.filter(challenge=challenge, user=actor).exists(),
        "my_organisations": list(user_organisations(actor)),
        "my_applications": [],
    }
    if actor.is_authenticated:
        context["my_applications"] = list(Application.objects.restrict(actor, VIEW).filter(challenge=challenge)
                                          .select_related("applicant"))
    return context


def application_list(*, actor) -> QuerySet[Application]:
    """The applications of the actor's organisations, as lead or consortium partner."""
    if not actor.is_authenticated:
        return Application.objects.none()
    orgs = member_organisation_ids(actor)
    partner_apps = ApplicationPartner.objects.filter(organisation_id__in=orgs).values("application_id")
    return (Application.objects.restrict(actor, VIEW).filter(Q(applicant_id__in=orgs) | Q(pk__in=partner_apps))
            .select_related("challenge", "applicant").order_by("-updated"))


def application_get(*, actor, pk: int, action: str = VIEW) -> Application | None:
    return (Application.objects.restrict(actor, action).select_related("challenge", "challenge__owner", "applicant")
            .prefetch_related(Prefetch("partners", queryset=ApplicationPartner.objects.select_related("organisation")),
                              "attachments").filter(pk=pk).first())


def applicant_label(application: Application, *, blind: bool) -> str:
    return str(application.blind_label) if blind else str(application.applicant)


def evaluation_rows(*, actor, challenge: Challenge) -> list[dict]:
    """The applications a juror evaluates, with their own progress and conflicts (blind-aware)."""
    from .services import juror_conflict

    if not Challenge.objects.restrict(actor, EVALUATE).filter(pk=challenge.pk).exists():
        return []
    assignment = JuryAssignment.objects.select_related("user").filter(challenge=challenge, user=actor).first()
    if assignment is None:  # a platform administrator looking on
        return [{"application": a, "label": applicant_label(a, blind=challenge.blind_evaluation),
                 "conflict": _("You are not on this jury."), "scored": 0, "complete": False}
                for a in challenge.applications.filter(status__in=EVALUATED_STATUSES).select_related("applicant")]
    criteria_count = challenge.criteria.count()
    mine = dict(Score.objects.filter(assignment=assignment).values_list("application_id").annotate(n=Count("pk")))
    rows = []
    applications = (challenge.applications.filter(status__in=EVALUATED_STATUSES).select_related("applicant")
                    .prefetch_related("partners"))
    for application in applications:
        rows.append({
            "application": application,
            "label": applicant_label(application, blind=challenge.blind_evaluation),
            "conflict": juror_conflict(assignment, application),
            "scored": mine.get(application.pk, 0),
            "complete": mine.get(application.pk, 0) >= criteria_count > 0,
        })
    return rows


def challenge_ranking(*, challenge: Challenge) -> list[dict]:
    """The weighted ranking with disagreement (ranking.py), for the owner's page and the Excel export.

    Callers check that the actor may change the challenge; jurors never see each other's scores.
    """
    criteria = list(challenge.criteria.all())
    applications = {a.pk: a for a in challenge.applications.filter(status__in=EVALUATED_STATUSES)
                    .select_related("applicant")}
    scores = [ranking.ScoreRow(application=a, juror=j, criterion=c, value=v) for a, j, c, v in
              Score.objects.filter(application__in=list(applications)).values_list(
                  "application_id", "assignment_id", "criterion_id", "value")]
    results = ranking.rank(list(applications), {c.pk: c.weight for c in criteria}, scores)
    return [{
        "application": applications[r.application], "result": r,
        "applicant_label": str(applications[r.application].applicant),
        "country": applications[r.application].applicant.country,
    } for r in results]


def challenge_reach(*, challenge: Challenge) -> dict:
    """Views and applications by country and the share of applicants from abroad (owner only)."""
    views = {row["country"] or "—": row["n"] for row in ChallengeView.objects.filter(challenge=challenge)
             .values("country").annotate(n=Sum("count")).order_by()}
    submitted = challenge.applications.exclude(status__in=(ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN))
    applications = {row["applicant__country"]: row["n"] for row in submitted.values("applicant__country")
                    .annotate(n=Count("pk")).order_by()}
    partners = {row["organisation__country"]: row["n"] for row in ApplicationPartner.objects.filter(
        application__in=submitted, status=PartnerStatus.CONFIRMED).values("organisation__country")
        .annotate(n=Count("pk")).order_by()}
    total = sum(applications.values())
    abroad = sum(n for country, n in applications.items() if country != challenge.country)
    countries = sorted(set(views) | set(applications) | set(partners))
    return {
        "rows": [{"country": c, "views": views.get(c, 0), "applications": applications.get(c, 0),
                  "partners": partners.get(c, 0)} for c in countries],
        "total_views": sum(views.values()),
        "total_applications": total,
        "share_abroad": round(100 * abroad / total, 1) if total else None,
    }
