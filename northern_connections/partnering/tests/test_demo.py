"""The demo: calls imported, requests of several types, two consortia with all three region categories."""

import gzip
import json

import pytest

from northern_connections.directory.demo import PARTNERS
from northern_connections.directory.models import NutsRegion, ValueChainStep
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.directory.vocabularies import VALUE_CHAIN_STEPS
from northern_connections.partnering import demo, selectors
from northern_connections.partnering.models import Consortium, PartnerRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    topics = [{"topicId": demo.WIND_CALL, "title": "Wind energy systems", "programme": "Horizon Europe",
               "typesOfAction": "HORIZON Innovation Actions", "deadline": "2026-09-15", "callStatus": "open"},
              {"topicId": demo.HYDROGEN_CALL, "title": "Interregional Innovation Investments",
               "programme": "Interregional Innovation", "deadline": "2026-11-12", "callStatus": "open"}]
    (tmp_path / "cordis").mkdir()
    (tmp_path / "cordis" / "calls_open_2026.jsonl.gz").write_bytes(
        gzip.compress("".join(json.dumps(t) for t in topics).encode()))
    settings.SHARED_DATA_DIR = tmp_path
    for i, (slug, name) in enumerate(VALUE_CHAIN_STEPS):
        ValueChainStep.objects.get_or_create(slug=slug, defaults={"name": name, "order": i})
    for code in ["DE40", "DK02", "BE32", "PL82", "PL22", "LV00", "DK03", "SE23", "NL11", "DE50"]:
        NutsRegion.objects.get_or_create(code=code, defaults={"name": code, "level": 2, "country": code[:2]})
    for slug, name, short, kind, country, *_ in PARTNERS:
        OrganisationFactory(slug=slug, name=name, short_name=short, kind=kind, country=country)


def test_the_demo_loads_twice_to_the_same(world):
    first = demo.load(seed=7)
    assert first["funding calls"] == 2 and first["partner requests"] == 6 and first["consortia"] == 2
    references = sorted(PartnerRequest.objects.exclude(reference=None).values_list("reference", flat=True))
    assert demo.load(seed=7)["partner requests"] == 6
    assert sorted(PartnerRequest.objects.exclude(reference=None).values_list("reference", flat=True)) == references
    assert {r[:2] for r in references} >= {"TO", "BR", "TR", "RD", "BO"}


def test_the_consortia_span_the_region_categories(world):
    demo.load(seed=7)
    consortium = Consortium.objects.get(slug="north-sea-wind-om")
    categories = {row["category"] for row in selectors.member_rows(consortium)}
    assert "transition" in categories  # Brandenburg; the partners here have no region, so no category
    lines = {line for _, line in [(c.met, c.key) for c in selectors.consortium_checklist(consortium)]}
    assert {"min_partners", "min_countries", "answers"} <= lines
