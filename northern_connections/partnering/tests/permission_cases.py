"""Who may use each partnering page and endpoint (run by core/tests/test_permission_matrix.py).

The world: "member" administers `organisation` (a verified Swedish municipality), which owns the
requests and coordinates the consortium; "outsider" administers a Danish SME that is in none of
it. A third organisation (`pn_third`) sent the expression of interest and is invited to the
consortium. Keys in `world.objects` are prefixed `pn_`.
"""

from django.urls import reverse

from northern_connections.core.testing import PermissionCase, Private, expect

DRAFT_TITLE = "Secret draft request QZW"
CONSORTIUM_NAME = "Secret consortium QZV"
INTEREST_MESSAGE = "Secret interest message QZU"


def build(world):
    from django.core.files.base import ContentFile

    from northern_connections.directory.tests.factories import OrganisationFactory
    from northern_connections.partnering.models import (
        Consortium,
        ConsortiumDocument,
        ConsortiumMember,
        ConsortiumTask,
        ExpressionOfInterest,
    )

    from .factories import FundingCallFactory, PartnerRequestFactory

    call = world.objects["pn_call"] = FundingCallFactory(slug="pn-call")
    world.objects["pn_third"] = third = OrganisationFactory(country="DE", name="Third GmbH")
    world.objects["pn_request"] = request = PartnerRequestFactory(
        owner=world.organisation, status="published", reference="TOSE20261201001", title="Published request")
    world.objects["pn_draft"] = PartnerRequestFactory(owner=world.organisation, title=DRAFT_TITLE)
    world.objects["pn_interest"] = ExpressionOfInterest.objects.create(request=request, organisation=third,
                                                                       message=INTEREST_MESSAGE)
    consortium = world.objects["pn_consortium"] = Consortium.objects.create(call=call, name=CONSORTIUM_NAME,
                                                                             slug="pn-consortium")
    ConsortiumMember.objects.create(consortium=consortium, organisation=world.organisation, role="coordinator",
                                    status="joined")
    world.objects["pn_invited"] = ConsortiumMember.objects.create(consortium=consortium, organisation=third)
    world.objects["pn_task"] = ConsortiumTask.objects.create(consortium=consortium, title="Write WP1")
    world.objects["pn_document"] = ConsortiumDocument.objects.create(
        consortium=consortium, title="Budget sheet", file=ContentFile(b"budget", name="budget.txt"))


def pk_url(name, key):
    return lambda w: reverse(name, kwargs={"pk": w.objects[key].pk})


def slug_url(name, key):
    return lambda w: reverse(name, kwargs={"slug": w.objects[key].slug})


def request_data(w):
    return {"kind": "TO", "title": "Form request", "summary": "Drones.", "partner_sought": "Operators.",
            "partnership_type": "commercial", "owner": w.organisation.pk}


PRIVATE = [
    Private("a draft partner request", pk_url("partnering:request_detail", "pn_draft"),
            markers=lambda w: [DRAFT_TITLE], api_list="api:v1:partnerrequest-list",
            pk=lambda w: w.objects["pn_draft"].pk),
    Private("a consortium's workspace", slug_url("partnering:consortium_detail", "pn_consortium"),
            markers=lambda w: [CONSORTIUM_NAME], api_list="api:v1:consortium-list",
            pk=lambda w: w.objects["pn_consortium"].pk),
    Private("an expression of interest", pk_url("partnering:request_detail", "pn_request"),
            markers=lambda w: [INTEREST_MESSAGE]),
]

