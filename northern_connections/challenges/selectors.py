"""Reads of the challenge board, already restricted to the actor."""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    When,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from northern_connections.accounts.models import Membership, User
from northern_connections.accounts.selectors import member_organisation_ids
from northern_connections.core import clock
from northern_connections.core.audit import may_see_history
from northern_connections.core.permissions import CHANGE, VIEW, can
from northern_connections.directory.models import Organisation

from . import ranking
from .choices import EVALUATED_STATUSES, PUBLIC_STATUSES, ApplicationStatus, ChallengeStatus, PartnerStatus
from .conflicts import EXCLUDING, Competition, Conflict, build_competition
from .models import (
    Application,
    ApplicationPartner,
    Challenge,
    ChallengeView,
    Clarification,
    ConflictDeclaration,
    ConflictException,
    JuryAssignment,
    Score,
)
from .permissions import EVALUATE, IDENTIFY

# What the owner's ranking says about a juror's score of an application (conflicts.py).
CONFLICT_LABELS = {
    Conflict.OWN: gettext_lazy("Excluded: the juror belongs to this application's consortium"),
    Conflict.STRUCTURAL: gettext_lazy("Excluded: structural conflict (the juror belongs to an organisation "
                                      "in the competition)"),
    Conflict.DECLARED: gettext_lazy("Excluded: the juror declared a conflict of interest"),
    Conflict.EXCEPTION: gettext_lazy("Counted: exception granted by the owner"),
}
# What a juror is told next to an application they may not score.
JUROR_CONFLICT_MESSAGES = {
    Conflict.OWN: gettext_lazy("You belong to the applicant or one of its consortium partners."),
    Conflict.STRUCTURAL: gettext_lazy("You belong to an organisation that takes part in this competition; you "
                                      "score none of its applications unless the owner records an exception."),
    Conflict.DECLARED: gettext_lazy("You declared a conflict of interest with this application."),
}

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
        .prefetch_related(Prefetch("owner", queryset=Organisation.objects.only(
            "pk", "slug", "name", "country", "verification_status", "name_review")), "value_chains")
        .order_by("application_deadline", "pk")
    )


def open_for_applications() -> Q:
    """Challenge.is_open in SQL: published and before the deadline, even if the close task is late."""
    return Q(status=ChallengeStatus.PUBLISHED, application_deadline__gt=clock.now())


def board_order(queryset: QuerySet[Challenge], *, include_closed: bool) -> QuerySet[Challenge]:
    """What a visitor of the board sees, in the board's order.

    By default only challenges open for applications, soonest deadline first: what an SME or a
    procurement officer can still act on (the status index serves it and stops after a page).
    With `include_closed`, the closed, decided, archived and cancelled ones follow the open ones,
    most recent deadline first (last month's results before last year's); that order is a sort.
    """
    if not include_closed:
        return queryset.filter(open_for_applications()).order_by("application_deadline", "pk")
    is_open = open_for_applications()
    return queryset.annotate(
        board_group=Case(When(is_open, then=0), default=1, output_field=IntegerField()),
    ).order_by(
        "board_group",
        Case(When(is_open, then=F("application_deadline"))).asc(),
        F("application_deadline").desc(nulls_last=True),
        "pk",
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


def juror_candidate_get(*, email: str):
    """The active user registered with `email` (any case), or None: how owners name a juror on page and API."""
    return User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()


def competition_get(*, challenge: Challenge, users=None) -> Competition:
    """The facts of the conflict rule for one challenge, read now (conflicts.py); a fixed number of queries.

    `users` (default: the jury) are the people whose memberships count, e.g. a candidate juror.
    Only applications under evaluation take part: a draft is nobody's business but its authors'.
    """
    applications = challenge.applications.filter(status__in=EVALUATED_STATUSES)
    partners = ApplicationPartner.objects.filter(application__in=applications.values("pk"),
                                                 status=PartnerStatus.CONFIRMED)
    user_ids = (JuryAssignment.objects.filter(challenge=challenge).values("user_id") if users is None
                else [user.pk for user in users])
    return build_competition(
        applications=applications.values_list("pk", "applicant_id"),
        partners=partners.values_list("application_id", "organisation_id"),
        memberships=Membership.objects.filter(user_id__in=user_ids).values_list("user_id", "organisation_id"),
        declared=ConflictDeclaration.objects.filter(assignment__challenge=challenge)
        .values_list("assignment__user_id", "application_id"),
        exceptions=ConflictException.objects.filter(assignment__challenge=challenge)
        .values_list("assignment__user_id", flat=True),
    )


def conflict_organisations(*, challenge: Challenge, user) -> list[Organisation]:
    """The organisations in the challenge's competition that `user` belongs to (for the owner's jury page)."""
    ids = competition_get(challenge=challenge, users=[user]).organisations_of(user.pk)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def jury_rows(*, challenge: Challenge) -> list[dict]:
    """The owner's view of the jury: each juror, the organisations that tie them, their exception, and the
    conflicts they declared (the owner knows who applied, even in a blind evaluation)."""
    competition = competition_get(challenge=challenge)
    jury = list(challenge.jury.select_related("user", "conflict_exception__granted_by")
                .prefetch_related(Prefetch("conflicts", queryset=ConflictDeclaration.objects
                                           .select_related("application__applicant").order_by("pk"))))
    tied = {j.pk: competition.organisations_of(j.user_id) for j in jury}
    names = dict(Organisation.objects.filter(pk__in=set().union(*tied.values())).values_list("pk", "name"))
    return [{
        "assignment": j,
        "organisations": sorted(names[pk] for pk in tied[j.pk]),
        "exception": getattr(j, "conflict_exception", None),
        "declared": list(j.conflicts.all()),
    } for j in jury]


def with_identity(queryset: QuerySet, *, actor, path: str = "pk") -> QuerySet:
    """Annotate each row with `identified`: whether the actor may know who applied (no: a blind jury).

    `path` leads from the row to its application ("pk" for applications, "application" for files).
    """
    ids = Application.objects.restrict(actor, IDENTIFY).values("pk")
    return queryset.annotate(identified=ExpressionWrapper(Q(**{f"{path}__in": ids}), output_field=BooleanField()))


def application_identified(*, actor, application: Application) -> bool:
    """Whether the actor may know who wrote `application` (uses `with_identity`'s annotation when present)."""
    identified = getattr(application, "identified", None)
    return can(actor, IDENTIFY, application) if identified is None else bool(identified)


def user_organisations(actor):
    if not actor.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=member_organisation_ids(actor)).order_by("name")


