"""The demo: the procurement needs survey answered by the municipalities of two regions, in two rounds."""

import pytest

from northern_connections.accounts.models import Membership
from northern_connections.core.testing import create_user
from northern_connections.directory.models import NutsRegion
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.surveys import demo, results, selectors
from northern_connections.surveys.models import Invitation, Response, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    country = NutsRegion.objects.create(code="DK", name="Danmark", level=0, country="DK")
    for code, name in (("DK04", "Midtjylland"), ("DK05", "Nordjylland")):
        region = NutsRegion.objects.create(code=code, name=name, level=2, country="DK", parent=country)
        for small in ({"DK04": ["DK041", "DK042"], "DK05": ["DK050"]}[code]):
            NutsRegion.objects.create(code=small, name=small, level=3, country="DK", parent=region)
    owner = OrganisationFactory(slug=demo.OWNER, name="Region Midtjylland", kind="regional_authority")
    Membership.objects.create(user=create_user(demo.OWNER_USER), organisation=owner, role="admin")


def test_two_rounds_answered_by_the_municipalities_of_two_regions(directory):
    counts = demo.load(seed=7)
    assert counts["surveys"] == 3 and counts["municipalities"] == 30
    second = Survey.objects.get(slug=demo.ROUNDS[1][0])
    assert second.previous_round.slug == demo.ROUNDS[0][0] and second.results_public and second.has_results
    assert second.invitations.count() == 30
    submitted = Response.objects.filter(survey=second, submitted=True)
    assert 15 <= submitted.count() <= 30
    assert set(submitted.values_list("region", flat=True)) == {"DK04", "DK05"}
    assert not submitted.exclude(respondent=None).exists()  # anonymous
    north = selectors.Filters(region="DK05")
    items = results.question_results(survey=second, filters=north, with_charts=False)
    assert next(i for i in items if i.question.key == "used").result.answered >= 3
    assert demo.load(seed=7)["new"] == 0 and Invitation.objects.count() == 60
