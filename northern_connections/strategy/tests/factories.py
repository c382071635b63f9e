"""Factories of strategies and boards, and the small vocabulary their tests use."""

from __future__ import annotations

import datetime as dt

import factory

from northern_connections.directory.models import NutsRegion, S3Category, ValueChain
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.strategy.models import (
    ActionPoint,
    Board,
    BoardMeeting,
    BoardMember,
    Decision,
    RegionalStrategy,
    StrategyPriority,
)
from northern_connections.support.tests.factories import vocabulary as support_vocabulary

CATEGORIES = [("economic", "C", "Manufacturing"), ("economic", "D", "Electricity, gas, steam"),
              ("economic", "M", "Professional, scientific and technical activities"),
              ("scientific", "05", "Energy"), ("scientific", "02", "Environment"),
              ("policy", "SUS", "Sustainable innovation"), ("policy", "DIG", "Digital transformation")]


def vocabulary() -> dict:
    """The support map's regions and value chains, and a few Eye@RIS3 categories (idempotent)."""
    found = support_vocabulary()
    found["categories"] = {f"{d}:{c}": S3Category.objects.get_or_create(dimension=d, code=c, defaults={"name": n})[0]
                           for d, c, n in CATEGORIES}
    return found


class RegionalStrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalStrategy

    region = factory.LazyFunction(lambda: NutsRegion.objects.get(code="DK03"))
    maintainer = factory.SubFactory(OrganisationFactory, kind="regional_authority")
    title = factory.Sequence(lambda n: f"Smart specialisation strategy {n}")
    slug = factory.Sequence(lambda n: f"strategy-{n}")
    period_start, period_end = 2021, 2027
    summary_en = "Priorities for the green transition."


def priority(strategy, *keys, weight=1, name="Priority"):
    """A priority tagged with `keys` ("economic:D", "chain:offshore-wind")."""
    item = StrategyPriority.objects.create(strategy=strategy, name=name, weight=weight)
    item.categories.set([S3Category.objects.get(dimension=k.split(":")[0], code=k.split(":")[1])
                         for k in keys if not k.startswith("chain:")])
    item.value_chains.set(ValueChain.objects.filter(slug__in=[k[6:] for k in keys if k.startswith("chain:")]))
    return item


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    kind = "political_board"
    name = factory.Sequence(lambda n: f"Political Board {n}")
    slug = factory.Sequence(lambda n: f"board-{n}")


class BoardMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMember

    board = factory.SubFactory(BoardFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind="regional_authority")
    role = "member"


class BoardMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMeeting

    board = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"Board meeting {n}")
    starts_at = factory.LazyFunction(lambda: dt.datetime(2030, 3, 1, 10, tzinfo=dt.UTC))


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(BoardMeetingFactory)
    number = factory.Sequence(lambda n: f"D{n}")
    text = "The board agrees."


class ActionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPoint

    decision = factory.SubFactory(DecisionFactory)
    title = factory.Sequence(lambda n: f"Action point {n}")
    owner = factory.SubFactory(OrganisationFactory, kind="regional_authority")
    due_date = dt.date(2030, 6, 1)
