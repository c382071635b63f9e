"""Who may use each directory page and endpoint (run by core/tests/test_permission_matrix.py)."""

from django.urls import reverse

from northern_connections.core.testing import PermissionCase, Private, expect

from .factories import ContactPersonFactory, OrganisationFactory, PartnerFactory


def build(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from northern_connections.accounts.models import Membership
    from northern_connections.directory.models import VerificationRequest

    world.objects["deletable"] = OrganisationFactory()
    Membership.objects.create(user=world.users["outsider"], organisation=world.objects["deletable"], role="admin")
    world.objects["contact"] = ContactPersonFactory(organisation=world.organisation, gdpr_consent=False,
                                                    name="Private contact", email="no-consent@example.org")
    world.objects["partner"] = PartnerFactory(organisation=world.organisation, role="lead")
    # The member administers two unverified organisations: one with a pending request, one without.
    for key in ("unverified", "unverified_fresh"):
        world.objects[key] = OrganisationFactory(kind="municipality", country="SE", verification_status="unverified")
        Membership.objects.create(user=world.users["member"], organisation=world.objects[key], role="admin")
    world.objects["verification"] = VerificationRequest.objects.create(
        organisation=world.objects["unverified"], requested_by=world.users["member"], claimed_kind="municipality",
        claimed_name=world.objects["unverified"].name, claimed_country="SE", website="https://example.org",
        document=SimpleUploadedFile("register.pdf", b"%PDF-1.4\n%%EOF\n"), document_type="application/pdf")


def verification_url(name):
    return lambda w: reverse(name, args=[w.objects["verification"].pk])


# Rows that no outsider nor anonymous visitor may see (core/tests/test_permission_matrix.py).
PRIVATE = [
    Private("a contact without consent", lambda w: reverse("directory:organisation_detail", args=[w.organisation.slug]),
            markers=lambda w: ["Private contact", "no-consent@example.org"]),
]


def org_url(name, **extra):
    return lambda w: reverse(name, kwargs={"slug": w.organisation.slug, **extra})


def org_data(w):
    # The organisation is verified: renaming it ends the verification, which the form asks to confirm.
    return {"name": "Renamed municipality", "kind": "municipality", "country": "SE", "languages": "sv, en",
            "confirm_unverify": "on"}


PUBLIC = expect(200, 200, 200, 200)
CASES = [
    PermissionCase("core:health", "get", lambda w: reverse("core:health"), PUBLIC),
    PermissionCase("directory:organisation_list", "get", lambda w: reverse("directory:organisation_list"), PUBLIC),
    PermissionCase("directory:organisation_map", "get", lambda w: reverse("directory:organisation_map"), PUBLIC),
    PermissionCase("directory:nuts_region_options", "get",
                   lambda w: reverse("directory:nuts_region_options") + "?country=SE", PUBLIC),
    PermissionCase("directory:organisation_detail", "get", org_url("directory:organisation_detail"), PUBLIC),
    PermissionCase("directory:partnership_detail", "get",
                   lambda w: reverse("directory:partnership_detail", args=[w.objects["partner"].partnership.slug]),
                   PUBLIC),
    PermissionCase("directory:organisation_add", "get", lambda w: reverse("directory:organisation_add"),
                   expect(302, 200, 200, 200)),
    PermissionCase("directory:organisation_add", "post", lambda w: reverse("directory:organisation_add"),
                   expect(302, 302, 302, 302), data=lambda w: {"name": "New SME", "kind": "sme", "country": "NO"}),
    PermissionCase("directory:organisation_edit", "get", org_url("directory:organisation_edit"),
                   expect(302, 200, 403, 200)),
    PermissionCase("directory:organisation_edit", "post", org_url("directory:organisation_edit"),
                   expect(302, 302, 403, 302), data=org_data),
    PermissionCase("directory:organisation_history", "get", org_url("directory:organisation_history"),
                   # the organisation's administrators (the member is one) and platform admins only
                   expect(302, 200, 403, 200)),
    PermissionCase("directory:organisation_join", "post", org_url("directory:organisation_join"),
                   expect(302, 302, 302, 302)),
    PermissionCase("directory:contactperson_add", "get", org_url("directory:contactperson_add"),
                   expect(302, 200, 403, 200)),
    PermissionCase("directory:contactperson_add", "post", org_url("directory:contactperson_add"),
                   expect(302, 302, 403, 302), data=lambda w: {"name": "Press office", "gdpr_consent": "on"}),
    PermissionCase("directory:contactperson_edit", "get",
                   lambda w: reverse("directory:contactperson_edit", args=[w.objects["contact"].pk]),
                   # Without consent the contact is hidden from outsiders altogether: 404, not 403.
                   expect(302, 200, 404, 200)),
    PermissionCase("directory:contactperson_delete", "post",
                   lambda w: reverse("directory:contactperson_delete", args=[w.objects["contact"].pk]),
                   expect(302, 302, 404, 302)),
    PermissionCase("api:v1:organisation-list", "get", lambda w: reverse("api:v1:organisation-list"), PUBLIC),
    PermissionCase("api:v1:organisation-list", "post", lambda w: reverse("api:v1:organisation-list"),
                   expect(403, 201, 201, 201), json=True,
                   data=lambda w: {"name": "API SME", "kind": "sme", "country": "DE"}),
    PermissionCase("api:v1:organisation-detail", "get",
                   lambda w: reverse("api:v1:organisation-detail", args=[w.organisation.slug]), PUBLIC),
    PermissionCase("api:v1:organisation-detail", "patch",
                   lambda w: reverse("api:v1:organisation-detail", args=[w.organisation.slug]),
                   expect(403, 200, 403, 200), json=True, data=lambda w: {"city": "Göteborg"}),
    PermissionCase("api:v1:organisation-detail", "delete",
                   lambda w: reverse("api:v1:organisation-detail", args=[w.objects["deletable"].slug]),
                   # The outsider administers this organisation, so may delete it; the member may not.
                   expect(403, 403, 204, 204), json=True, label="(outsider's)"),
    PermissionCase("directory:verificationrequest_add", "get",
                   lambda w: reverse("directory:verificationrequest_add", args=[w.objects["unverified_fresh"].slug]),
                   expect(302, 200, 403, 200)),
    PermissionCase("directory:verificationrequest_add", "post",
                   lambda w: reverse("directory:verificationrequest_add", args=[w.objects["unverified_fresh"].slug]),
                   expect(302, 302, 403, 302), data=lambda w: {"website": "https://example.org", "note": "Town hall"}),
    PermissionCase("directory:verification_queue", "get", lambda w: reverse("directory:verification_queue"),
                   expect(302, 200, 200, 200)),
    # The organisation's administrator reads the request and its document, but does not decide it.
    PermissionCase("directory:verificationrequest_detail", "get",
                   verification_url("directory:verificationrequest_detail"), expect(302, 200, 404, 200)),
    PermissionCase("directory:verificationrequest_document", "get",
                   verification_url("directory:verificationrequest_document"), expect(302, 200, 404, 200)),
    PermissionCase("directory:verificationrequest_decide", "post",
                   verification_url("directory:verificationrequest_decide"), expect(302, 403, 404, 302),
                   data=lambda w: {"decision": "reject", "reason": "Not the official site."}),
    PermissionCase("api:v1:verificationrequest-list", "get", lambda w: reverse("api:v1:verificationrequest-list"),
                   expect(200, 200, 200, 200)),
    PermissionCase("api:v1:verificationrequest-list", "post", lambda w: reverse("api:v1:verificationrequest-list"),
                   expect(403, 201, 403, 201), json=True,
                   data=lambda w: {"organisation": w.objects["unverified_fresh"].slug,
                                   "website": "https://example.org"}),
    PermissionCase("api:v1:verificationrequest-detail", "get", verification_url("api:v1:verificationrequest-detail"),
                   expect(404, 200, 404, 200)),
    PermissionCase("api:v1:verificationrequest-decide", "post", verification_url("api:v1:verificationrequest-decide"),
                   expect((403, 404), 403, 404, 200), json=True,
                   data=lambda w: {"approve": False, "reason": "No evidence."}),
    PermissionCase("api:v1:partnership-list", "get", lambda w: reverse("api:v1:partnership-list"), PUBLIC),
    PermissionCase("api:v1:partnership-detail", "get",
                   lambda w: reverse("api:v1:partnership-detail", args=[w.objects["partner"].partnership.slug]),
                   PUBLIC),
    PermissionCase("api:v1:nutsregion-list", "get", lambda w: reverse("api:v1:nutsregion-list"), PUBLIC),
    PermissionCase("api:v1:nutsregion-detail", "get", lambda w: reverse("api:v1:nutsregion-detail", args=["XX"]),
                   expect(404, 404, 404, 404)),
    PermissionCase("api:v1:vocabulary-list", "get", lambda w: reverse("api:v1:vocabulary-list"), PUBLIC),
]
