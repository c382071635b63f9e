"""Who may use each Living Labs page and endpoint (run by core/tests/test_permission_matrix.py).

The world: `organisation` (a verified Swedish municipality, lead partner, administered by "member")
proposes the candidates and coordinates the rounds; `other_organisation` (a Danish SME administered by
"outsider") registered interest, comments and leads a demonstration in the selected lab. A draft round,
a round in assessment (scored by an assessor who is none of the four roles) and a decided round.
Keys in `world.objects` are prefixed `ll_`.
"""

from django.urls import reverse

from northern_connections.core.testing import PermissionCase, Private, expect

PUBLIC = expect(200, 200, 200, 200)
ACTION = expect(302, 200, 403, 200)  # the proposer's / coordinator's page; outsiders see the object
HIDDEN = expect(302, 200, 404, 200)  # the coordinator's page of a round outsiders cannot see
API_WRITE_REFUSED = (401, 403)
# Whether "member" also edits a company depends on other apps' worlds (knowledge makes them an SME's editor):
# then they may register interest (a redirect back) and plan demonstrations; else both are refused.
MEMBER_COMPANY = (302, 403)
ASSESSOR = expect(302, 403, 404, 200)  # the coordinator sees the round but does not score


def build(world):
    from northern_connections.accounts.models import Membership
    from northern_connections.core.testing import create_user
    from northern_connections.directory.tests.factories import OrganisationFactory
    from northern_connections.livinglabs.models import (
        Assessor,
        CandidateComment,
        CandidateInterest,
        Decision,
        LabCall,
        Score,
    )

    from .factories import CandidateFactory, CriterionFactory, DemonstrationFactory, RoundFactory, region

    org = world.organisation
    se = region("SE23", "Västsverige")
    make = lambda slug, **kw: CandidateFactory(proposed_by=org, region=se, slug=slug, name=slug.title(), **kw)  # noqa: E731
    candidate = make("perm-site")
    withdrawn = make("perm-withdrawn", status="withdrawn", description="Secret withdrawn site")
    lab = make("perm-lab", status="selected")
    pool = [make(f"perm-pool-{i}") for i in range(3)]
    draft = RoundFactory(coordinator=org, slug="perm-draft-round", name="Secret draft round")
    draft_criterion = CriterionFactory(round=draft, code="fit")
    assessor_user = create_user("ll-assessor@example.org")
    draft_assessor = Assessor.objects.create(round=draft, user=assessor_user)
    open_round = RoundFactory(coordinator=org, slug="perm-open-round", status="assessment")
    open_round.candidates.set(pool)
    criterion = CriterionFactory(round=open_round, code="fit")
    assessor = Assessor.objects.create(round=open_round, user=assessor_user)
    score = Score.objects.create(assessor=assessor, candidate=pool[0], criterion=criterion, value=4,
                                 comment="Private score comment")
    decided = RoundFactory(coordinator=org, slug="perm-decided-round", status="decided")
    decided.candidates.set([lab, *pool[:1]])
    CriterionFactory(round=decided, code="fit")
    frozen = {"method": "topsis", "per_region": 1, "criteria": [{"id": "fit", "name": "Fit", "weight": 1.0,
                                                                 "direction": "benefit"}], "weights": [1.0],
              "sensitivity": None, "names": {str(lab.pk): lab.name, str(pool[0].pk): pool[0].name}, "candidates": [
                  _row(lab, True, 1), _row(pool[0], False, 2)]}
    decided.frozen = frozen
    decided.save()
    for row, obj in ((frozen["candidates"][0], lab), (frozen["candidates"][1], pool[0])):
        Decision.objects.create(round=decided, candidate=obj, selected=row["selected"], score=row["score"],
                                rank=row["rank"], region_rank=row["region_rank"], reason=row["reason"])
    third = OrganisationFactory(kind="sme", country="NO")
    Membership.objects.create(user=create_user("ll-third@example.org"), organisation=third, role="admin")
    world.objects.update({f"ll_{k}": v for k, v in {
        "candidate": candidate, "withdrawn": withdrawn, "lab": lab, "pool": pool, "draft": draft,
        "draft_criterion": draft_criterion, "draft_assessor": draft_assessor, "open": open_round,
        "assessor_user": assessor_user, "score": score, "decided": decided,
        "interest": CandidateInterest.objects.create(candidate=candidate, organisation=world.other_organisation),
        "third_interest": CandidateInterest.objects.create(candidate=candidate, organisation=third,
                                                           note="Private interest note"),
        "comment": CandidateComment.objects.create(candidate=candidate, author=world.users["outsider"],
                                                   text="A public comment"),
        "call": LabCall.objects.create(lab=lab, title="Open call", text="Test your charger here"),
        "demo": DemonstrationFactory(lab=lab, lead=world.other_organisation, slug="perm-demo"),
    }.items()})


