"""Who may use each events page and endpoint (run by core/tests/test_permission_matrix.py).

The world: `organisation` (a Swedish municipality, administered by "member") organises the events;
`other_organisation` (a Danish SME, administered by "outsider") is an accepted participant with a
scheduled meeting, a marketplace item, a request received and a request sent. Keys in
`world.objects` are prefixed `ev_` because the dict is shared with every other app's cases.
"""

from datetime import time, timedelta

from django.urls import reverse

from northern_connections.core.testing import PermissionCase, Private, expect

from .factories import EventFactory, MarketplaceItemFactory, ParticipantFactory, make_block


def build(world):
    from northern_connections.directory.tests.factories import OrganisationFactory
    from northern_connections.events.models import Meeting, MeetingRequest

    fair = EventFactory(organisers=[world.organisation], slug="perm-fair")
    draft = EventFactory(organisers=[world.organisation], slug="perm-draft", status="draft", published_at=None)
    open_event = EventFactory(organisers=[world.organisation], slug="perm-open")
    block = make_block(fair, name="Morning", start=time(9), slots=4, tables=2)
    empty_block = make_block(fair, name="Late morning", start=time(11), slots=2, tables=2)
    dk = ParticipantFactory(event=fair, organisation=world.other_organisation, user=world.users["outsider"])
    others = {country: ParticipantFactory(event=fair, organisation=OrganisationFactory(kind="sme", country=country))
              for country in ("NO", "DE", "GB")}
    pending = ParticipantFactory(event=fair, organisation=OrganisationFactory(kind="sme", country="NL"),
                                 status="pending")
    slots = list(block.slots.order_by("number"))
    meeting = Meeting.objects.create(event=fair, participant_a=dk, participant_b=others["NO"], slot=slots[0], table=1)
    expires = fair.starts_at
    incoming = MeetingRequest.objects.create(event=fair, requester=others["DE"], recipient=dk, expires_at=expires)
    outgoing = MeetingRequest.objects.create(event=fair, requester=dk, recipient=others["DE"], expires_at=expires)
    item = MarketplaceItemFactory(participant=dk)
    world.objects.update({f"ev_{name}": value for name, value in {
        "fair": fair, "draft": draft, "open": open_event, "block": block, "empty_block": empty_block, "dk": dk,
        "no": others["NO"], "de": others["DE"], "gb": others["GB"], "pending": pending, "slots": slots,
        "meeting": meeting, "incoming": incoming, "outgoing": outgoing, "item": item}.items()})
    build_private(world)


def build_private(world):
    """Give the rows that outsiders must not see words found nowhere else (see PRIVATE)."""
    from northern_connections.events.models import Event, Meeting, MeetingRequest, Participant

    o = world.objects
    Event.objects.filter(pk=o["ev_draft"].pk).update(title="Secret draft event")
    Participant.objects.filter(pk=o["ev_pending"].pk).update(note="Private registration note")
    o["ev_others_request"] = MeetingRequest.objects.create(
        event=o["ev_fair"], requester=o["ev_no"], recipient=o["ev_gb"], expires_at=o["ev_fair"].starts_at,
        message="Private request between others")
    o["ev_others_meeting"] = Meeting.objects.create(event=o["ev_fair"], participant_a=o["ev_de"],
                                                    participant_b=o["ev_gb"], slot=o["ev_slots"][2], table=1,
                                                    published=True)


# Rows that no outsider nor anonymous visitor may see (core/tests/test_permission_matrix.py): the
# organisers' draft, a registration still screened, and what two other participants arranged.
PRIVATE = [
    Private("a draft event", lambda w: reverse("events:event_detail", args=["perm-draft"]),
            markers=lambda w: ["Secret draft event"]),
    Private("a pending registration", lambda w: reverse("events:participant_list", args=["perm-fair"]),
            markers=lambda w: ["Private registration note"]),
    Private("a request between two other participants",
            lambda w: reverse("events:meetingrequest_list", args=["perm-fair"]),
            markers=lambda w: ["Private request between others"], api_list="api:v1:meetingrequest-list",
            pk=lambda w: w.objects["ev_others_request"].pk, viewer=lambda w: w.objects["ev_no"].user),
    Private("a meeting between two other participants", lambda w: reverse("api:v1:agenda-list"),
            api_list="api:v1:agenda-list", pk=lambda w: w.objects["ev_others_meeting"].pk,
            viewer=lambda w: w.objects["ev_de"].user),
]


def url(name, key=None, attr="pk"):
    if key is None:
        return lambda w: reverse(name)
    return lambda w: reverse(name, args=[getattr(w.objects[f"ev_{key}"], attr)])


def slug_url(name, key="fair"):
    return url(name, key, "slug")


