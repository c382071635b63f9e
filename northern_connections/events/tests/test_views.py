"""The events pages through the test client: organiser set-up, registration, requests, grid, agenda."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from northern_connections.events import services
from northern_connections.events.models import Event, Meeting, MeetingRequest, Participant

from .factories import EventFactory, MarketplaceItemFactory


def _local(moment):
    return moment.strftime("%Y-%m-%dT%H:%M")


def test_organiser_creates_publishes_and_sets_up_an_event(people, client):
    client.force_login(people.users["member"])
    day = (timezone.now() + timedelta(days=40)).date()
    response = client.post(reverse("events:event_add"), {
        "title": "Gothenburg Living Lab day", "kind": "living_lab", "summary": "Demonstrations and meetings.",
        "venue": "Johanneberg Science Park", "city": "Göteborg", "country": "SE",
        "organisers": [people.organisation.pk],
        "time_zone": "Europe/Stockholm", "starts_at": f"{day}T08:00", "ends_at": f"{day}T17:00",
        "approval_mode": "organiser", "meeting_request_hours": 48, "max_meetings": 8, "capacity": 40})
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(slug="gothenburg-living-lab-day")
    # Typed in the event's zone: 08:00 in Stockholm, whatever the server's zone.
    assert event.local(event.starts_at).hour == 8 and event.status == "draft"
    client.post(reverse("events:block_list", args=[event.slug]), {
        "name": "Morning meetings", "date": day.isoformat(), "start_time": "09:00", "slot_minutes": 20,
        "slot_count": 6, "breaks_after": "3", "break_minutes": 20, "tables": 12})
    assert event.blocks.get().slots.count() == 6
    client.post(reverse("events:event_sessions", args=[event.slug]), {
        "form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 0, "form-0-title": "Welcome",
        "form-0-starts_at": f"{day}T08:00", "form-0-ends_at": f"{day}T08:45", "form-1-title": ""})
    assert event.sessions.get().title == "Welcome"
    # A draft is the organisers' business.
    client.logout()
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(people.users["member"])
    client.post(reverse("events:event_publish", args=[event.slug]))
    client.logout()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Gothenburg Living Lab day" in page and "Welcome" in page and "Morning meetings" in page
    ical = client.get(reverse("events:event_ical", args=[event.slug]))
    assert ical["Content-Type"].startswith("text/calendar") and b"SUMMARY:Gothenburg Living Lab day" in ical.content


def test_list_filters_and_searches(people, client):
    EventFactory(title="Offshore wind brokerage", slug="wind", kind="brokerage")
    services.event_index(Event.objects.get(slug="wind"))
    EventFactory(title="Hydrogen webinar", slug="h2", kind="webinar", venue="", online_url="https://example.org/w")
    EventFactory(title="Secret draft", slug="secret", status="draft")
    listing = client.get(reverse("events:event_list")).content.decode()
    assert "Offshore wind brokerage" in listing and "Hydrogen webinar" in listing and "Secret draft" not in listing
    assert "Hydrogen" not in client.get(reverse("events:event_list"), {"kind": "brokerage"}).content.decode()
    assert "Offshore wind" in client.get(reverse("events:event_list"), {"q": "offshore"}).content.decode()


def test_event_list_runs_a_constant_number_of_queries(people, client):
    EventFactory()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("events:event_list"))
    for _n in range(6):
        EventFactory()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("events:event_list"))
    assert len(many) == len(few)


def test_sme_registers_with_availability_and_organiser_screens_in_bulk(people, client, make_user,
                                                                       django_capture_on_commit_callbacks):
    from northern_connections.accounts.models import Membership
    from northern_connections.directory.tests.factories import OrganisationFactory

    from .factories import make_block

    event = EventFactory(organisers=[people.organisation], approval_mode="organiser")
    morning, afternoon = make_block(event), make_block(event, name="Afternoon", start=time(14))
    client.force_login(people.users["outsider"])
    assert "Meeting blocks you can attend" in client.get(reverse("events:event_register", args=[event.slug])
                                                         ).content.decode()
    response = client.post(reverse("events:event_register", args=[event.slug]), {
        "organisation": people.other_organisation.pk, "note": "We sell heat pumps", "available_blocks": [morning.pk]})
    assert response.status_code == 302
    participant = Participant.objects.get(event=event)
    assert participant.status == "pending" and list(participant.unavailable_blocks.all()) == [afternoon]
    for n in range(2):
        user = make_user(f"applicant{n}@example.org")
        org = OrganisationFactory(kind="sme", country="NO")
        Membership.objects.create(user=user, organisation=org, role="admin")
        services.participant_register(actor=user, event=event, organisation=org)
    client.force_login(people.users["member"])
    page = client.get(reverse("events:participant_list", args=[event.slug])).content.decode()
    assert "We sell heat pumps" in page and "3 registrations" in page
    ids = list(Participant.objects.filter(event=event).values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:participant_screen", args=[event.slug]),
                    {"participants": ids[:2], "decision": "accept"})
    assert list(Participant.objects.filter(event=event).order_by("pk").values_list("status", flat=True)) == [
        "accepted", "accepted", "pending"]
    assert len(mail.outbox) == 2


def test_marketplace_request_accept_and_agenda(fair, client, django_capture_on_commit_callbacks):
    p, people = fair["p"], fair["people"]
    event = fair["event"]
    client.force_login(people["dk"])
    client.post(reverse("events:marketplaceitem_add", args=[event.slug]), {
        "kind": "offer", "title": "Seasonal heat storage", "description": "Boreholes", "trl": 7})
    assert "Seasonal heat storage" in client.get(reverse("events:marketplace", args=[event.slug])).content.decode()
    MarketplaceItemFactory(participant=p["no"], kind="request", title="Looking for storage")
    page = client.get(reverse("events:meetingrequest_list", args=[event.slug])).content.decode()
    assert "Suggested meeting partners" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:meetingrequest_add", args=[event.slug]),
                    {"recipient": p["no"].pk, "message": "Shall we talk storage?"})
    request = MeetingRequest.objects.get(event=event)
    assert request.requester == p["dk"] and mail.outbox[-1].to == ["no@example.org"]
    client.force_login(people["no"])
    page = client.get(reverse("events:meetingrequest_list", args=[event.slug])).content.decode()
    assert "Shall we talk storage?" in page
    client.post(reverse("events:meetingrequest_accept", args=[request.pk]))
    meeting = Meeting.objects.get(event=event)
    # The organiser places it, locks it and publishes the schedule.
    client.force_login(people["organiser"])
    slot = fair["block"].slots.order_by("number")[1]
    response = client.post(reverse("events:meeting_move", args=[meeting.pk]), {"slot": slot.pk, "table": 2})
    assert response.status_code == 302
    client.post(reverse("events:meeting_lock", args=[meeting.pk]), {"locked": "1"})
    grid = client.get(reverse("events:schedule_grid", args=[event.slug])).content.decode()
    assert "Table 2" in grid and "locked" in grid and f"meeting-{meeting.pk}" in grid
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:schedule_publish", args=[event.slug]))
    assert Meeting.objects.get(event=event).published
    client.force_login(people["dk"])
    agenda = client.get(reverse("events:participant_agenda", args=[p["dk"].pk])).content.decode()
    assert str(p["no"].organisation) in agenda and "09:20" in agenda
    ical = client.get(reverse("events:participant_agenda_ical", args=[p["dk"].pk]))
    assert ical["Content-Type"].startswith("text/calendar")
    assert f"Meeting: {p['no'].organisation}".encode() in ical.content and b"Table 2" in ical.content
    pdf = client.get(reverse("events:participant_agenda_pdf", args=[p["dk"].pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_move_conflict_is_shown_on_the_form(fair, client):
    p, organiser = fair["p"], fair["people"]["organiser"]
    first = services.meeting_add(actor=organiser, event=fair["event"], participant_a=p["dk"], participant_b=p["no"])
    second = services.meeting_add(actor=organiser, event=fair["event"], participant_a=p["dk"], participant_b=p["de"])
    slot = fair["block"].slots.first()
    services.meeting_move(actor=organiser, meeting=first, slot=slot, table=1)
    client.force_login(organiser)
    response = client.post(reverse("events:meeting_move", args=[second.pk]), {"slot": slot.pk, "table": 2})
    assert response.status_code == 400
    assert "already has a meeting in this slot" in response.content.decode()


def test_schedule_run_from_the_grid_records_the_job(fair, client, django_capture_on_commit_callbacks):
    p, organiser = fair["p"], fair["people"]["organiser"]
    services.meeting_add(actor=organiser, event=fair["event"], participant_a=p["dk"], participant_b=p["no"])
    important = services.meeting_add(actor=organiser, event=fair["event"], participant_a=p["de"],
                                     participant_b=p["no"])
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:schedule_run", args=[fair["event"].slug]), {"time_limit": 2})
    assert Meeting.objects.filter(event=fair["event"], slot__isnull=False).count() == 2
    grid = client.get(reverse("events:schedule_grid", args=[fair["event"].slug])).content.decode()
    assert "2 of 2 meetings scheduled" in grid and "Proven optimal" in grid
    assert "Priority weight" not in grid  # equal priorities: the weight is the count
    Meeting.objects.filter(pk=important.pk).update(priority=3)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:schedule_run", args=[fair["event"].slug]), {"time_limit": 2})
    grid = client.get(reverse("events:schedule_grid", args=[fair["event"].slug])).content.decode()
    assert "Priority weight</dt><dd>4 (bound: 4)" in grid


def test_grid_conflict_flag_when_availability_changed_after_placement(fair, client):
    organiser = fair["people"]["organiser"]
    meeting = services.meeting_add(actor=organiser, event=fair["event"], participant_a=fair["p"]["dk"],
                                   participant_b=fair["p"]["no"])
    services.meeting_move(actor=organiser, meeting=meeting, slot=fair["block"].slots.first(), table=1)
    fair["p"]["no"].unavailable_blocks.add(fair["block"])  # e.g. changed by an administrator
    client.force_login(organiser)
    assert "participant unavailable" in client.get(reverse("events:schedule_grid", args=[fair["event"].slug])
                                                   ).content.decode()


@pytest.mark.parametrize("name", ["events:event_detail", "events:marketplace"])
def test_public_pages_render_for_visitors(fair, client, name):
    assert client.get(reverse(name, args=[fair["event"].slug])).status_code == 200


def test_pages_are_translated(fair, client):
    response = client.get(reverse("events:event_detail", args=[fair["event"].slug]), HTTP_ACCEPT_LANGUAGE="sv")
    assert "Marknadsplats: vad deltagarna erbjuder och söker" in response.content.decode()


def test_event_registration_is_not_called_account_sign_up(fair, client, make_user):
    # regression: allauth's "Register" (sign up, "Skapa konto") came first in the merged catalogue
    from northern_connections.accounts.models import Membership
    from northern_connections.directory.tests.factories import OrganisationFactory

    newcomer = make_user("fi@example.org")
    newcomer.preferred_language = "sv"
    newcomer.save()
    Membership.objects.create(user=newcomer, organisation=OrganisationFactory(kind="sme", country="FI"), role="admin")
    client.force_login(newcomer)
    page = client.get(reverse("events:event_detail", args=[fair["event"].slug])).content.decode()
    assert ">Anmäl</a>" in page and "Skapa konto" not in page


def test_starting_the_scheduler_is_rate_limited_per_user(fair, client, django_capture_on_commit_callbacks):
    from django.conf import settings
    from django.core.cache import cache
    from django.test import override_settings

    rest = settings.REST_FRAMEWORK
    lowered = {**rest, "DEFAULT_THROTTLE_RATES": {**rest["DEFAULT_THROTTLE_RATES"], "scheduling": "1/min"}}
    client.force_login(fair["people"]["organiser"])
    url = reverse("events:schedule_run", args=[fair["event"].slug])
    cache.clear()
    with override_settings(REST_FRAMEWORK=lowered), django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"time_limit": 2}).status_code == 302
        refused = client.post(url, {"time_limit": 2})
    cache.clear()
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    assert "Too many requests" in refused.content.decode()