def _row(candidate, selected, rank):
    return {"id": str(candidate.pk), "region": "SE23", "score": 1.0 / rank, "rank": rank, "region_rank": rank,
            "selected": selected, "selection_frequency": None, "hinges_on": None, "means": [4.0], "spread": [0.0],
            "reason": {"code": "selected" if selected else "rejected", "rule": None, "rule_facts": {},
                       "hinge_sign": 0, "facts": {"region": "SE23", "region_rank": rank, "region_size": 2, "k": 1,
                                                  "score": f"{1.0 / rank:.3f}", "strongest": "fit", "weakest": "fit",
                                                  "cutoff": "1.000", "gap": "0.500"}}}


def obj(key, attr="slug"):
    return lambda w: getattr(w.objects[f"ll_{key}"], attr)


def url(name, key=None, attr="slug"):
    if key is None:
        return lambda w: reverse(name)
    return lambda w: reverse(name, args=[obj(key, attr)(w)])


def assess_url(w):
    return reverse("livinglabs:candidate_assess", args=["perm-open-round", w.objects["ll_pool"][0].pk])


def candidate_data(w):
    return {"proposed_by": w.organisation.pk, "name": "Matrix quay", "region": w.objects["ll_lab"].region_id,
            "site_type": "harbour", "trl_min": 5, "trl_max": 8, "cost_model": "free", "capacity": 1}