def challenge_detail_context(*, actor, challenge: Challenge) -> dict:
    clarifications = Clarification.objects.restrict(actor, VIEW).filter(challenge=challenge)
    context = {
        "can_edit": can(actor, CHANGE, challenge),
        "can_see_history": may_see_history(actor, challenge),
        "clarifications": clarifications,
        "transitions": challenge.transitions.select_related("by"),
        "is_juror": actor.is_authenticated and JuryAssignment.objects.filter(challenge=challenge, user=actor).exists(),
        "my_organisations": list(user_organisations(actor)),
        "my_applications": [],
    }
    if actor.is_authenticated:
        # The actor's own organisations' applications only: a juror may read every submitted one,
        # and a blind jury must not find the applicants' names here.
        context["my_applications"] = list(application_list(actor=actor).filter(challenge=challenge))
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
    if not Challenge.objects.restrict(actor, EVALUATE).filter(pk=challenge.pk).exists():
        return []
    applications = challenge.applications.filter(status__in=EVALUATED_STATUSES).select_related("applicant")
    assignment = JuryAssignment.objects.filter(challenge=challenge, user=actor).first()
    if assignment is None:  # a platform administrator looking on
        return [{"application": a, "label": applicant_label(a, blind=challenge.blind_evaluation),
                 "conflict": _("You are not on this jury."), "scored": 0, "complete": False} for a in applications]
    competition = competition_get(challenge=challenge, users=[actor])
    criteria_count = challenge.criteria.count()
    mine = dict(Score.objects.filter(assignment=assignment).values_list("application_id").annotate(n=Count("pk")))
    return [{
        "application": application,
        "label": applicant_label(application, blind=challenge.blind_evaluation),
        "conflict": juror_conflict_message(competition, actor.pk, application.pk),
        "scored": mine.get(application.pk, 0),
        "complete": mine.get(application.pk, 0) >= criteria_count > 0,
    } for application in applications]


def juror_conflict_message(competition: Competition, user_id: int, application_id: int) -> str | None:
    """What a juror is told when they may not score an application (None: they may)."""
    conflict = competition.conflict(user_id, application_id)
    return str(JUROR_CONFLICT_MESSAGES[conflict]) if conflict in EXCLUDING else None


def challenge_ranking(*, challenge: Challenge) -> list[dict]:
    """The weighted ranking with disagreement (ranking.py), for the owner's page, the Excel export and the API.

    Scores of conflicted jurors (conflicts.py, evaluated now, not at appointment) are excluded and
    listed with the reason; scores counted under an exception are listed too. Callers check that
    the actor may change the challenge; jurors never see each other's scores.
    """
    criteria = list(challenge.criteria.all())
    applications = {a.pk: a for a in challenge.applications.filter(status__in=EVALUATED_STATUSES)
                    .select_related("applicant")}
    jurors = {j.pk: j.user for j in challenge.jury.select_related("user")}
    competition = competition_get(challenge=challenge)
    rows = Score.objects.filter(application__in=list(applications)).values_list(
        "application_id", "assignment_id", "criterion_id", "value")
    scores = [ranking.ScoreRow(application=a, juror=j, criterion=c, value=v) for a, j, c, v in rows]
    conflicts = {(s.application, s.juror): competition.conflict(jurors[s.juror].pk, s.application) for s in scores}
    excluded = {pair: kind for pair, kind in conflicts.items() if kind in EXCLUDING}
    results = ranking.rank(list(applications), {c.pk: c.weight for c in criteria}, scores, excluded=excluded)
    return [{
        "application": applications[r.application], "result": r,
        "applicant_label": str(applications[r.application].applicant),
        "country": applications[r.application].applicant.country,
        "excluded": [{"juror": jurors[j], "reason": kind, "label": CONFLICT_LABELS[kind],
                      "total": r.excluded_totals.get(j)} for j, kind in sorted(r.excluded.items())],
        "exceptions": [jurors[j] for (a, j), kind in sorted(conflicts.items())
                       if a == r.application and kind == Conflict.EXCEPTION],
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