def _local(event, hours):
    return (event.local(event.starts_at) + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


def event_data(w, key="fair"):
    event = w.objects[f"ev_{key}"]
    return {"title": "Renamed brokerage day", "kind": "brokerage", "summary": "Meetings.", "venue": "Lindholmen",
            "organisers": [w.organisation.pk], "time_zone": "Europe/Stockholm", "starts_at": _local(event, 0),
            "ends_at": _local(event, 10), "approval_mode": "automatic", "meeting_request_hours": 48,
            "max_meetings": 10}


def new_event_data(w):
    return {**event_data(w), "title": "New workshop"}


def session_data(w):
    event = w.objects["ev_fair"]
    return {"form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 0, "form-0-title": "Welcome",
            "form-0-starts_at": _local(event, 0), "form-0-ends_at": _local(event, 1)}


def block_data(w):
    event = w.objects["ev_fair"]
    return {"name": "Afternoon", "date": event.local(event.starts_at).date().isoformat(), "start_time": "14:00",
            "slot_minutes": 20, "slot_count": 4, "breaks_after": "2", "break_minutes": 10, "tables": 3}


def availability_data(w):
    return {"note": "Heat pumps", "max_meetings": "", "available_blocks": [w.objects["ev_block"].pk]}


PUBLIC = expect(200, 200, 200, 200)
ORGANISER_PAGE = expect(302, 200, 403, 200)
ORGANISER_POST = expect(302, 302, 403, 302)
PARTICIPANT_POST = expect(302, 403, 302, 302)
AGENDA = expect(302, 200, 200, 200)

CASES = [
    PermissionCase("events:event_list", "get", url("events:event_list"), PUBLIC),
    PermissionCase("events:event_detail", "get", slug_url("events:event_detail"), PUBLIC),
    PermissionCase("events:event_detail", "get", slug_url("events:event_detail", "draft"),
                   expect(404, 200, 404, 200), label="(draft)"),
    PermissionCase("events:event_ical", "get", slug_url("events:event_ical"), PUBLIC),
    PermissionCase("events:event_add", "get", url("events:event_add"), expect(302, 200, 200, 200)),
    # The outsider may organise events, but not in the name of the municipality it does not belong to.
    PermissionCase("events:event_add", "post", url("events:event_add"), expect(302, 302, 403, 302),
                   data=new_event_data),
    PermissionCase("events:event_edit", "get", slug_url("events:event_edit"), ORGANISER_PAGE),
    PermissionCase("events:event_edit", "post", slug_url("events:event_edit"), ORGANISER_POST, data=event_data),
    PermissionCase("events:event_publish", "post", slug_url("events:event_publish", "draft"),
                   expect(302, 302, 404, 302)),
    PermissionCase("events:event_sessions", "get", slug_url("events:event_sessions"), ORGANISER_PAGE),
    PermissionCase("events:event_sessions", "post", slug_url("events:event_sessions"), ORGANISER_POST,
                   data=session_data),
    PermissionCase("events:block_list", "get", slug_url("events:block_list"), ORGANISER_PAGE),
    PermissionCase("events:block_list", "post", slug_url("events:block_list"), ORGANISER_POST, data=block_data),
    PermissionCase("events:block_edit", "get", url("events:block_edit", "block"), ORGANISER_PAGE),
    PermissionCase("events:block_delete", "post", url("events:block_delete", "empty_block"), ORGANISER_POST),
    PermissionCase("events:event_register", "get", slug_url("events:event_register", "open"),
                   expect(302, 200, 200, 200)),
    # Only the member belongs to the municipality; for the others it is not a choice (form error).
    PermissionCase("events:event_register", "post", slug_url("events:event_register", "open"),
                   expect(302, 302, 400, 400), data=lambda w: {"organisation": w.organisation.pk}),
    PermissionCase("events:participant_list", "get", slug_url("events:participant_list"), ORGANISER_PAGE),
    PermissionCase("events:participant_screen", "post", slug_url("events:participant_screen"), ORGANISER_POST,
                   data=lambda w: {"participants": [w.objects["ev_pending"].pk], "decision": "accept"}),
    PermissionCase("events:participant_edit", "get", url("events:participant_edit", "dk"), expect(302, 403, 200, 200)),
    PermissionCase("events:participant_edit", "post", url("events:participant_edit", "dk"), PARTICIPANT_POST,
                   data=availability_data),
    PermissionCase("events:participant_cancel", "post", url("events:participant_cancel", "dk"), PARTICIPANT_POST),
    PermissionCase("events:participant_agenda", "get", url("events:participant_agenda", "dk"), AGENDA),
    PermissionCase("events:participant_agenda", "get", url("events:participant_agenda", "no"),
                   expect(302, 200, 403, 200), label="(fellow participant's)"),
    PermissionCase("events:participant_agenda_pdf", "get", url("events:participant_agenda_pdf", "dk"), AGENDA),
    PermissionCase("events:participant_agenda_ical", "get", url("events:participant_agenda_ical", "dk"), AGENDA),
    PermissionCase("events:marketplace", "get", slug_url("events:marketplace"), PUBLIC),
    PermissionCase("events:marketplaceitem_add", "get", slug_url("events:marketplaceitem_add"),
                   expect(302, 403, 200, 403)),
    PermissionCase("events:marketplaceitem_edit", "get", url("events:marketplaceitem_edit", "item"),
                   expect(302, 403, 200, 200)),
    PermissionCase("events:marketplaceitem_delete", "post", url("events:marketplaceitem_delete", "item"),
                   PARTICIPANT_POST),
    PermissionCase("events:meetingrequest_list", "get", slug_url("events:meetingrequest_list"),
                   expect(302, 200, 200, 200)),
    PermissionCase("events:meetingrequest_add", "post", slug_url("events:meetingrequest_add"),
                   expect(302, 403, 302, 403),
                   data=lambda w: {"recipient": w.objects["ev_gb"].pk, "message": "Hello"}),
    PermissionCase("events:meetingrequest_accept", "post", url("events:meetingrequest_accept", "incoming"),
                   PARTICIPANT_POST),
    PermissionCase("events:meetingrequest_decline", "post", url("events:meetingrequest_decline", "incoming"),
                   PARTICIPANT_POST),
    PermissionCase("events:meetingrequest_cancel", "post", url("events:meetingrequest_cancel", "outgoing"),
                   PARTICIPANT_POST),
    PermissionCase("events:schedule_grid", "get", slug_url("events:schedule_grid"), ORGANISER_PAGE),
    PermissionCase("events:schedule_run", "post", slug_url("events:schedule_run"), ORGANISER_POST,
                   data=lambda w: {"time_limit": 2}),
    PermissionCase("events:schedule_improve", "post", slug_url("events:schedule_improve"), ORGANISER_POST,
                   data=lambda w: {"improve-time_limit": 2}),
    PermissionCase("events:schedule_publish", "post", slug_url("events:schedule_publish"), ORGANISER_POST),
    PermissionCase("events:meeting_add", "post", slug_url("events:meeting_add"), ORGANISER_POST,
                   data=lambda w: {"participant_a": w.objects["ev_no"].pk, "participant_b": w.objects["ev_gb"].pk,
                                   "priority": 2}),
    PermissionCase("events:meeting_move", "get", url("events:meeting_move", "meeting"), ORGANISER_PAGE),
    PermissionCase("events:meeting_move", "post", url("events:meeting_move", "meeting"), ORGANISER_POST,
                   data=lambda w: {"slot": w.objects["ev_slots"][1].pk, "table": 2}),
    PermissionCase("events:meeting_lock", "post", url("events:meeting_lock", "meeting"), ORGANISER_POST,
                   data=lambda w: {"locked": "1"}),
    PermissionCase("events:meeting_unschedule", "post", url("events:meeting_unschedule", "meeting"), ORGANISER_POST),
    # API
    PermissionCase("api:v1:event-list", "get", url("api:v1:event-list"), PUBLIC),
    PermissionCase("api:v1:event-detail", "get", slug_url("api:v1:event-detail"), PUBLIC),
    PermissionCase("api:v1:event-detail", "get", slug_url("api:v1:event-detail", "draft"),
                   expect(404, 200, 404, 200), label="(draft)"),
    PermissionCase("api:v1:registration-list", "get", url("api:v1:registration-list"), PUBLIC),
    # Registering an organisation needs membership of it (the member is not in the Danish SME).
    PermissionCase("api:v1:registration-list", "post", url("api:v1:registration-list"), expect(403, 403, 201, 201),
                   json=True, data=lambda w: {"event": "perm-open", "organisation": w.other_organisation.slug}),
    # Your own registrations only: the organisers use the pages to screen.
    PermissionCase("api:v1:registration-detail", "get", url("api:v1:registration-detail", "dk"),
                   expect(404, 404, 200, 404)),
    PermissionCase("api:v1:meetingrequest-list", "get", url("api:v1:meetingrequest-list"), PUBLIC),
    PermissionCase("api:v1:meetingrequest-list", "post", url("api:v1:meetingrequest-list"),
                   expect(403, 403, 201, 403), json=True,
                   data=lambda w: {"recipient": w.objects["ev_gb"].pk, "message": "Hello"}),
    PermissionCase("api:v1:meetingrequest-detail", "get", url("api:v1:meetingrequest-detail", "incoming"),
                   expect(404, 200, 200, 200)),
    PermissionCase("api:v1:meetingrequest-accept", "post", url("api:v1:meetingrequest-accept", "incoming"),
                   expect(403, 403, 200, 200), json=True),
    PermissionCase("api:v1:meetingrequest-decline", "post", url("api:v1:meetingrequest-decline", "incoming"),
                   expect(403, 403, 200, 200), json=True),
    PermissionCase("api:v1:meetingrequest-cancel", "post", url("api:v1:meetingrequest-cancel", "outgoing"),
                   expect(403, 403, 200, 200), json=True),
    PermissionCase("api:v1:agenda-list", "get", url("api:v1:agenda-list"), PUBLIC),
]
