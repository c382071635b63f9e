"""Demo surveys: the innovative-procurement needs assessment of the municipalities of two Danish regions.

Region Midtjylland (the partnership's lead) asks the procurement offices of the 19 municipalities of
Midtjylland (DK04) and the 11 of Nordjylland (DK05) about innovative procurement, in two rounds: 2025
(closed) and 2026 (closed, results published), so the results page compares the rounds and the regions.
Every municipality has a demo procurement officer (procurement.<slug>@example.org, password
"northern-demo"). The answers are seeded and go through the same services as a real respondent's
(invitation link → anonymous ballot → submit), so the demo keeps the anonymity rules too. A third survey,
event feedback with an open link, is open for anyone to try.

Deterministic (seeded) and idempotent: a survey whose slug exists is left as it is.
"""

from __future__ import annotations

import random

from django.db import transaction

from northern_connections.accounts.models import Membership, MembershipRole, User
from northern_connections.directory.choices import OrganisationKind, OrganisationSource
from northern_connections.directory.demo import DEMO_PASSWORD
from northern_connections.directory.models import NutsRegion, Organisation
from northern_connections.directory.services import organisations_mark_verified

from . import services
from .choices import AudienceKind, SurveyStatus
from .models import Invitation, Response, Survey, digest, new_secret

OWNER, OWNER_USER = "region-midtjylland", "coordinator@example.org"
# (name, NUTS 3 code): the municipalities of Region Midtjylland and Region Nordjylland
MUNICIPALITIES = [
    ("Aarhus Kommune", "DK042"), ("Favrskov Kommune", "DK042"), ("Hedensted Kommune", "DK042"),
    ("Herning Kommune", "DK041"), ("Holstebro Kommune", "DK041"), ("Horsens Kommune", "DK042"),
    ("Ikast-Brande Kommune", "DK041"), ("Lemvig Kommune", "DK041"), ("Norddjurs Kommune", "DK042"),
    ("Odder Kommune", "DK042"), ("Randers Kommune", "DK042"), ("Ringkøbing-Skjern Kommune", "DK041"),
    ("Samsø Kommune", "DK042"), ("Silkeborg Kommune", "DK042"), ("Skanderborg Kommune", "DK042"),
    ("Skive Kommune", "DK041"), ("Struer Kommune", "DK041"), ("Syddjurs Kommune", "DK042"),
    ("Viborg Kommune", "DK041"),
    ("Aalborg Kommune", "DK050"), ("Brønderslev Kommune", "DK050"), ("Frederikshavn Kommune", "DK050"),
    ("Hjørring Kommune", "DK050"), ("Jammerbugt Kommune", "DK050"), ("Læsø Kommune", "DK050"),
    ("Mariagerfjord Kommune", "DK050"), ("Morsø Kommune", "DK050"), ("Rebild Kommune", "DK050"),
    ("Thisted Kommune", "DK050"), ("Vesthimmerland Kommune", "DK050"),
]
REGIONS = ("DK04", "DK05")
ROUNDS = [("demo-procurement-needs-2025", 0.0, 0.7), ("demo-procurement-needs-2026", 0.15, 0.85)]
FEEDBACK_SLUG = "demo-event-feedback"


def _slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name.replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("å", "aa"))


def _municipalities() -> list[tuple[Organisation, User]]:
    """The 30 municipalities, each with a demo procurement officer (created once)."""
    regions = dict(NutsRegion.objects.filter(code__in=[code for _n, code in MUNICIPALITIES]).values_list("code", "pk"))
    found = []
    for name, code in MUNICIPALITIES:
        slug = _slug(name)
        organisation, _created = Organisation.objects.get_or_create(slug=slug, defaults={
            "name": name, "short_name": name.replace(" Kommune", ""), "kind": OrganisationKind.MUNICIPALITY,
            "country": "DK", "city": name.replace(" Kommune", ""), "nuts_region_id": regions.get(code),
            "source": OrganisationSource.DEMO, "description": "Municipality (demo record)."})
        email = f"procurement.{slug.removesuffix('-kommune')}@example.org"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=f"Procurement, {name}",
                                            preferred_language="da", is_demo=True)
            from allauth.account.models import EmailAddress

            EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        Membership.objects.get_or_create(user=user, organisation=organisation,
                                         defaults={"role": MembershipRole.MEMBER})
        found.append((organisation, user))
    organisations_mark_verified(organisations=[o for o, _u in found])
    return found


