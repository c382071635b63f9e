"""The demo map: at least 200 measures, idempotent, with the gaps the journeys show."""

import pytest

from northern_connections.directory.demo import PARTNERS
from northern_connections.directory.models import NutsRegion
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.support import demo, selectors
from northern_connections.support.models import SupportMeasure


@pytest.fixture
def partners(vocabulary):
    for code in {p[6][:4] for p in PARTNERS} | {"NL", "TL"}:
        NutsRegion.objects.get_or_create(code=code, defaults={"name": code, "level": 0 if len(code) == 2 else 2,
                                                              "country": "GB" if code.startswith("TL") else code[:2]})
    for slug, name, short, kind, country, *_ in PARTNERS:
        OrganisationFactory(slug=slug, name=name, short_name=short, kind=kind, country=country)


def test_the_demo_has_200_measures_and_loads_twice_to_the_same(partners, settings):
    first = demo.load(seed=7)
    assert first["measures"] >= 200 and first["published"] >= 150
    count = SupportMeasure.objects.count()
    assert demo.load(seed=7) == first and SupportMeasure.objects.count() == count


def test_syddanmark_has_the_om_bottleneck_and_complements_abroad(partners):
    demo.load(seed=7)
    analysis = selectors.coverage_index().analyse(scope="DK03", value_chain="offshore-wind")
    assert ("operation-maintenance", (7, 8)) in analysis.bottlenecks
    at_seven = {c.measure.region for c in analysis.complements if (c.step, c.trl) == ("operation-maintenance", 7)}
    assert {"NO0A", "TLM5"} <= at_seven
