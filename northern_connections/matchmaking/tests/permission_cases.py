"""Who may use each matchmaking page and endpoint (run by core/tests/test_permission_matrix.py).

The world: `organisation` (a Swedish municipality, administered by "member") owns a published and
a draft challenge; `other_organisation` (a Danish SME, administered by "outsider") belongs to no
cluster, so the outsider is neither owner nor cluster manager. "member" has a saved search.
"""

from django.urls import reverse

from northern_connections.core.testing import PermissionCase, Private, expect


def build(world):
    from northern_connections.challenges.tests.factories import ChallengeFactory

    from .factories import SavedSearchFactory

    published = ChallengeFactory(owner=world.organisation, slug="mm-published",
                                 title_en="District heating with heat pumps")
    draft = ChallengeFactory(owner=world.organisation, slug="mm-draft", status="draft", published_at=None)
    search = SavedSearchFactory(user=world.users["member"], organisation=world.organisation, name="Heat")
    # Keys are prefixed: `world.objects` is shared with every other app's cases.
    world.objects.update({"mm_published": published, "mm_draft": draft, "mm_search": search})
    build_private(world)


def reset():
    """The matrix rolls the database back after each case; this process's index copies must go with it."""
    from northern_connections.matchmaking.index import reset_process_cache

    reset_process_cache()


def build_private(world):
    """Give the rows that outsiders must not see words found nowhere else (see PRIVATE)."""
    from northern_connections.challenges.models import Challenge
    from northern_connections.matchmaking.models import SavedSearch

    Challenge.objects.filter(pk=world.objects["mm_draft"].pk).update(title_en="Secret matchmaking draft")
    SavedSearch.objects.filter(pk=world.objects["mm_search"].pk).update(name="Private saved search")


# Rows that no outsider nor anonymous visitor may see (core/tests/test_permission_matrix.py).
PRIVATE = [
    Private("a draft challenge (matchmaking)",
            lambda w: reverse("matchmaking:organisations_for_challenge", args=["mm-draft"]),
            markers=lambda w: ["Secret matchmaking draft"]),
    Private("a saved search", lambda w: reverse("api:v1:savedsearch-list"),
            markers=lambda w: ["Private saved search"], shown_by=("matchmaking:unsubscribe",),
            api_list="api:v1:savedsearch-list", pk=lambda w: w.objects["mm_search"].pk),
]


def org_url(name):
    return lambda w: reverse(name, args=[w.organisation.slug])


def challenge_url(name, key="mm_published"):
    return lambda w: reverse(name, args=[w.objects[key].slug])


def search_url(name):
    return lambda w: reverse(name, args=[w.objects["mm_search"].pk])


def token_url(name):
    return lambda w: reverse(name, args=[w.objects["mm_search"].unsubscribe_token])


def search_data(w):
    return {"name": "District heating", "text": "district heating", "cross_border": "prefer", "frequency": "weekly",
            "active": "on"}


PUBLIC = expect(200, 200, 200, 200)
MEMBERS = expect(302, 200, 403, 200)
MEMBERS_POST = expect(302, 302, 403, 302)
OWN = expect(302, 200, 404, 200)
OWN_POST = expect(302, 302, 404, 302)

CASES = [
    PermissionCase("matchmaking:home", "get", lambda w: reverse("matchmaking:home"), expect(302, 200, 200, 200)),
    PermissionCase("matchmaking:challenges_for_organisation", "get",
                   org_url("matchmaking:challenges_for_organisation"), MEMBERS),
    PermissionCase("matchmaking:challenges_for_organisation", "get",
                   lambda w: reverse("matchmaking:challenges_for_organisation", args=[w.organisation.slug])
                   + "?text=heat&cross_border=only&trl_min=5&trl_max=8&countries=DK", MEMBERS, label="(filtered)"),
    PermissionCase("matchmaking:savedsearch_add", "post", org_url("matchmaking:savedsearch_add"), MEMBERS_POST,
                   data=search_data),
    PermissionCase("matchmaking:savedsearch_feed", "post", org_url("matchmaking:savedsearch_feed"), MEMBERS_POST,
                   data=lambda w: {"frequency": "daily"}),
    # The owner's members and cluster managers; the outsider is neither.
    PermissionCase("matchmaking:organisations_for_challenge", "get",
                   challenge_url("matchmaking:organisations_for_challenge"), MEMBERS),
    PermissionCase("matchmaking:organisations_for_challenge", "get",
                   challenge_url("matchmaking:organisations_for_challenge", "mm_draft"), expect(302, 200, 404, 200),
                   label="(draft)"),
    PermissionCase("matchmaking:savedsearch_edit", "get", search_url("matchmaking:savedsearch_edit"), OWN),
    PermissionCase("matchmaking:savedsearch_edit", "post", search_url("matchmaking:savedsearch_edit"), OWN_POST,
                   data=search_data),
    PermissionCase("matchmaking:savedsearch_delete", "get", search_url("matchmaking:savedsearch_delete"), OWN),
    PermissionCase("matchmaking:savedsearch_delete", "post", search_url("matchmaking:savedsearch_delete"), OWN_POST),
    # The token is the credential: anyone holding the link may unsubscribe, without logging in.
    PermissionCase("matchmaking:unsubscribe", "get", token_url("matchmaking:unsubscribe"), PUBLIC),
    PermissionCase("matchmaking:unsubscribe", "post", token_url("matchmaking:unsubscribe"), PUBLIC),
    PermissionCase("matchmaking:unsubscribe", "get", lambda w: reverse("matchmaking:unsubscribe", args=["forged"]),
                   expect(404, 404, 404, 404), label="(unknown token)"),
    # API
    PermissionCase("api:v1:matchmaking-challenges-for-organisation", "get",
                   org_url("api:v1:matchmaking-challenges-for-organisation"), expect(403, 200, 403, 200)),
    PermissionCase("api:v1:matchmaking-organisations-for-challenge", "get",
                   challenge_url("api:v1:matchmaking-organisations-for-challenge"), expect(403, 200, 403, 200)),
    PermissionCase("api:v1:matchmaking-organisations-for-challenge", "get",
                   challenge_url("api:v1:matchmaking-organisations-for-challenge", "mm_draft"),
                   expect(404, 200, 404, 200), label="(draft)"),
    PermissionCase("api:v1:savedsearch-list", "get", lambda w: reverse("api:v1:savedsearch-list"), PUBLIC),
    PermissionCase("api:v1:savedsearch-list", "post", lambda w: reverse("api:v1:savedsearch-list"),
                   # The outsider does not belong to the municipality the search is for.
                   expect(403, 201, 403, 201), json=True,
                   data=lambda w: {"organisation": w.organisation.slug, "name": "API search", "text": "heat pumps",
                                   "countries": ["DK", "NO"], "frequency": "daily"}),
    PermissionCase("api:v1:savedsearch-detail", "get", search_url("api:v1:savedsearch-detail"),
                   expect(404, 200, 404, 200)),
    PermissionCase("api:v1:savedsearch-detail", "patch", search_url("api:v1:savedsearch-detail"),
                   expect(403, 200, 404, 200), json=True, data=lambda w: {"frequency": "daily"}),
    PermissionCase("api:v1:savedsearch-detail", "delete", search_url("api:v1:savedsearch-detail"),
                   expect(403, 204, 404, 204), json=True),
]
