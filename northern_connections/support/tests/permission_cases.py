"""Who may use each support-map page and endpoint (run by core/tests/test_permission_matrix.py).

The world: `organisation` (a verified Swedish municipality administered by "member") provides the
measures and is the lead partner of a partnership (directory's build), so "member" is also a
coordinator; "outsider" administers a Danish SME, which neither provides nor coordinates. Keys in
`world.objects` are prefixed `sm_`.
"""

from django.urls import reverse

from northern_connections.core.testing import PermissionCase, Private, expect

DRAFT_NAME = "Secret draft measure ZQX"


def build(world):
    from .factories import SupportMeasureFactory, vocabulary

    vocabulary()
    world.objects["sm_published"] = SupportMeasureFactory(provider=world.organisation, slug="sm-published",
                                                          name="Published measure", areas=["SE23"])
    world.objects["sm_draft"] = SupportMeasureFactory(provider=world.organisation, slug="sm-draft", name=DRAFT_NAME,
                                                      status="draft", areas=["SE23"])


def measure_url(name, key="sm_published"):
    return lambda w: reverse(name, kwargs={"slug": w.objects[key].slug})


def api_url(name, key="sm_published"):
    return lambda w: reverse(name, kwargs={"slug": w.objects[key].slug})


def measure_data(w):
    from northern_connections.directory.models import NutsRegion

    return {"name": "Form measure", "summary_en": "A grant.", "description_language": "en", "kind": "grant",
            "scope": "regional", "areas": [NutsRegion.objects.get(code="SE23").pk], "eligibility": "any",
            "trl_min": "5", "trl_max": "7", "continuous": "on", "provider": w.organisation.pk}


PRIVATE = [
    Private("a draft support measure", measure_url("support:measure_detail", "sm_draft"),
            markers=lambda w: [DRAFT_NAME], api_list="api:v1:supportmeasure-list",
            pk=lambda w: w.objects["sm_draft"].pk),
]

PUBLIC = expect(200, 200, 200, 200)
NAVIGATOR = "?value_chain=offshore-wind&step=operation-maintenance&trl=6&region=SE23&kind=sme"
CASES = [
    PermissionCase("support:coverage", "get", lambda w: reverse("support:coverage") + "?scope=SE23", PUBLIC),
    PermissionCase("support:coverage_export", "get",
                   lambda w: reverse("support:coverage_export") + "?scope=SE23&format=xlsx", PUBLIC),
    PermissionCase("support:coverage_map", "get", lambda w: reverse("support:coverage_map"), PUBLIC),
    PermissionCase("support:navigator", "get", lambda w: reverse("support:navigator") + NAVIGATOR, PUBLIC),
    PermissionCase("support:measure_list", "get", lambda w: reverse("support:measure_list"), PUBLIC),
    PermissionCase("support:measure_export", "get", lambda w: reverse("support:measure_export"), PUBLIC),
    PermissionCase("support:measure_template", "get", lambda w: reverse("support:measure_template"), PUBLIC),
    PermissionCase("support:measure_import", "get", lambda w: reverse("support:measure_import"),
                   expect(302, 200, 403, 200)),
    PermissionCase("support:measure_import", "post", lambda w: reverse("support:measure_import"),
                   expect(302, 400, 403, 400), data=lambda w: {}),
    PermissionCase("support:measure_add", "get", lambda w: reverse("support:measure_add"),
                   expect(302, 200, 403, 200)),
    PermissionCase("support:measure_add", "post", lambda w: reverse("support:measure_add"),
                   expect(302, 302, 403, 302), data=measure_data),
    PermissionCase("support:measure_detail", "get", measure_url("support:measure_detail"), PUBLIC),
    PermissionCase("support:measure_detail", "get", measure_url("support:measure_detail", "sm_draft"),
                   expect(302, 200, 404, 200), label="(draft)"),
    PermissionCase("support:measure_edit", "get", measure_url("support:measure_edit"), expect(302, 200, 403, 200)),
    PermissionCase("support:measure_edit", "post", measure_url("support:measure_edit"), expect(302, 302, 403, 302),
                   data=measure_data),
    PermissionCase("support:measure_delete", "post", measure_url("support:measure_delete", "sm_draft"),
                   expect(302, 302, 404, 302)),
    PermissionCase("support:measure_transition", "post", measure_url("support:measure_transition"),
                   expect(302, 302, 403, 302), data=lambda w: {"to_status": "closed"}),
    # The member administers the lead partner: a coordinator, who verifies; the outsider does not.
    PermissionCase("support:measure_verify", "post", measure_url("support:measure_verify"),
                   expect(302, 302, 403, 302)),
    PermissionCase("support:measure_history", "get", measure_url("support:measure_history"),
                   expect(302, 200, 403, 200)),
    PermissionCase("api:v1:supportmeasure-list", "get", lambda w: reverse("api:v1:supportmeasure-list"), PUBLIC),
    PermissionCase("api:v1:supportmeasure-list", "post", lambda w: reverse("api:v1:supportmeasure-list"),
                   expect(403, 201, 403, 201), json=True,
                   data=lambda w: {"provider": w.organisation.slug, "name": "API measure", "kind": "voucher",
                                   "scope": "regional", "areas": ["SE23"], "eligibility": "local",
                                   "continuous": True}),
    PermissionCase("api:v1:supportmeasure-detail", "get", api_url("api:v1:supportmeasure-detail"), PUBLIC),
    PermissionCase("api:v1:supportmeasure-detail", "patch", api_url("api:v1:supportmeasure-detail"),
                   expect(403, 200, 403, 200), json=True, data=lambda w: {"name": "Patched measure"}),
    PermissionCase("api:v1:supportmeasure-detail", "delete", api_url("api:v1:supportmeasure-detail", "sm_draft"),
                   expect(403, 204, 404, 204), json=True),
    PermissionCase("api:v1:supportmeasure-verify", "post", api_url("api:v1:supportmeasure-verify"),
                   expect(403, 200, 403, 200), json=True),
    PermissionCase("api:v1:support-coverage", "get",
                   lambda w: reverse("api:v1:support-coverage") + "?scope=SE23&value_chain=offshore-wind", PUBLIC),
]