PUBLIC = expect(200, 200, 200, 200)
SIGNED_IN = expect(302, 200, 200, 200)
MEMBERS = expect(302, 200, 404, 200)  # the consortium's members (and the platform's administrators)
MEMBER_WRITES = expect(302, 302, 404, 302)
OWNER_PAGE, OWNER_WRITES = expect(302, 200, 403, 200), expect(302, 302, 403, 302)
CASES = [
    PermissionCase("partnering:call_list", "get", lambda w: reverse("partnering:call_list"), PUBLIC),
    PermissionCase("partnering:call_detail", "get", slug_url("partnering:call_detail", "pn_call"), PUBLIC),
    PermissionCase("partnering:consortium_add", "get", slug_url("partnering:consortium_add", "pn_call"), SIGNED_IN),
    PermissionCase("partnering:consortium_add", "post", slug_url("partnering:consortium_add", "pn_call"),
                   expect(302, 302, 400, 400),
                   data=lambda w: {"coordinator": w.organisation.pk, "name": "Form consortium"}),
    PermissionCase("partnering:request_list", "get", lambda w: reverse("partnering:request_list"), PUBLIC),
    PermissionCase("partnering:request_add", "get", lambda w: reverse("partnering:request_add"), SIGNED_IN),
    PermissionCase("partnering:request_add", "post", lambda w: reverse("partnering:request_add"),
                   expect(302, 302, 400, 400), data=request_data),
    PermissionCase("partnering:request_detail", "get", pk_url("partnering:request_detail", "pn_request"), PUBLIC),
    PermissionCase("partnering:request_detail", "get", pk_url("partnering:request_detail", "pn_draft"),
                   expect(302, 200, 404, 200), label="(draft)"),
    PermissionCase("partnering:request_edit", "get", pk_url("partnering:request_edit", "pn_request"), OWNER_PAGE),
    PermissionCase("partnering:request_edit", "post", pk_url("partnering:request_edit", "pn_request"), OWNER_WRITES,
                   data=request_data),
    PermissionCase("partnering:request_transition", "post", pk_url("partnering:request_transition", "pn_request"),
                   OWNER_WRITES, data=lambda w: {"to_status": "closed"}),
    PermissionCase("partnering:request_extend", "post", pk_url("partnering:request_extend", "pn_request"),
                   OWNER_WRITES),
    PermissionCase("partnering:request_history", "get", pk_url("partnering:request_history", "pn_request"),
                   OWNER_PAGE),
    PermissionCase("partnering:interest_add", "post", pk_url("partnering:interest_add", "pn_request"),
                   expect(302, 302, 302, 302),
                   data=lambda w: {"organisation": w.other_organisation.pk, "message": "We are interested."}),
    PermissionCase("partnering:interest_transition", "post", pk_url("partnering:interest_transition", "pn_interest"),
                   MEMBER_WRITES, data=lambda w: {"to_status": "accepted"}),
    PermissionCase("partnering:consortium_list", "get", lambda w: reverse("partnering:consortium_list"), SIGNED_IN),
    PermissionCase("partnering:consortium_detail", "get", slug_url("partnering:consortium_detail", "pn_consortium"),
                   MEMBERS),
    PermissionCase("partnering:consortium_builder", "get", slug_url("partnering:consortium_builder", "pn_consortium"),
                   MEMBERS),
    PermissionCase("partnering:consortium_builder", "post",
                   slug_url("partnering:consortium_builder", "pn_consortium"), MEMBER_WRITES,
                   data=lambda w: {"member": [w.other_organisation.pk]}),
    PermissionCase("partnering:member_invite", "post", slug_url("partnering:member_invite", "pn_consortium"),
                   MEMBER_WRITES,
                   data=lambda w: {"invite-organisation": w.other_organisation.pk, "invite-role": "partner",
                                   "invite-budget_eur": "0"}),
    PermissionCase("partnering:task_add", "post", slug_url("partnering:task_add", "pn_consortium"), MEMBER_WRITES,
                   data=lambda w: {"task-title": "Write WP2"}),
    PermissionCase("partnering:document_add", "post", slug_url("partnering:document_add", "pn_consortium"),
                   MEMBER_WRITES, data=lambda w: {"document-title": "No file"}),
    PermissionCase("partnering:member_respond", "post", pk_url("partnering:member_respond", "pn_invited"),
                   expect(302, 403, 404, 302), data=lambda w: {"accept": "yes"}),
    PermissionCase("partnering:task_toggle", "post", pk_url("partnering:task_toggle", "pn_task"), MEMBER_WRITES),
    PermissionCase("partnering:document_delete", "post", pk_url("partnering:document_delete", "pn_document"),
                   MEMBER_WRITES),
    PermissionCase("api:v1:fundingcall-list", "get", lambda w: reverse("api:v1:fundingcall-list"), PUBLIC),
    PermissionCase("api:v1:fundingcall-detail", "get", slug_url("api:v1:fundingcall-detail", "pn_call"), PUBLIC),
    PermissionCase("api:v1:partnerrequest-list", "get", lambda w: reverse("api:v1:partnerrequest-list"), PUBLIC),
    PermissionCase("api:v1:partnerrequest-list", "post", lambda w: reverse("api:v1:partnerrequest-list"),
                   expect(403, 201, 403, 201), json=True,
                   data=lambda w: {"owner": w.organisation.slug, "kind": "BR", "title": "API request",
                                   "summary": "Sensors.", "partnership_type": "supplier"}),
    PermissionCase("api:v1:partnerrequest-detail", "get", pk_url("api:v1:partnerrequest-detail", "pn_request"),
                   PUBLIC),
    PermissionCase("api:v1:partnerrequest-detail", "patch", pk_url("api:v1:partnerrequest-detail", "pn_request"),
                   expect(403, 200, 403, 200), json=True, data=lambda w: {"title": "Patched request"}),
    PermissionCase("api:v1:partnerrequest-detail", "delete", pk_url("api:v1:partnerrequest-detail", "pn_draft"),
                   expect(403, 204, 404, 204), json=True),
    PermissionCase("api:v1:consortium-list", "get", lambda w: reverse("api:v1:consortium-list"), PUBLIC),
    PermissionCase("api:v1:consortium-detail", "get", slug_url("api:v1:consortium-detail", "pn_consortium"),
                   expect(404, 200, 404, 200)),
]
