"""An SME registers for a brokerage day, requests two meetings, one is accepted; the organiser schedules
(the Celery task runs eagerly) and publishes; the SME downloads its agenda as iCal and PDF."""

import io
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from .conftest import axe_serious

PASSWORD = "blue-harbour-turbine-42"


def _user(email, organisation):
    from allauth.account.models import EmailAddress

    from northern_connections.accounts.models import Membership, User

    user = User.objects.create_user(email=email, password=PASSWORD, full_name=email.split("@")[0].title())
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Membership.objects.create(user=user, organisation=organisation, role="admin")
    return user


@pytest.fixture
def brokerage_day(transactional_db, settings):
    """A published brokerage day in Göteborg with one meeting block and two accepted participants."""
    from django.utils import timezone

    from northern_connections.directory.models import Organisation
    from northern_connections.events.models import Event, MeetingBlock, Participant, Slot

    settings.ACCOUNT_RATE_LIMITS = False
    settings.CELERY_TASK_ALWAYS_EAGER = True
    city = Organisation.objects.create(slug="goteborgs-stad", name="Göteborgs Stad", kind="municipality",
                                       country="SE")
    sme = Organisation.objects.create(slug="vindkraft-dk", name="Vindkraft Service ApS", kind="sme", country="DK")
    heat = Organisation.objects.create(slug="fjord-heat", name="Fjord Heat AS", kind="sme", country="NO")
    grid = Organisation.objects.create(slug="netzwerk", name="Netzwerk Speicher GmbH", kind="sme", country="DE")
    people = {"organiser": _user("officer@example.org", city), "sme": _user("sme@example.org", sme),
              "heat": _user("heat@example.org", heat), "grid": _user("grid@example.org", grid)}
    tz = ZoneInfo("Europe/Stockholm")
    day = (timezone.now() + timedelta(days=20)).astimezone(tz).date()
    event = Event.objects.create(slug="brokerage-day", title="Göteborg brokerage day", kind="brokerage",
                                 summary="One-to-one meetings on heating and storage.", venue="Lindholmen",
                                 city="Göteborg", country="SE", time_zone="Europe/Stockholm",
                                 starts_at=datetime.combine(day, time(8), tzinfo=tz),
                                 ends_at=datetime.combine(day, time(17), tzinfo=tz), status="published",
                                 published_at=timezone.now())
    event.organisers.set([city])
    block = MeetingBlock.objects.create(event=event, name="Morning meetings", date=day, start_time=time(9),
                                        slot_minutes=20, slot_count=4, tables=3)
    Slot.objects.bulk_create([Slot(block=block, event=event, number=n, starts_at=a, ends_at=b)
                              for n, (a, b) in enumerate(block.slot_times(), start=1)])
    for key, org in (("heat", heat), ("grid", grid)):
        Participant.objects.create(event=event, organisation=org, user=people[key], status="accepted")
    return {"event": event, "people": people}


