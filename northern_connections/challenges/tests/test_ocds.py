import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from northern_connections.challenges import ocds
from northern_connections.challenges.models import Challenge
from northern_connections.directory.models import CpvCode, NutsRegion

from .factories import ChallengeFactory
from .ocds_validation import package_errors, release_errors


@pytest.fixture
def classified(db):
    cpv = CpvCode.objects.create(code="09300000-2", name="Electricity, heating, solar and nuclear energy")
    region = NutsRegion.objects.create(code="SE232", name="Västra Götalands län", level=3, country="SE")
    challenge = ChallengeFactory(nuts_region=region, budget_min=500_000, budget_max=2_000_000, currency="SEK",
                                 route="procurement", procedure_type="innovation")
    challenge.cpv_codes.set([cpv])
    return challenge


def test_release_has_cpv_nuts_budget_and_method(classified):
    release = ocds.release(classified, "https://nc.example.org")
    assert release_errors(release) == []
    assert release["ocid"].startswith("ocds-nc0001-")
    tender = release["tender"]
    assert tender["items"][0]["classification"] == {"scheme": "CPV", "id": "09300000",
                                                    "description": "Electricity, heating, solar and nuclear energy"}
    assert tender["items"][0]["deliveryAddresses"][0]["region"] == "SE232"
    assert tender["value"] == {"amount": 2_000_000, "currency": "SEK"}
    assert (tender["procurementMethod"], tender["status"]) == ("selective", "active")
    assert tender["awardCriteriaDetails"] == "Innovation: 60 %; Feasibility: 40 %"


@pytest.mark.parametrize("status", ["published", "closed", "under_evaluation", "decided", "archived", "cancelled"])
def test_every_status_gives_a_valid_release(db, status):
    challenge = ChallengeFactory(status=status, route="pcp")
    assert release_errors(ocds.release(challenge)) == []


def test_package_view_and_per_challenge_view(classified, client):
    ChallengeFactory(status="draft", published_at=None)
    package = client.get(reverse("challenges:ocds_package")).json()
    assert package_errors(package) == []
    assert [r["tender"]["id"] for r in package["releases"]] == [classified.slug]
    single = client.get(reverse("challenges:challenge_ocds", args=[classified.slug])).json()
    assert release_errors(single) == []


def test_an_invalid_release_is_caught_by_the_validator(classified):
    release = ocds.release(classified)
    release["tender"]["status"] = "open-for-business"
    assert release_errors(release)


def demo_world():
    """The directory demo's partners (the owners) and a few SMEs from several countries."""
    from northern_connections.directory.demo import PARTNERS
    from northern_connections.directory.tests.factories import OrganisationFactory

    for slug, name, short, kind, country, city, *_ in PARTNERS:
        OrganisationFactory(slug=slug, name=name, short_name=short, kind=kind, country=country, city=city)
    for country in ("DK", "NO", "SE", "NL", "DE", "GB", "BE"):
        OrganisationFactory(kind="sme", country=country)


def test_export_command_writes_a_valid_package_of_the_demo(db, tmp_path):
    from northern_connections.challenges import demo

    demo_world()
    assert demo.load(seed=1) == demo.load(seed=1)  # idempotent
    assert Challenge.objects.count() >= 40
    assert set(Challenge.objects.values_list("language", flat=True)) >= {"sv", "da", "nb", "nl", "de", "en"}
    out = tmp_path / "ocds.json"
    call_command("export_ocds", "--out", str(out))
    package = json.loads(out.read_text())
    assert package_errors(package) == []
    assert len(package["releases"]) == Challenge.objects.exclude(status="draft").count()
    for release in package["releases"]:
        assert release_errors(release) == [], release["ocid"]


def test_export_command_fails_cleanly_without_challenges(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No published challenge"):
        call_command("export_ocds", "--out", str(tmp_path / "x.json"))
    assert not (tmp_path / "x.json").exists()
