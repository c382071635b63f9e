"""Rules of the events services: registration, screening, meeting requests, moving, scheduling, publishing."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from northern_connections.accounts.models import Membership
from northern_connections.core.models import Job
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.events import selectors, services
from northern_connections.events.models import Meeting, Participant, Slot

from .factories import STOCKHOLM, EventFactory, ParticipantFactory, make_block

# --- events and blocks ----------------------------------------------------------------------------------------


def test_event_create_needs_an_organiser_the_actor_edits(people):
    starts = timezone.now() + timedelta(days=10)
    fields = {"title": "Living Lab day", "summary": "Demonstrations", "venue": "Lindholmen", "starts_at": starts,
              "ends_at": starts + timedelta(hours=8), "time_zone": "Europe/Stockholm"}
    with pytest.raises(PermissionDenied):
        services.event_create(actor=people.users["outsider"], organisers=[people.organisation], **fields)
    event = services.event_create(actor=people.users["member"], organisers=[people.organisation], **fields)
    assert event.status == "draft" and event.slug == "living-lab-day"
    services.event_publish(actor=people.users["member"], event=event)
    event.refresh_from_db()
    assert event.status == "published" and event.published_at


def test_event_needs_a_venue_or_an_online_url(people):
    starts = timezone.now() + timedelta(days=10)
    with pytest.raises(ValidationError) as error:
        services.event_create(actor=people.users["member"], organisers=[people.organisation], title="Webinar",
                              summary="x", starts_at=starts, ends_at=starts + timedelta(hours=1))
    assert "venue" in error.value.message_dict


def test_meeting_block_generates_slots_with_breaks_in_the_event_time_zone(fair):
    event = fair["event"]
    block = services.meeting_block_save(
        actor=fair["people"]["organiser"], event=event, name="Afternoon", date=event.local(event.starts_at).date(),
        start_time=time(13), slot_minutes=30, slot_count=4, breaks_after=[2], break_minutes=15, tables=5)
    starts = [s.starts_at.astimezone(STOCKHOLM).strftime("%H:%M") for s in block.slots.order_by("number")]
    assert starts == ["13:00", "13:30", "14:15", "14:45"]


def test_meeting_blocks_may_not_overlap_nor_leave_the_event(fair):
    event, organiser = fair["event"], fair["people"]["organiser"]
    day = event.local(event.starts_at).date()
    with pytest.raises(ValidationError, match="overlaps"):
        services.meeting_block_save(actor=organiser, event=event, name="Clash", date=day, start_time=time(9, 30),
                                    slot_count=2)
    with pytest.raises(ValidationError):
        services.meeting_block_save(actor=organiser, event=event, name="Night", date=day, start_time=time(22),
                                    slot_count=2)


def test_block_times_are_frozen_while_meetings_sit_in_it_but_tables_can_grow(fair):
    meeting = services.meeting_add(actor=fair["people"]["organiser"], event=fair["event"],
                                   participant_a=fair["p"]["dk"], participant_b=fair["p"]["no"])
    slot = fair["block"].slots.first()
    services.meeting_move(actor=fair["people"]["organiser"], meeting=meeting, slot=slot, table=2)
    with pytest.raises(ValidationError, match="unschedule"):
        services.meeting_block_save(actor=fair["people"]["organiser"], event=fair["event"], block=fair["block"],
                                    slot_count=6)
    with pytest.raises(ValidationError):
        services.meeting_block_save(actor=fair["people"]["organiser"], event=fair["event"], block=fair["block"],
                                    tables=1)
    services.meeting_block_save(actor=fair["people"]["organiser"], event=fair["event"], block=fair["block"], tables=8)
    assert Slot.objects.filter(block=fair["block"]).count() == 4


# --- registration ---------------------------------------------------------------------------------------------


def _sme(make_user, email, country="NL"):
    organisation = OrganisationFactory(kind="sme", country=country)
    user = make_user(email)
    Membership.objects.create(user=user, organisation=organisation, role="member")
    return user, organisation


def test_registration_window_is_enforced(people, make_user, frozen):
    now = timezone.now()
    event = EventFactory(registration_opens_at=now + timedelta(days=1), registration_closes_at=now + timedelta(days=5))
    user, org = _sme(make_user, "nl@example.org")
    frozen(now)
    with pytest.raises(ValidationError, match="opens"):
        services.participant_register(actor=user, event=event, organisation=org)
    frozen(now + timedelta(days=6))
    with pytest.raises(ValidationError, match="closed"):
        services.participant_register(actor=user, event=event, organisation=org)
    frozen(now + timedelta(days=2))
    assert services.participant_register(actor=user, event=event, organisation=org).status == "accepted"


def test_registration_needs_a_published_event_and_membership(people, make_user):
    draft = EventFactory(status="draft")
    user, org = _sme(make_user, "nl@example.org")
    with pytest.raises(ValidationError):
        services.participant_register(actor=user, event=draft, organisation=org)
    with pytest.raises(PermissionDenied):
        services.participant_register(actor=user, event=EventFactory(), organisation=people.other_organisation)


def test_automatic_approval_respects_capacity(people, make_user):
    event = EventFactory(capacity=1)
    first, first_org = _sme(make_user, "a@example.org")
    second, second_org = _sme(make_user, "b@example.org")
    assert services.participant_register(actor=first, event=event, organisation=first_org).status == "accepted"
    with pytest.raises(ValidationError, match="full"):
        services.participant_register(actor=second, event=event, organisation=second_org)


def test_approval_by_organiser_queues_applicants_and_bulk_screening_keeps_capacity(people, make_user,
                                                                                   django_capture_on_commit_callbacks):
    event = EventFactory(capacity=2, approval_mode="organiser", organisers=[people.organisation])
    applicants = []
    for n in range(3):
        user, org = _sme(make_user, f"applicant{n}@example.org")
        applicants.append(services.participant_register(actor=user, event=event, organisation=org))
    assert {p.status for p in applicants} == {"pending"}
    organiser = people.users["member"]
    with pytest.raises(ValidationError, match="Only 2 places"):
        services.participants_screen(actor=organiser, event=event, participant_ids=[p.pk for p in applicants],
                                     accept=True)
    with pytest.raises(PermissionDenied):
        services.participants_screen(actor=people.users["outsider"], event=event,
                                     participant_ids=[applicants[0].pk], accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.participants_screen(actor=organiser, event=event,
                                            participant_ids=[applicants[0].pk, applicants[1].pk], accept=True) == 2
        services.participants_screen(actor=organiser, event=event, participant_ids=[applicants[2].pk], accept=False)
    assert list(Participant.objects.filter(event=event).order_by("pk").values_list("status", flat=True)) == [
        "accepted", "accepted", "rejected"]
    assert len(mail.outbox) == 3 and "registered" in mail.outbox[0].subject
    # A rejected organisation cannot register again; a cancelled one can.
    with pytest.raises(ValidationError, match="declined"):
        services.participant_register(actor=applicants[2].user, event=event, organisation=applicants[2].organisation)
    services.participant_cancel(actor=applicants[0].user, participant=applicants[0])
    again = services.participant_register(actor=applicants[0].user, event=event,
                                          organisation=applicants[0].organisation)
    assert again.pk == applicants[0].pk and again.status == "pending"


def test_one_registration_per_organisation(people, make_user):
    event = EventFactory()
    user, org = _sme(make_user, "a@example.org")
    services.participant_register(actor=user, event=event, organisation=org)
    with pytest.raises(ValidationError, match="already registered"):
        services.participant_register(actor=user, event=event, organisation=org)


# --- meeting requests -----------------------------------------------------------------------------------------


def test_request_accept_creates_a_meeting_and_notifies(fair, django_capture_on_commit_callbacks):
    p, people = fair["p"], fair["people"]
    with django_capture_on_commit_callbacks(execute=True):
        request = services.meeting_request_create(actor=people["dk"], requester=p["dk"], recipient=p["no"],
                                                  message="Let's talk heat pumps")
    assert request.status == "pending" and "asks you for a meeting" in mail.outbox[-1].subject
    with pytest.raises(PermissionDenied):  # only the recipient's side answers
        services.meeting_request_accept(actor=people["dk"], request=request)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_request_accept(actor=people["no"], request=request)
    assert meeting.participant_a == p["dk"] and meeting.slot is None
    assert "accepted" in mail.outbox[-1].subject
    with pytest.raises(ValidationError, match="already have a meeting"):
        services.meeting_request_create(actor=people["no"], requester=p["no"], recipient=p["dk"])


def test_no_duplicate_open_requests_and_decline(fair):
    p, people = fair["p"], fair["people"]
    request = services.meeting_request_create(actor=people["dk"], requester=p["dk"], recipient=p["de"])
    with pytest.raises(ValidationError, match="open request"):
        services.meeting_request_create(actor=people["de"], requester=p["de"], recipient=p["dk"])
    services.meeting_request_decline(actor=people["de"], request=request)
    with pytest.raises(ValidationError, match="already answered"):
        services.meeting_request_accept(actor=people["de"], request=request)
    assert not Meeting.objects.filter(event=fair["event"]).exists()


def test_requests_need_accepted_participants(fair):
    p = fair["p"]
    Participant.objects.filter(pk=p["de"].pk).update(status="pending")
    with pytest.raises(ValidationError, match="not an accepted participant"):
        services.meeting_request_create(actor=fair["people"]["dk"], requester=p["dk"], recipient=p["de"])


def test_auto_accept_makes_the_meeting_at_once(fair):
    fair["event"].auto_accept_meetings = True
    fair["event"].save()
    request = services.meeting_request_create(actor=fair["people"]["dk"], requester=fair["p"]["dk"],
                                              recipient=fair["p"]["no"])
    assert request.status == "accepted" and request.meeting.participant_b == fair["p"]["no"]


def test_max_meetings_per_participant(fair):
    p, people = fair["p"], fair["people"]
    Participant.objects.filter(pk=p["no"].pk).update(max_meetings=1)
    services.meeting_add(actor=people["organiser"], event=fair["event"], participant_a=p["no"], participant_b=p["de"])
    with pytest.raises(ValidationError, match="maximum of 1"):
        services.meeting_request_create(actor=people["dk"], requester=p["dk"], recipient=p["no"])
    request = services.meeting_request_create(actor=people["dk"], requester=p["dk"], recipient=p["de"])
    fair["event"].max_meetings = 1  # the event's maximum caps everyone
    fair["event"].save()
    with pytest.raises(ValidationError, match="maximum"):
        services.meeting_request_accept(actor=people["de"], request=request)


def test_requests_expire_after_the_chosen_hours(fair, frozen):
    now = timezone.now()
    frozen(now)
    fair["event"].meeting_request_hours = 24
    fair["event"].save()
    request = services.meeting_request_create(actor=fair["people"]["dk"], requester=fair["p"]["dk"],
                                              recipient=fair["p"]["no"])
    assert request.expires_at == now + timedelta(hours=24)
    assert services.meeting_requests_expire(now=now + timedelta(hours=23)) == 0
    frozen(now + timedelta(hours=25))
    with pytest.raises(ValidationError, match="expired"):  # answering late also expires it
        services.meeting_request_accept(actor=fair["people"]["no"], request=request)
    request.refresh_from_db()
    assert request.status == "expired"
    other = services.meeting_request_create(actor=fair["people"]["dk"], requester=fair["p"]["dk"],
                                            recipient=fair["p"]["de"])
    assert services.meeting_requests_expire(now=now + timedelta(hours=50)) == 1
    other.refresh_from_db()
    assert other.status == "expired"


def test_expiry_never_later_than_the_event_start(fair, frozen):
    event = fair["event"]
    frozen(event.starts_at - timedelta(hours=2))
    request = services.meeting_request_create(actor=fair["people"]["dk"], requester=fair["p"]["dk"],
                                              recipient=fair["p"]["no"])
    assert request.expires_at == event.starts_at


def test_expire_task_is_in_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "northern_connections.events.tasks.expire_meeting_requests" in tasks


def test_requester_cancels_and_participant_cancel_drops_meetings(fair):
    p, people = fair["p"], fair["people"]
    request = services.meeting_request_create(actor=people["dk"], requester=p["dk"], recipient=p["no"])
    with pytest.raises(PermissionDenied):
        services.meeting_request_cancel(actor=people["no"], request=request)
    services.meeting_request_cancel(actor=people["dk"], request=request)
    services.meeting_add(actor=people["organiser"], event=fair["event"], participant_a=p["dk"], participant_b=p["de"])
    pending = services.meeting_request_create(actor=people["no"], requester=p["no"], recipient=p["dk"])
    services.participant_cancel(actor=people["dk"], participant=p["dk"])
    pending.refresh_from_db()
    assert pending.status == "cancelled" and not Meeting.objects.filter(event=fair["event"]).exists()


# --- moving, locking, unscheduling ----------------------------------------------------------------------------


@pytest.fixture
def three_meetings(fair):
    p, organiser = fair["p"], fair["people"]["organiser"]
    add = services.meeting_add
    return {
        "dk-no": add(actor=organiser, event=fair["event"], participant_a=p["dk"], participant_b=p["no"]),
        "dk-de": add(actor=organiser, event=fair["event"], participant_a=p["dk"], participant_b=p["de"]),
        "no-de": add(actor=organiser, event=fair["event"], participant_a=p["no"], participant_b=p["de"]),
    }


def test_move_checks_every_conflict(fair, three_meetings):
    organiser, m = fair["people"]["organiser"], three_meetings
    s1, s2 = list(fair["block"].slots.order_by("number"))[:2]
    services.meeting_move(actor=organiser, meeting=m["dk-no"], slot=s1, table=1)
    with pytest.raises(ValidationError, match="taken"):
        services.meeting_move(actor=organiser, meeting=m["no-de"], slot=s1, table=1)
    with pytest.raises(ValidationError, match="already has a meeting in this slot"):  # DK double-booked
        services.meeting_move(actor=organiser, meeting=m["dk-de"], slot=s1, table=2)
    with pytest.raises(ValidationError, match="tables 1 to 2"):
        services.meeting_move(actor=organiser, meeting=m["dk-de"], slot=s2, table=3)
    fair["p"]["de"].unavailable_blocks.add(fair["block"])
    with pytest.raises(ValidationError, match="not available"):
        services.meeting_move(actor=organiser, meeting=m["dk-de"], slot=s2, table=1)
    with pytest.raises(PermissionDenied):
        services.meeting_move(actor=fair["people"]["dk"], meeting=m["dk-no"], slot=s2, table=1)


def test_locked_meetings_do_not_move_until_unlocked(fair, three_meetings):
    organiser, meeting = fair["people"]["organiser"], three_meetings["dk-no"]
    s1, s2 = list(fair["block"].slots.order_by("number"))[:2]
    with pytest.raises(ValidationError, match="scheduled meeting can be locked"):
        services.meeting_set_locked(actor=organiser, meeting=meeting, locked=True)
    services.meeting_move(actor=organiser, meeting=meeting, slot=s1, table=1)
    services.meeting_set_locked(actor=organiser, meeting=meeting, locked=True)
    with pytest.raises(ValidationError, match="locked"):
        services.meeting_move(actor=organiser, meeting=meeting, slot=s2, table=1)
    with pytest.raises(ValidationError, match="locked"):
        services.meeting_unschedule(actor=organiser, meeting=meeting)
    services.meeting_set_locked(actor=organiser, meeting=meeting, locked=False)
    services.meeting_unschedule(actor=organiser, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.slot is None and meeting.table is None


def test_availability_cannot_be_withdrawn_under_a_scheduled_meeting(fair, three_meetings):
    services.meeting_move(actor=fair["people"]["organiser"], meeting=three_meetings["dk-no"],
                          slot=fair["block"].slots.first(), table=1)
    with pytest.raises(ValidationError, match="ask the organisers"):
        services.participant_update(actor=fair["people"]["no"], participant=fair["p"]["no"],
                                    unavailable_blocks=[fair["block"]])


# --- scheduling -----------------------------------------------------------------------------------------------


def test_schedule_instance_follows_the_file_contract(fair, three_meetings):
    from northern_connections.events import scheduling

    afternoon = make_block(fair["event"], name="Afternoon", start=time(14), slots=3, tables=1)
    fair["p"]["de"].unavailable_blocks.add(afternoon)
    Participant.objects.filter(pk=fair["p"]["no"].pk).update(max_meetings=1)
    instance, fixed, version = selectors.schedule_instance(fair["event"])
    parsed = scheduling.parse_instance(instance)
    assert len(parsed.slots) == 7 and [b.id for b in parsed.blocks] == [f"b{fair['block'].pk}", f"b{afternoon.pk}"]
    de = next(p for p in instance["participants"] if p["id"] == f"p{fair['p']['de'].pk}")
    assert de["available"] == [f"s{s.pk}" for s in fair["block"].slots.order_by("number")]
    no = next(p for p in instance["participants"] if p["id"] == f"p{fair['p']['no'].pk}")
    assert no["max_meetings"] == 1 and "available" not in no
    assert fixed == {} and len(instance["meetings"]) == 3


def test_schedule_event_writes_a_valid_schedule_and_reports_progress(fair, three_meetings):
    from northern_connections.events import scheduling

    job = Job.objects.create(kind="events.schedule", owner=fair["people"]["organiser"])
    stats = services.schedule_event(actor=fair["people"]["organiser"], event=fair["event"], time_limit=3, job=job)
    job.refresh_from_db()
    assert job.status == "done" and job.progress == 1.0 and job.result["scheduled"] == 3
    assert stats["scheduled"] == 3 and stats["breaks"] == 1  # a triangle in one block: one break is unavoidable
    instance, _fixed, _version = selectors.schedule_instance(fair["event"])
    placed = {f"m{m.pk}": (f"s{m.slot_id}", m.table) for m in Meeting.objects.filter(event=fair["event"])}
    assert scheduling.check_hard_rules(scheduling.parse_instance(instance), placed) == []
    fair["event"].refresh_from_db()
    assert fair["event"].schedule_stats["scheduled"] == 3
    # the priority weight and its proven bound are kept for the grid (equal priorities here)
    assert fair["event"].schedule_stats["weight"] == fair["event"].schedule_stats["bound_weight"] == 3


def test_schedule_event_is_for_organisers_only(fair, three_meetings):
    with pytest.raises(PermissionDenied):
        services.schedule_event(actor=fair["people"]["dk"], event=fair["event"], time_limit=1)


def test_rescheduling_keeps_locked_and_published_meetings_in_place(fair, three_meetings, make_user):
    organiser, p = fair["people"]["organiser"], fair["p"]
    slots = list(fair["block"].slots.order_by("number"))
    services.meeting_move(actor=organiser, meeting=three_meetings["dk-no"], slot=slots[3], table=2)
    services.meeting_set_locked(actor=organiser, meeting=three_meetings["dk-no"], locked=True)
    services.meeting_move(actor=organiser, meeting=three_meetings["dk-de"], slot=slots[2], table=1)
    Meeting.objects.filter(pk=three_meetings["dk-de"].pk).update(published=True)
    # Late changes: a new participant and two new meetings
    org = OrganisationFactory(kind="sme", country="GB")
    gb = ParticipantFactory(event=fair["event"], organisation=org)
    services.meeting_add(actor=organiser, event=fair["event"], participant_a=gb, participant_b=p["dk"])
    services.meeting_add(actor=organiser, event=fair["event"], participant_a=gb, participant_b=p["no"])
    services.schedule_event(actor=organiser, event=fair["event"], time_limit=3, method="greedy")
    locked = Meeting.objects.get(pk=three_meetings["dk-no"].pk)
    published = Meeting.objects.get(pk=three_meetings["dk-de"].pk)
    assert (locked.slot_id, locked.table, locked.locked) == (slots[3].pk, 2, True)
    assert (published.slot_id, published.table, published.published) == (slots[2].pk, 1, True)
    assert Meeting.objects.filter(event=fair["event"], slot__isnull=True).count() == 0


def test_a_stale_run_does_not_overwrite_the_organisers_changes(fair, three_meetings, monkeypatch):
    from northern_connections.events import scheduling

    organiser = fair["people"]["organiser"]
    real_solve = scheduling.solve

    def solve_while_someone_moves_a_meeting(*args, **kwargs):
        services.meeting_move(actor=organiser, meeting=three_meetings["no-de"], slot=fair["block"].slots.first(),
                              table=1)
        return real_solve(*args, **kwargs)

    monkeypatch.setattr(scheduling, "solve", solve_while_someone_moves_a_meeting)
    job = Job.objects.create(kind="events.schedule", owner=organiser)
    with pytest.raises(ValidationError, match="changed"):
        services.schedule_event(actor=organiser, event=fair["event"], time_limit=1, method="greedy", job=job)
    job.refresh_from_db()
    assert job.status == "failed"
    assert Meeting.objects.filter(event=fair["event"], slot__isnull=False).count() == 1


def test_schedule_event_start_runs_the_task_and_links_the_job(fair, three_meetings,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.schedule_event_start(actor=fair["people"]["organiser"], event=fair["event"], time_limit=2)
    job.refresh_from_db()
    fair["event"].refresh_from_db()
    assert fair["event"].schedule_job == job and job.status == "done"
    assert Meeting.objects.filter(event=fair["event"], slot__isnull=False).count() == 3


def test_publish_marks_meetings_and_emails_each_participant(fair, three_meetings,
                                                             django_capture_on_commit_callbacks):
    organiser = fair["people"]["organiser"]
    with pytest.raises(ValidationError, match="No meeting"):
        services.schedule_publish(actor=organiser, event=fair["event"])
    services.schedule_event(actor=organiser, event=fair["event"], time_limit=2, method="greedy")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.schedule_publish(actor=organiser, event=fair["event"]) == 3
    assert set(Meeting.objects.filter(event=fair["event"]).values_list("published", flat=True)) == {True}
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["de@example.org", "no@example.org", "outsider@example.org"]
    assert "2 meetings" in mail.outbox[0].body
    # Moving a published meeting tells both participants.
    mail.outbox.clear()
    meeting = Meeting.objects.filter(event=fair["event"]).first()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_unschedule(actor=organiser, meeting=meeting)
    assert len(mail.outbox) == 2 and "no longer scheduled" in mail.outbox[0].body


def test_agenda_shows_only_published_meetings(fair, three_meetings):
    organiser = fair["people"]["organiser"]
    services.meeting_move(actor=organiser, meeting=three_meetings["dk-no"], slot=fair["block"].slots.first(),
                          table=1)
    assert selectors.agenda(participant=fair["p"]["dk"]) == []
    services.schedule_publish(actor=organiser, event=fair["event"])
    [meeting] = selectors.agenda(participant=fair["p"]["dk"])
    assert meeting.partner == fair["p"]["no"]


def test_suggested_partners_leave_out_those_already_met(fair):
    suggestions = selectors.suggested_partners(participant=fair["p"]["dk"])
    assert {s["participant"].pk for s in suggestions} <= {fair["p"]["no"].pk, fair["p"]["de"].pk}
    services.meeting_add(actor=fair["people"]["organiser"], event=fair["event"], participant_a=fair["p"]["dk"],
                         participant_b=fair["p"]["no"])
    assert fair["p"]["no"].pk not in {s["participant"].pk for s in selectors.suggested_partners(
        participant=fair["p"]["dk"])}


def test_an_optimiser_failure_falls_back_to_the_greedy_heuristic(fair, three_meetings, monkeypatch):
    from northern_connections.events import scheduling

    real_solve = scheduling.solve

    def broken_optimiser(instance, **kwargs):
        if kwargs.get("method") != "greedy":
            raise RuntimeError("solver crashed")
        return real_solve(instance, **kwargs)

    monkeypatch.setattr(scheduling, "solve", broken_optimiser)
    stats = services.schedule_event(actor=fair["people"]["organiser"], event=fair["event"], time_limit=2)
    assert stats["method"] == "greedy (fallback)" and stats["scheduled"] == 3


def test_an_infeasible_instance_fails_the_job_with_the_reason(fair, three_meetings):
    Meeting.objects.filter(pk=three_meetings["dk-no"].pk).update(slot=fair["block"].slots.first(), table=5,
                                                                   locked=True)  # beyond the block's 2 tables
    job = Job.objects.create(kind="events.schedule", owner=fair["people"]["organiser"])
    with pytest.raises(ValidationError, match="only 2 tables"):
        services.schedule_event(actor=fair["people"]["organiser"], event=fair["event"], time_limit=1, job=job)
    job.refresh_from_db()
    assert job.status == "failed" and "tables" in job.message


def test_only_one_scheduler_run_at_a_time(fair, three_meetings):
    organiser = fair["people"]["organiser"]
    job = services.schedule_event_start(actor=organiser, event=fair["event"], time_limit=5)  # not run: no commit
    assert job.status == "pending"
    with pytest.raises(ValidationError, match="already in progress"):
        services.schedule_event_start(actor=organiser, event=fair["event"], time_limit=5)
