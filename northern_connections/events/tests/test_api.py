"""The events API: the same rules as the pages, in JSON."""

from django.urls import reverse

from northern_connections.events.models import MeetingRequest

from .factories import EventFactory


def test_events_list_and_detail_are_public(fair, client):
    EventFactory(slug="hidden", status="draft")
    rows = client.get(reverse("api:v1:event-list")).json()["results"]
    slugs = {row["slug"] for row in rows}
    assert "fair" in slugs and "hidden" not in slugs
    detail = client.get(reverse("api:v1:event-detail", args=["fair"])).json()
    assert detail["blocks"][0]["slot_count"] == 4 and detail["time_zone"] == "Europe/Stockholm"


def test_register_request_accept_and_agenda(fair, client, people):
    from northern_connections.events import services

    event = EventFactory(slug="api-open", organisers=[people.organisation])
    client.force_login(people.users["outsider"])
    response = client.post(reverse("api:v1:registration-list"),
                           {"event": "api-open", "organisation": people.other_organisation.slug},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["status"] == "accepted"
    again = client.post(reverse("api:v1:registration-list"),
                        {"event": "api-open", "organisation": people.other_organisation.slug},
                        content_type="application/json")
    assert again.status_code == 400 and "already registered" in str(again.json())
    mine = client.get(reverse("api:v1:registration-list")).json()["results"]
    assert {row["event"] for row in mine} >= {"fair", event.slug}

    # A request to the Norwegian participant of the fair, accepted by its side
    response = client.post(reverse("api:v1:meetingrequest-list"), {"recipient": fair["p"]["no"].pk,
                                                                    "message": "Storage?"},
                           content_type="application/json")
    assert response.status_code == 201, response.json()
    request_id = response.json()["id"]
    assert MeetingRequest.objects.get(pk=request_id).requester == fair["p"]["dk"]
    assert client.post(reverse("api:v1:meetingrequest-accept", args=[request_id])).status_code == 403
    client.force_login(fair["people"]["no"])
    accepted = client.post(reverse("api:v1:meetingrequest-accept", args=[request_id]))
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    again = client.post(reverse("api:v1:meetingrequest-decline", args=[request_id]))
    assert again.status_code == 400

    meeting = MeetingRequest.objects.get(pk=request_id).meeting
    organiser = fair["people"]["organiser"]
    services.meeting_move(actor=organiser, meeting=meeting, slot=fair["block"].slots.first(), table=1)
    client.force_login(people.users["outsider"])
    assert client.get(reverse("api:v1:agenda-list"), {"event": "fair"}).json()["results"] == []  # not published
    services.schedule_publish(actor=organiser, event=fair["event"])
    [row] = client.get(reverse("api:v1:agenda-list"), {"event": "fair"}).json()["results"]
    assert row["table"] == 1 and {p["id"] for p in row["participants"]} == {fair["p"]["dk"].pk, fair["p"]["no"].pk}


def test_block_start_times_are_rfc3339_full_times_with_the_events_offset(fair, client):
    # Regression: "09:00:00" was served where the schema declares `format: time` (RFC 3339 full-time).
    import re
    from datetime import datetime

    block = fair["block"]
    detail = client.get(reverse("api:v1:event-detail", args=["fair"])).json()
    offset = datetime.combine(block.date, block.start_time, tzinfo=fair["event"].tz).strftime("%z")
    assert detail["blocks"][0]["start_time"] == f"09:00:00{offset[:3]}:{offset[3:]}"
    full_time = re.compile(r"^\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")  # RFC 3339 section 5.6
    assert full_time.match(detail["blocks"][0]["start_time"]) and not full_time.match("09:00:00")
