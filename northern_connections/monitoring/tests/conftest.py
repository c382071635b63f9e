import pytest


@pytest.fixture
def pw(db):
    """A project world (see factories.build_project); clock in July 2026 with NOK and SEK rates for July."""
    from datetime import date
    from decimal import Decimal

    from ..models import ExchangeRate
    from .factories import build_project

    world = build_project()
    ExchangeRate.objects.create(currency="NOK", month=date(2026, 7, 1), rate=Decimal("11.512300"))
    ExchangeRate.objects.create(currency="SEK", month=date(2026, 7, 1), rate=Decimal("11.0234"))
    return world


@pytest.fixture
def july(frozen):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    frozen(datetime(2026, 7, 15, 10, 0, tzinfo=ZoneInfo("UTC")))
