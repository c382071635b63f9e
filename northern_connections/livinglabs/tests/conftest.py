import pytest


@pytest.fixture
def lab_world(people, make_user):
    """The root `people` as a Living Labs cast: the member's municipality proposes and, as lead partner,
    coordinates; the outsider's SME registers interest and demonstrates; three assessors score.

    Two regions (SE23, DK03) with three candidates each; a round with two criteria and the three assessors.
    """
    from northern_connections.directory.tests.factories import PartnerFactory
    from northern_connections.livinglabs.models import Assessor

    from .factories import CandidateFactory, CriterionFactory, RoundFactory, region

    PartnerFactory(organisation=people.organisation, role="lead")
    se, dk = region("SE23", "Västsverige"), region("DK03", "Syddanmark")
    candidates = [CandidateFactory(proposed_by=people.organisation, region=r, name=f"{r.code} site {i}",
                                   slug=f"{r.code.lower()}-site-{i}") for r in (se, dk) for i in range(3)]
    round = RoundFactory(coordinator=people.organisation, slug="round", name="First round", samples=100)
    round.candidates.set(candidates)
    fit = CriterionFactory(round=round, code="fit", name="Fit with the S3 strategy", weight=3)
    cost = CriterionFactory(round=round, code="cost", name="Cost for SMEs", weight=1, direction="cost")
    assessors = [make_user(f"assessor{i}@example.org") for i in range(3)]
    for user in assessors:
        Assessor.objects.create(round=round, user=user)
    return {"people": people, "round": round, "candidates": candidates, "criteria": [fit, cost],
            "assessors": assessors, "regions": (se, dk)}


def score_everything(world, values=None):
    """Every assessor scores every candidate: fit = 5 - i for the i-th candidate of its region, cost = 2."""
    from northern_connections.livinglabs import services

    round = world["round"]
    fit, cost = world["criteria"]
    for a, user in enumerate(world["assessors"]):
        for i, candidate in enumerate(world["candidates"]):
            value = (values or {}).get(candidate.pk, 5 - (i % 3))
            services.scores_save(actor=user, round=round, candidate=candidate,
                                 values={fit.pk: value - (a % 2) * 0.5, cost.pk: 2})
