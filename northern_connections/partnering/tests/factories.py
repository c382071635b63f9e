"""Factories of partnering."""

import factory

from northern_connections.partnering.models import FundingCall, PartnerRequest


class FundingCallFactory(factory.django.DjangoModelFactory):
    """An open Horizon Europe innovation action: three partners from three countries, up to EUR 4m."""

    class Meta:
        model = FundingCall

    programme = "Horizon Europe"
    topic_identifier = factory.Sequence(lambda n: f"HORIZON-CL5-2026-D3-{n:02d}")
    slug = factory.Sequence(lambda n: f"horizon-cl5-2026-d3-{n:02d}")
    title = factory.Sequence(lambda n: f"Offshore wind supply chains {n}")
    deadline = factory.Faker("date_between", start_date="+30d", end_date="+120d")
    budget_max_eur = 4_000_000
    min_partners = 3
    min_countries = 3


class PartnerRequestFactory(factory.django.DjangoModelFactory):
    """A draft technology offer, ready to publish."""

    class Meta:
        model = PartnerRequest
        skip_postgeneration_save = True

    kind = "TO"
    title = factory.Sequence(lambda n: f"Blade inspection drones {n}")
    summary = "Autonomous drones that inspect turbine blades."
    partner_sought = "Wind farm operators for a pilot."
    partnership_type = "commercial"