def _answers(rng: random.Random, *, experience: float, north: bool) -> dict:
    """One municipality's seeded answers; larger and southern ones are a little further along."""
    used = "yes" if rng.random() < experience + (0.0 if north else 0.15) else rng.choice(["no", "no", "unsure"])
    answers = {
        "role": rng.choice(["procurement", "procurement", "procurement", "manager", "other"]),
        "procedures": rng.choice([20, 35, 50, 80, 120, 200, 400]),
        "used": used,
        "readiness": max(1, min(5, round(rng.gauss(3.4 if used == "yes" else 2.2, 0.8)))),
        "skills": {row: rng.choice(["none", "basic", "basic", "good"] if used != "yes" else ["basic", "good",
                                                                                              "good", "expert"])
                   for row in ("dialogue", "requirements", "evaluation", "ipr")},
        "priorities": rng.sample(["energy", "mobility", "care", "circular", "digital"], 5),
        "support": rng.sample(["training", "peers", "toolbox", "helpdesk", "joint", "funding"], rng.randint(1, 3)),
    }
    if used == "yes":
        answers["methods"] = rng.sample(["pcp", "ppi", "partnership", "dialogue", "market", "contest"],
                                        rng.randint(1, 3))
    else:
        answers["barriers"] = rng.sample(["legal", "skills", "budget", "risk", "market", "political"],
                                         rng.randint(1, 3))
    if rng.random() < 0.4:
        answers["comments"] = rng.choice([
            "We need a legal helpdesk before we dare to try a PCP.", "Joint procurement with neighbours would help.",
            "Our politicians want results in one budget year.", "Market dialogue worked well for our heat plan.",
            "We lack staff who can write functional requirements.", "Templates from other municipalities, please."])
    return answers


def _answer(survey: Survey, respondents, rng: random.Random, *, experience: float, share: float) -> int:
    """Invite every officer (a link per invitation, its token only in memory) and let `share` of them answer."""
    count = 0
    for organisation, user in respondents:
        token = new_secret()
        Invitation.objects.create(survey=survey, email=user.email, user=user, organisation=organisation,
                                  token_digest=digest(token), sent_at=survey.opened_at)
        if rng.random() > share:
            continue
        north = organisation.nuts_region is not None and organisation.nuts_region.code.startswith("DK05")
        started = services.response_start_by_invitation(token=token, language="da")
        services.response_save(response=started.response, submit=True,
                               answers=_answers(rng, experience=experience, north=north))
        count += 1
    return count


def _procurement_round(slug, experience, share, previous, owner, actor, respondents, rng) -> Survey:
    survey = services.survey_create_from_template(actor=actor, owner=owner, template="procurement-readiness",
                                                  languages=["en", "da"], language="en", is_demo=True,
                                                  previous_round=previous)
    Survey.objects.filter(pk=survey.pk).update(slug=slug)
    survey.refresh_from_db()
    for code in REGIONS:
        services.audience_add(actor=actor, survey=survey, kind=AudienceKind.KIND_IN_REGION,
                              organisation_kind=OrganisationKind.MUNICIPALITY,
                              region=NutsRegion.objects.get(code=code))
    survey = services.survey_transition(actor=actor, survey=survey, to_status=SurveyStatus.OPEN)
    _answer(survey, respondents, rng, experience=experience, share=share)
    return services.survey_transition(actor=actor, survey=survey, to_status=SurveyStatus.CLOSED)


def load(*, seed: int = 2024) -> dict[str, int]:
    rng = random.Random(seed + 18)
    owner = Organisation.objects.filter(slug=OWNER).first()
    actor = User.objects.filter(email=OWNER_USER).first()
    if owner is None or actor is None or not NutsRegion.objects.filter(code__in=REGIONS).count() == len(REGIONS):
        raise RuntimeError("the directory's demo (Region Midtjylland, its coordinator, NUTS regions) must load first")
    made = 0
    with transaction.atomic():
        respondents = _municipalities()
        previous = Survey.objects.filter(slug=ROUNDS[0][0]).first()
        for slug, experience, share in ROUNDS:
            existing = Survey.objects.filter(slug=slug).first()
            if existing is None:
                existing = _procurement_round(slug, experience, share, previous, owner, actor, respondents, rng)
                made += 1
            previous = existing
        services.survey_publish_results(actor=actor, survey=previous)
        if not Survey.objects.filter(slug=FEEDBACK_SLUG).exists():
            feedback = services.survey_create_from_template(actor=actor, owner=owner, template="event-feedback",
                                                            languages=["en", "da", "sv", "nb", "nl", "de"],
                                                            open_link=True, is_demo=True)
            Survey.objects.filter(pk=feedback.pk).update(slug=FEEDBACK_SLUG)
            feedback.refresh_from_db()
            services.survey_transition(actor=actor, survey=feedback, to_status=SurveyStatus.OPEN)
            made += 1
    responses = Response.objects.filter(survey__is_demo=True, submitted=True).count()
    return {"surveys": Survey.objects.filter(is_demo=True).count(), "new": made, "municipalities": len(respondents),
            "responses": responses}
