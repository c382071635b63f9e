"""Slugs are unique and never hidden by a fixed route (issue 9 item 5)."""

import pytest

from northern_connections.core.slugs import _routes, reserved_segments, unique_slug


def _slug_detail_routes():
    """Every route whose last segment is a slug: the detail pages a fixed sibling could hide."""
    return [(route, name) for route, name in _routes() if route.endswith("<slug:slug>/")]


def test_every_fixed_segment_beside_a_slug_route_is_reserved():
    routes = list(_routes())
    detail_routes = _slug_detail_routes()
    assert {"challenges:challenge_detail", "events:event_detail",
            "directory:organisation_detail"} <= {name for _, name in detail_routes}
    for detail, name in detail_routes:
        parent = detail[: detail.index("<")]
        fixed = {route[len(parent):].split("/", 1)[0] for route, _ in routes
                 if route.startswith(parent) and route[len(parent):len(parent) + 1] not in ("", "<")}
        assert fixed <= reserved_segments(name), (name, fixed - reserved_segments(name))


def test_reserved_segments_of_the_board_and_the_directory():
    assert {"new", "feed", "applications", "documents"} <= reserved_segments("challenges:challenge_detail")
    assert {"new", "map", "regions"} <= reserved_segments("directory:organisation_detail")
    assert {"new", "blocks", "meetings", "participants"} <= reserved_segments("events:event_detail")


@pytest.mark.django_db
def test_unique_slug_skips_reserved_words_and_taken_slugs():
    from northern_connections.directory.models import Organisation
    from northern_connections.directory.tests.factories import OrganisationFactory

    reserved = reserved_segments("directory:organisation_detail")
    assert unique_slug(Organisation, "Map", reserved=reserved, fallback="organisation") == "map-organisation"
    OrganisationFactory(slug="aalborg")
    assert unique_slug(Organisation, "Aalborg", reserved=reserved) == "aalborg-2"
    assert unique_slug(Organisation, "¿?", reserved=reserved, fallback="organisation") == "organisation"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["New", "Map", "Regions"])
def test_an_organisation_named_like_a_fixed_page_has_a_reachable_page(name, make_user, client):
    from northern_connections.directory import services

    organisation = services.organisation_create(actor=make_user("founder@example.org"), name=name, kind="sme",
                                                country="DK")
    assert organisation.slug not in reserved_segments("directory:organisation_detail")
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200 and name.encode() in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("title", ["New", "Feed", "Applications"])
def test_a_challenge_named_like_a_fixed_page_gets_its_own_slug(title, make_user):
    from northern_connections.accounts.models import Membership
    from northern_connections.challenges import services
    from northern_connections.directory.tests.factories import OrganisationFactory

    owner = OrganisationFactory(kind="municipality", country="SE")
    officer = make_user("officer@example.org")
    Membership.objects.create(user=officer, organisation=owner, role="admin")
    challenge = services.challenge_create(actor=officer, owner=owner, title=title, title_en=title, summary="s",
                                          summary_en="s", language="en")
    assert challenge.slug not in reserved_segments("challenges:challenge_detail")