CASES = [
    PermissionCase("livinglabs:candidate_list", "get", url("livinglabs:candidate_list"), PUBLIC),
    PermissionCase("livinglabs:lab_list", "get", url("livinglabs:lab_list"), PUBLIC),
    PermissionCase("livinglabs:candidate_add", "get", url("livinglabs:candidate_add"), ACTION),
    PermissionCase("livinglabs:candidate_add", "post", url("livinglabs:candidate_add"), expect(302, 302, 403, 400),
                   data=candidate_data),
    PermissionCase("livinglabs:candidate_detail", "get", url("livinglabs:candidate_detail", "candidate"), PUBLIC),
    PermissionCase("livinglabs:candidate_detail", "get", url("livinglabs:candidate_detail", "withdrawn"),
                   expect(404, 200, 404, 200), label="withdrawn"),
    PermissionCase("livinglabs:candidate_edit", "get", url("livinglabs:candidate_edit", "candidate"), ACTION),
    PermissionCase("livinglabs:candidate_withdraw", "get", url("livinglabs:candidate_withdraw", "candidate"), ACTION),
    PermissionCase("livinglabs:candidate_withdraw", "post", url("livinglabs:candidate_withdraw", "candidate"),
                   expect(302, 302, 403, 302)),
    PermissionCase("livinglabs:candidate_delete", "get", url("livinglabs:candidate_delete", "candidate"), ACTION),
    PermissionCase("livinglabs:candidate_delete", "post", url("livinglabs:candidate_delete", "candidate"),
                   expect(302, 302, 403, 302)),
    PermissionCase("livinglabs:candidate_history", "get", url("livinglabs:candidate_history", "candidate"), ACTION),
    PermissionCase("livinglabs:interest_register", "post", url("livinglabs:interest_register", "candidate"),
                   expect(302, MEMBER_COMPANY, 302, 302),
                   data=lambda w: {"organisation": w.other_organisation.pk, "note": "x"}),
    PermissionCase("livinglabs:interest_withdraw", "get", url("livinglabs:interest_withdraw", "interest", "pk"),
                   expect(302, 403, 200, 200)),
    PermissionCase("livinglabs:interest_withdraw", "post", url("livinglabs:interest_withdraw", "interest", "pk"),
                   expect(302, 403, 302, 302)),
    PermissionCase("livinglabs:comment_add", "post", url("livinglabs:comment_add", "candidate"),
                   expect(302, 302, 302, 302), data=lambda w: {"text": "Looks promising"}),
    PermissionCase("livinglabs:comment_delete", "get", url("livinglabs:comment_delete", "comment", "pk"),
                   expect(302, 403, 200, 200)),
    PermissionCase("livinglabs:labcall_add", "get", url("livinglabs:labcall_add", "lab"), ACTION),
    PermissionCase("livinglabs:labcall_add", "post", url("livinglabs:labcall_add", "lab"), expect(302, 302, 403, 302),
                   data=lambda w: {"title": "Second call", "text": "Bring your inverter"}),
    PermissionCase("livinglabs:labcall_delete", "get", url("livinglabs:labcall_delete", "call", "pk"),
                   expect(302, 200, 403, 200)),
    PermissionCase("livinglabs:demonstration_list", "get", url("livinglabs:demonstration_list"), PUBLIC),
    PermissionCase("livinglabs:demonstration_detail", "get", url("livinglabs:demonstration_detail", "demo"), PUBLIC),
    PermissionCase("livinglabs:demonstration_add", "get", url("livinglabs:demonstration_add", "lab"),
                   expect(302, (200, 403), 200, 200)),
    PermissionCase("livinglabs:demonstration_edit", "get", url("livinglabs:demonstration_edit", "demo"),
                   expect(302, 200, 200, 200)),
    PermissionCase("livinglabs:demonstration_delete", "get", url("livinglabs:demonstration_delete", "demo"),
                   expect(302, 403, 200, 200)),
    PermissionCase("livinglabs:round_list", "get", url("livinglabs:round_list"), PUBLIC),
    PermissionCase("livinglabs:round_add", "get", url("livinglabs:round_add"), ACTION),
    PermissionCase("livinglabs:round_detail", "get", url("livinglabs:round_detail", "draft"), HIDDEN),
    PermissionCase("livinglabs:round_detail", "get", url("livinglabs:round_detail", "decided"), PUBLIC,
                   label="decided"),
    PermissionCase("livinglabs:round_edit", "get", url("livinglabs:round_edit", "draft"), HIDDEN),
    PermissionCase("livinglabs:round_delete", "get", url("livinglabs:round_delete", "draft"), HIDDEN),
    PermissionCase("livinglabs:round_criteria", "get", url("livinglabs:round_criteria", "draft"), HIDDEN),
    PermissionCase("livinglabs:round_criteria", "post", url("livinglabs:round_criteria", "draft"),
                   expect(302, 302, 404, 302), data=lambda w: {"code": "reach", "name": "Reach", "weight": 2,
                                                               "direction": "benefit", "order": 1}),
    PermissionCase("livinglabs:round_assessors", "get", url("livinglabs:round_assessors", "draft"), HIDDEN),
    PermissionCase("livinglabs:round_assess", "get", url("livinglabs:round_assess", "open"), ASSESSOR),
    PermissionCase("livinglabs:candidate_assess", "get", assess_url, ASSESSOR),
    PermissionCase("livinglabs:round_shortlist", "get", url("livinglabs:round_shortlist", "open"), HIDDEN),
    PermissionCase("livinglabs:round_shortlist", "post", url("livinglabs:round_shortlist", "open"),
                   expect(302, 302, 404, 302)),
    PermissionCase("livinglabs:round_transition", "post", url("livinglabs:round_transition", "draft"),
                   expect(302, 302, 404, 302), data=lambda w: {"to_status": "assessment"}),
    PermissionCase("livinglabs:round_xlsx", "get", url("livinglabs:round_xlsx", "decided"), ACTION),
    PermissionCase("livinglabs:round_pdf", "get", url("livinglabs:round_pdf", "decided"), ACTION),
    PermissionCase("livinglabs:round_history", "get", url("livinglabs:round_history", "decided"), ACTION),
    PermissionCase("livinglabs:criterion_delete", "get", url("livinglabs:criterion_delete", "draft_criterion", "pk"),
                   HIDDEN),
    PermissionCase("livinglabs:assessor_remove", "get", url("livinglabs:assessor_remove", "draft_assessor", "pk"),
                   HIDDEN),
    PermissionCase("api:v1:candidate-list", "get", url("api:v1:candidate-list"), PUBLIC),
    PermissionCase("api:v1:candidate-list", "post", url("api:v1:candidate-list"),
                   expect(API_WRITE_REFUSED, 201, 403, 201), json=True,
                   data=lambda w: {"proposed_by": w.organisation.slug, "name": "API quay", "region": "SE23",
                                   "site_type": "harbour"}),
    PermissionCase("api:v1:candidate-detail", "get", url("api:v1:candidate-detail", "candidate"), PUBLIC),
    PermissionCase("api:v1:selectionround-list", "get", url("api:v1:selectionround-list"), PUBLIC),
    PermissionCase("api:v1:selectionround-detail", "get", url("api:v1:selectionround-detail", "decided"), PUBLIC),
    PermissionCase("api:v1:selectionround-shortlist", "get", url("api:v1:selectionround-shortlist", "decided"),
                   PUBLIC),
    PermissionCase("api:v1:demonstration-list", "get", url("api:v1:demonstration-list"), PUBLIC),
    PermissionCase("api:v1:demonstration-detail", "get", url("api:v1:demonstration-detail", "demo"), PUBLIC),
]

# Rows no outsider nor anonymous visitor may see: a withdrawn entry, a draft round, a third company's
# interest, an assessor's score.
PRIVATE = [
    Private("a withdrawn candidate", url("livinglabs:candidate_detail", "withdrawn"),
            markers=lambda w: ["Secret withdrawn site"]),
    Private("a draft selection round", url("livinglabs:round_detail", "draft"),
            markers=lambda w: ["Secret draft round"]),
    Private("another company's interest", url("livinglabs:candidate_detail", "candidate"),
            markers=lambda w: ["Private interest note"]),
    Private("an assessor's score", assess_url,
            markers=lambda w: ["Private score comment"], viewer=lambda w: w.objects["ll_assessor_user"]),
]
