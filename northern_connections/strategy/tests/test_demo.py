"""The demo: a strategy for every partner region, two boards with three meetings each, an issued brief."""

import pytest

from northern_connections.directory.models import NutsRegion
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.strategy import demo
from northern_connections.strategy.models import Board, PolicyBrief, RegionalStrategy

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_to_the_same_world(vocabulary):
    for code in demo.STRATEGIES:
        NutsRegion.objects.get_or_create(code=code, defaults={"name": code, "level": 2, "country": code[:2]})
    slugs = {s[0] for s in demo.STRATEGIES.values()} | {m for b in demo.BOARDS for m in b[4]}
    for slug in sorted(slugs):
        OrganisationFactory(slug=slug, kind="regional_authority")
    first = demo.load()
    second = demo.load()
    assert first == second
    assert first["strategies"] == len(demo.STRATEGIES) == RegionalStrategy.objects.count()
    assert all(s.priorities.exists() and s.barriers.exists() for s in RegionalStrategy.objects.all())
    assert [b.meetings.count() for b in Board.objects.all()] == [3, 3]
    brief = PolicyBrief.objects.get()
    assert brief.is_issued and "Untapped" in brief.synergies