def _login(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_register_request_accept_schedule_publish_and_download_agenda(page: Page, live_server, brokerage_day):
    from northern_connections.events.models import Meeting, MeetingRequest

    base = live_server.url

    # Given an SME manager who finds the brokerage day in the events list
    _login(page, base, "sme@example.org")
    page.goto(f"{base}/events/")
    page.get_by_role("link", name="Göteborg brokerage day").click()
    expect(page.get_by_role("heading", name="Göteborg brokerage day")).to_be_visible()

    # When they register their SME, available in the morning block
    page.get_by_role("link", name="Register").click()
    page.get_by_label("Register").select_option(label="Vindkraft Service ApS")
    expect(page.get_by_label("Morning meetings")).to_be_checked()
    page.get_by_label("Why you want to take part").fill("We service heat pumps and batteries.")
    page.locator("main").get_by_role("button", name="Register").click()
    expect(page.get_by_text("You are registered.")).to_be_visible()

    # And request two meetings
    page.get_by_role("link", name="My meetings").first.click()
    for partner, message in (("Fjord Heat AS", "Heat pumps for Norwegian schools?"),
                             ("Netzwerk Speicher GmbH", "Storage for our service vans?")):
        page.get_by_label("Whom to meet").select_option(label=partner)
        page.get_by_label("Message").fill(message)
        page.get_by_role("button", name="Send request").click()
        expect(page.get_by_text(f"Request sent to {partner}.")).to_be_visible()
    assert MeetingRequest.objects.filter(status="pending").count() == 2
    assert axe_serious(page) == []

    # Then the Norwegian participant accepts one of them
    _login(page, base, "heat@example.org")
    page.goto(f"{base}/events/brokerage-day/meetings/")
    expect(page.get_by_text("Heat pumps for Norwegian schools?")).to_be_visible()
    page.get_by_role("button", name="Accept Vindkraft Service ApS").click()
    expect(page.get_by_text("Meeting accepted.")).to_be_visible()
    assert Meeting.objects.count() == 1

    # And the organiser computes the schedule (the task runs eagerly) and publishes it
    _login(page, base, "officer@example.org")
    page.goto(f"{base}/events/brokerage-day/schedule/")
    page.get_by_label("Time limit (seconds)").fill("3")
    page.get_by_role("button", name="Compute the schedule").click()
    expect(page.get_by_text("1 of 1 accepted meetings are scheduled")).to_be_visible()
    expect(page.locator("table.grid-table")).to_contain_text("Vindkraft Service ApS – Fjord Heat AS")
    expect(page.locator("#breaks-summary")).to_contain_text("No participant has a break.")
    assert axe_serious(page) == []
    # "keep improving" resumes from this schedule (one meeting: it stays where it is)
    page.get_by_label("Time to keep improving (seconds)").fill("3")
    page.get_by_role("button", name="Keep improving").click()
    expect(page.get_by_text("The scheduler keeps improving the current schedule")).to_be_visible()
    expect(page.get_by_text("1 of 1 accepted meetings are scheduled")).to_be_visible()
    page.get_by_role("button", name="Publish the schedule").click()
    expect(page.get_by_text("Schedule published")).to_be_visible()
    meeting = Meeting.objects.get()
    assert meeting.published and meeting.slot is not None

    _sme_downloads_its_agenda(page, base, meeting)


def _sme_downloads_its_agenda(page: Page, base: str, meeting) -> None:
    from northern_connections.events.models import Participant

    # And the SME sees its agenda and downloads it for its calendar and as a PDF
    _login(page, base, "sme@example.org")
    page.goto(f"{base}/events/brokerage-day/")
    page.get_by_role("link", name="My agenda").click()
    expect(page.get_by_role("cell", name="Fjord Heat AS (NO)")).to_be_visible()
    participant = Participant.objects.get(organisation__slug="vindkraft-dk")
    ical = page.request.get(f"{base}/events/participants/{participant.pk}/agenda.ics")
    assert ical.status == 200 and ical.headers["content-type"].startswith("text/calendar")
    body = ical.text()
    assert "BEGIN:VEVENT" in body and "Meeting: Fjord Heat AS" in body and f"Table {meeting.table}" in body
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as PDF").click()
    assert download_info.value.suggested_filename == "agenda-brokerage-day.pdf"
    pdf = page.request.get(f"{base}/events/participants/{participant.pk}/agenda.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    content = pdf.body()
    assert content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Fjord Heat AS" in text and "Netzwerk" not in text


def test_demo_gothenburg_event_has_a_published_valid_schedule_and_accessible_pages(page: Page, live_server,
                                                                                     demo_world):
    from collections import Counter

    from northern_connections.events import scheduling, selectors
    from northern_connections.events.models import Event, Meeting, Participant

    event = Event.objects.get(slug="gothenburg-living-lab-event")
    assert {o.slug for o in event.organisers.all()} == {"goteborgs-stad", "johanneberg-science-park"}
    accepted = Participant.objects.filter(event=event, status="accepted", organisation__kind="sme")
    assert accepted.count() >= 40
    assert set(accepted.values_list("organisation__country", flat=True)) == {"DK", "NO", "SE", "NL", "DE", "GB"}
    statuses = Counter(event.meeting_requests.values_list("status", flat=True))
    assert 90 <= sum(statuses.values()) <= 110 and statuses["accepted"] > sum(statuses.values()) / 2
    assert event.blocks.count() == 2 and event.schedule_published_at is not None
    meetings = Meeting.objects.filter(event=event)
    scheduled = meetings.filter(slot__isnull=False)
    assert scheduled.count() >= 0.8 * meetings.count() and not scheduled.filter(published=False).exists()
    instance, _fixed, _version = selectors.schedule_instance(event)
    placed = {f"m{m.pk}": (f"s{m.slot_id}", m.table) for m in scheduled}
    assert scheduling.check_hard_rules(scheduling.parse_instance(instance), placed) == []

    base = live_server.url
    for path in ["/events/", f"/events/{event.slug}/", f"/events/{event.slug}/marketplace/"]:
        page.goto(base + path)
        assert axe_serious(page) == [], path
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill("officer.goteborg@example.org")
    page.get_by_label("Password").fill("northern-demo")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    for path in [f"/events/{event.slug}/schedule/", f"/events/{event.slug}/participants/"]:
        page.goto(base + path)
        assert axe_serious(page) == [], path
    demo_sme = Participant.objects.get(event=event, user__email="sme@example.org")
    page.goto(f"{base}/events/participants/{demo_sme.pk}/agenda/")
    expect(page.get_by_role("heading", name=f"Agenda of {demo_sme.organisation}")).to_be_visible()
    assert axe_serious(page) == []
