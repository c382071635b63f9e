"""Factories of the events app: a published brokerage day in Göteborg, registrations, blocks."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.events.models import Event, MarketplaceItem, MeetingBlock, Participant

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def event_day(days: int = 30) -> date:
    return (timezone.now() + timedelta(days=days)).astimezone(STOCKHOLM).date()


class EventFactory(factory.django.DjangoModelFactory):
    """A published brokerage day 30 days ahead, 08:00–18:00 Stockholm time, registration open."""

    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"event-{n}")
    title = factory.Sequence(lambda n: f"Brokerage day {n}")
    kind = "brokerage"
    summary = "One-to-one meetings between cities and SMEs on heating and smart grids."
    venue = "Lindholmen Conference Centre"
    city = "Göteborg"
    country = "SE"
    time_zone = "Europe/Stockholm"
    starts_at = factory.LazyFunction(lambda: datetime.combine(event_day(), time(8), tzinfo=STOCKHOLM))
    ends_at = factory.LazyFunction(lambda: datetime.combine(event_day(), time(18), tzinfo=STOCKHOLM))
    status = "published"
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if not create:
            return
        self.organisers.set(extracted or [OrganisationFactory(kind="municipality", country="SE")])


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind="sme")
    user = factory.LazyAttribute(lambda o: _user_for(o.organisation))
    status = "accepted"


def _user_for(organisation):
    from northern_connections.accounts.models import Membership, User

    user = User.objects.create_user(email=f"rep-{organisation.slug}@example.org", password="x" * 12)
    Membership.objects.create(user=user, organisation=organisation, role="admin")
    return user


class MarketplaceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarketplaceItem

    participant = factory.SubFactory(ParticipantFactory)
    kind = "offer"
    title = "Predictive control for district heating substations"
    description = "Cuts return temperatures by 5 K."
    trl = 7


def make_block(event, *, name="Morning", start=time(9), slots=4, tables=2, minutes=20, breaks=()):
    """A meeting block with its slots, through the service's slot generation (no permission check)."""
    from northern_connections.events.models import Slot

    block = MeetingBlock.objects.create(event=event, name=name, date=event.local(event.starts_at).date(),
                                        start_time=start, slot_minutes=minutes, slot_count=slots, tables=tables,
                                        breaks_after=list(breaks))
    Slot.objects.bulk_create([Slot(block=block, event=event, number=n, starts_at=a, ends_at=b)
                              for n, (a, b) in enumerate(block.slot_times(), start=1)])
    return block
