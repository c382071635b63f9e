"""The rules of Living Labs' services: who proposes, the round's life cycle, scores, shortlist, decision."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from northern_connections.core import audit
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.livinglabs import selectors, services
from northern_connections.livinglabs.choices import RoundStatus
from northern_connections.livinglabs.models import CandidateInterest, Decision, Score

from .conftest import score_everything
from .factories import CandidateFactory, region

pytestmark = pytest.mark.django_db


def _fields(**extra):
    return {"name": "Esbjerg harbour test quay", "region": region("DK03"), "site_type": "harbour",
            "facilities": ["quay"], **extra}


def test_a_verified_city_proposes_an_unverified_one_cannot(people):
    candidate = services.candidate_create(actor=people.member, proposed_by=people.organisation, **_fields())
    assert candidate.slug == "esbjerg-harbour-test-quay" and candidate.is_active
    people.organisation.verification_status = "unverified"
    people.organisation.save()
    with pytest.raises((ValidationError, PermissionDenied)):
        services.candidate_create(actor=people.member, proposed_by=people.organisation, **_fields(name="Other"))


def test_an_sme_cannot_propose(people):
    with pytest.raises(PermissionDenied):
        services.candidate_create(actor=people.outsider, proposed_by=people.other_organisation, **_fields())


def test_candidate_must_be_in_a_nuts2_region_with_a_sane_trl_range(people):
    county = region("DK032")
    county.level = 3
    county.save()
    with pytest.raises(ValidationError) as error:
        services.candidate_create(actor=people.member, proposed_by=people.organisation,
                                  **_fields(region=county, trl_min=8, trl_max=6))
    assert {"region", "trl_max"} <= set(error.value.message_dict)


def test_companies_register_interest_once_and_the_proposer_sees_it(people):
    candidate = CandidateFactory(proposed_by=people.organisation)
    services.interest_register(actor=people.outsider, candidate=candidate, organisation=people.other_organisation,
                               note="Sensors")
    services.interest_register(actor=people.outsider, candidate=candidate, organisation=people.other_organisation,
                               note="Sensors and data")
    assert CandidateInterest.objects.restrict(people.member, "view").get().note == "Sensors and data"
    with pytest.raises(PermissionDenied):
        services.interest_register(actor=people.member, candidate=candidate, organisation=people.organisation)


def test_round_opens_only_when_complete(lab_world):
    round, member = lab_world["round"], lab_world["people"].member
    round.per_region = 4
    round.save()
    with pytest.raises(ValidationError, match="Region DK03 has 3 candidate"):
        services.round_transition(actor=member, round=round, to_status=RoundStatus.ASSESSMENT)
    round.per_region = 2
    round.save()
    assert services.round_transition(actor=member, round=round, to_status=RoundStatus.ASSESSMENT).is_in_assessment


def test_only_assessors_score_and_only_during_the_assessment(lab_world):
    round, candidate = lab_world["round"], lab_world["candidates"][0]
    fit = lab_world["criteria"][0]
    with pytest.raises(PermissionDenied):  # still a draft
        services.scores_save(actor=lab_world["assessors"][0], round=round, candidate=candidate, values={fit.pk: 4})
    services.round_transition(actor=lab_world["people"].member, round=round, to_status=RoundStatus.ASSESSMENT)
    with pytest.raises(PermissionDenied):
        services.scores_save(actor=lab_world["people"].outsider, round=round, candidate=candidate,
                             values={fit.pk: 4})
    assert services.scores_save(actor=lab_world["assessors"][0], round=round, candidate=candidate,
                                values={fit.pk: "4.5"}) == 1
    with pytest.raises(ValidationError, match="from 0 to 5"):
        services.scores_save(actor=lab_world["assessors"][0], round=round, candidate=candidate, values={fit.pk: 6})


def test_score_changes_are_in_the_audit_trail(lab_world):
    round, candidate, fit = lab_world["round"], lab_world["candidates"][0], lab_world["criteria"][0]
    services.round_transition(actor=lab_world["people"].member, round=round, to_status=RoundStatus.ASSESSMENT)
    assessor = lab_world["assessors"][0]
    services.scores_save(actor=assessor, round=round, candidate=candidate, values={fit.pk: 3})
    services.scores_save(actor=assessor, round=round, candidate=candidate, values={fit.pk: 4})
    entries = audit.history_for(Score.objects.get(), lab_world["people"].member)
    assert len(entries) == 2


def test_shortlist_needs_every_score_then_selects_two_per_region(lab_world):
    round, member = lab_world["round"], lab_world["people"].member
    services.round_transition(actor=member, round=round, to_status=RoundStatus.ASSESSMENT)
    with pytest.raises(ValidationError, match="missing"):
        services.round_shortlist(actor=member, round=round)
    score_everything(lab_world)
    run = services.round_shortlist(actor=member, round=round)
    selected = {row["id"] for row in run.result["candidates"] if row["selected"]}
    expected = {str(c.pk) for i, c in enumerate(lab_world["candidates"]) if i % 3 < 2}
    assert selected == expected
    assert all(row["selection_frequency"] is not None and row["reason"]["code"] for row in run.result["candidates"])
    data = selectors.round_data(round)
    assert data.spread[0][0] == pytest.approx(0.2357, abs=1e-3)  # 5, 4.5, 5: the assessors disagree a little


def test_decision_freezes_the_round_and_selects_the_labs(lab_world):
    round, member = lab_world["round"], lab_world["people"].member
    services.round_transition(actor=member, round=round, to_status=RoundStatus.ASSESSMENT)
    score_everything(lab_world)
    services.round_shortlist(actor=member, round=round)
    services.scores_save(actor=lab_world["assessors"][0], round=round, candidate=lab_world["candidates"][0],
                         values={lab_world["criteria"][0].pk: 1})
    with pytest.raises(ValidationError, match="Run the shortlist again"):
        services.round_transition(actor=member, round=round, to_status=RoundStatus.DECIDED)
    services.round_shortlist(actor=member, round=round)
    round = services.round_transition(actor=member, round=round, to_status=RoundStatus.DECIDED)
    assert round.is_decided and round.frozen["selected"] and Decision.objects.filter(round=round).count() == 6
    assert sum(c.is_selected for c in [type(c).objects.get(pk=c.pk) for c in lab_world["candidates"]]) == 4
    with pytest.raises(ValidationError, match="frozen"):
        services.criterion_save(actor=member, round=round, code="fit", name="Fit", weight=9)
    with pytest.raises(PermissionDenied):
        services.scores_save(actor=lab_world["assessors"][0], round=round, candidate=lab_world["candidates"][0],
                             values={lab_world["criteria"][0].pk: 5})


def test_rules_of_the_round_are_kept(lab_world):
    round, member = lab_world["round"], lab_world["people"].member
    host = OrganisationFactory(kind="cluster")
    for candidate in lab_world["candidates"][:1] + lab_world["candidates"][3:4]:
        candidate.hosts.set([host])
    round.max_per_host = 1
    round.save()
    services.round_transition(actor=member, round=round, to_status=RoundStatus.ASSESSMENT)
    score_everything(lab_world)
    run = services.round_shortlist(actor=member, round=round)
    chosen = [row for row in run.result["candidates"] if row["selected"]]
    assert run.result["solver"] == "cp-sat" and len(chosen) == 4
    assert sum(1 for row in chosen if row["id"] in {str(lab_world["candidates"][0].pk),
                                                      str(lab_world["candidates"][3].pk)}) == 1


def test_demonstrations_run_in_selected_labs_with_evidence_for_the_trl_step(people):
    lab = CandidateFactory(proposed_by=people.organisation)
    fields = {"title": "Shore power pilot", "plan": "Three months", "trl_before": 6}
    with pytest.raises(ValidationError, match="selected Living Labs"):
        services.demonstration_create(actor=people.outsider, lab=lab, lead=people.other_organisation, **fields)
    lab.status = "selected"
    lab.save()
    demo = services.demonstration_create(actor=people.outsider, lab=lab, lead=people.other_organisation, **fields)
    with pytest.raises(ValidationError) as error:
        services.demonstration_update(actor=people.outsider, demonstration=demo, trl_after=8, status="completed")
    assert "trl_evidence" in error.value.message_dict
    demo = services.demonstration_update(actor=people.outsider, demonstration=demo, trl_after=8, status="completed",
                                         trl_evidence="Test report 2026-04")
    assert demo.trl_step == 2
