"""Rules the models hold about their own fields."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from northern_connections.events.models import Meeting, MeetingBlock

from .factories import EventFactory, ParticipantFactory, make_block


@pytest.mark.django_db
def test_event_needs_a_venue_or_url_and_a_sane_registration_window():
    event = EventFactory.build(venue="", online_url="")
    with pytest.raises(ValidationError) as error:
        event.full_clean(exclude=["slug"])
    assert "venue" in error.value.message_dict
    event = EventFactory.build(registration_closes_at=EventFactory.build().ends_at + timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "registration_closes_at" in error.value.message_dict


@pytest.mark.django_db
def test_block_breaks_must_fall_between_slots_and_inside_the_event():
    event = EventFactory()
    block = MeetingBlock(event=event, name="B", date=event.local(event.starts_at).date(), start_time=time(9),
                         slot_minutes=20, slot_count=4, breaks_after=[4], tables=2)
    with pytest.raises(ValidationError) as error:
        block.clean()
    assert "breaks_after" in error.value.message_dict
    block.breaks_after, block.start_time = [2], time(17, 30)
    with pytest.raises(ValidationError) as error:
        block.clean()
    assert "date" in error.value.message_dict
    block.slot_minutes = 25
    with pytest.raises(ValidationError) as error:
        block.clean()
    assert "slot_minutes" in error.value.message_dict


@pytest.mark.django_db
def test_a_table_holds_one_meeting_per_slot_and_slot_goes_with_table():
    event = EventFactory()
    slot = make_block(event).slots.first()
    a, b, c = (ParticipantFactory(event=event) for _ in range(3))
    Meeting.objects.create(event=event, participant_a=a, participant_b=b, slot=slot, table=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(event=event, participant_a=a, participant_b=c, slot=slot, table=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(event=event, participant_a=b, participant_b=c, slot=slot, table=None)
    assert ParticipantFactory(event=event, max_meetings=30).meeting_limit() == event.max_meetings
