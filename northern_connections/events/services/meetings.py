"""Meetings and the schedule: the organiser's edits, background scheduling and publishing."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.models import Job
from northern_connections.core.permissions import CHANGE, locked_for

from .. import notifications, selectors
from ..choices import MeetingRequestStatus, ParticipantStatus
from ..models import Event, Meeting, MeetingRequest, Participant, Slot
from .blocks import _bump_schedule
from .meeting_requests import _check_capacity, _check_pair, _lock_participants

log = logging.getLogger(__name__)

SCHEDULE_JOB_KIND = "events.schedule"


def meeting_add(*, actor: User, event: Event, participant_a: Participant, participant_b: Participant,
                priority: int = 1) -> Meeting:
    """The organiser adds a meeting directly (no request), within both participants' maximum."""
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        a, b = _lock_participants(participant_a, participant_b)
        if a.event_id != event.pk:
            raise ValidationError(_("Both participants must take part in this event."))
        _check_pair(a, b)
        _check_capacity(a, b)
        MeetingRequest.objects.filter(Q(requester=a, recipient=b) | Q(requester=b, recipient=a),
                                      status=MeetingRequestStatus.PENDING).update(
            status=MeetingRequestStatus.CANCELLED, responded_at=clock.now())
        meeting = Meeting(event=event, participant_a=a, participant_b=b, priority=priority, created_by=actor)
        meeting.full_clean()
        meeting.save()
        _bump_schedule(event)
    return meeting


def _lock_meeting(actor: User, meeting: Meeting) -> Meeting:
    meeting = locked_for(actor, CHANGE, meeting)
    return Meeting.objects.select_related("event", "slot__block", "participant_a__organisation",
                                          "participant_b__organisation").get(pk=meeting.pk)


def move_conflicts(meeting: Meeting, slot: Slot, table: int) -> list[str]:
    """Why `meeting` cannot sit at `table` in `slot` (empty when it can): the organiser's conflict checks."""
    problems = []
    if slot.event_id != meeting.event_id:
        return [_("That slot belongs to another event.")]
    block = slot.block
    if not 1 <= table <= block.tables:
        problems.append(_("“%(block)s” has tables 1 to %(n)s.") % {"block": block.name, "n": block.tables})
    taken = Meeting.objects.filter(slot=slot, table=table).exclude(pk=meeting.pk).first()
    if taken is not None:
        problems.append(_("Table %(table)s is taken by %(other)s in this slot.") % {"table": table, "other": taken})
    for participant in meeting.participants:
        if participant.status != ParticipantStatus.ACCEPTED:
            problems.append(_("%(org)s is not an accepted participant.") % {"org": participant.organisation})
        busy = (Meeting.objects.filter(Q(participant_a=participant) | Q(participant_b=participant), slot=slot)
                .exclude(pk=meeting.pk).first())
        if busy is not None:
            problems.append(_("%(org)s already has a meeting in this slot (%(other)s).") % {
                "org": participant.organisation, "other": busy})
        if participant.unavailable_blocks.filter(pk=block.pk).exists():
            problems.append(_("%(org)s is not available in “%(block)s”.") % {"org": participant.organisation,
                                                                            "block": block.name})
    return problems


def _notify_change(meeting: Meeting) -> None:
    pk = meeting.pk
    transaction.on_commit(lambda: notifications.meeting_changed(
        Meeting.objects.select_related("event", "slot__event", "participant_a__organisation",
                                       "participant_a__user", "participant_b__organisation",
                                       "participant_b__user").get(pk=pk),
        [meeting.participant_a, meeting.participant_b]))


def meeting_move(*, actor: User, meeting: Meeting, slot: Slot, table: int) -> Meeting:
    """Place a meeting at a table in a slot, after the conflict checks; a locked meeting stays put.

    Moving a published meeting is allowed (the organiser's decision) and tells both participants.
    """
    with transaction.atomic():
        meeting = _lock_meeting(actor, meeting)
        Event.objects.select_for_update().filter(pk=meeting.event_id).first()
        if meeting.locked:
            raise ValidationError(_("The meeting is locked; unlock it before moving it."))
        slot = Slot.objects.select_related("block").get(pk=slot.pk)
        problems = move_conflicts(meeting, slot, table)
        if problems:
            raise ValidationError(problems)
        meeting.slot, meeting.table = slot, table
        meeting.full_clean()
        meeting.save(update_fields=["slot", "table", "updated"])
        _bump_schedule(meeting.event)
        if meeting.published:
            _notify_change(meeting)
    return meeting


def meeting_set_locked(*, actor: User, meeting: Meeting, locked: bool) -> Meeting:
    """Lock a scheduled meeting in place (the scheduler will not move it), or unlock it."""
    with transaction.atomic():
        meeting = _lock_meeting(actor, meeting)
        meeting.locked = locked
        meeting.full_clean()
        meeting.save(update_fields=["locked", "updated"])
        _bump_schedule(meeting.event)
    return meeting


def meeting_unschedule(*, actor: User, meeting: Meeting) -> Meeting:
    """Take a meeting off the grid (it stays accepted and can be placed again)."""
    with transaction.atomic():
        meeting = _lock_meeting(actor, meeting)
        if meeting.locked:
            raise ValidationError(_("The meeting is locked; unlock it before taking it off the schedule."))
        if meeting.slot_id is None:
            raise ValidationError(_("The meeting is not scheduled."))
        was_published = meeting.published
        meeting.slot, meeting.table, meeting.published = None, None, False
        meeting.save(update_fields=["slot", "table", "published", "updated"])
        _bump_schedule(meeting.event)
        if was_published:
            _notify_change(meeting)
    return meeting


def schedule_publish(*, actor: User, event: Event) -> int:
    """Announce the schedule: every scheduled meeting becomes published and participants are told.

    Published meetings are kept where they are by any later rescheduling.
    """
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        scheduled = Meeting.objects.filter(event=event, slot__isnull=False)
        if not scheduled.exists():
            raise ValidationError(_("No meeting is scheduled yet."))
        count = scheduled.filter(published=False).update(published=True, updated=clock.now())
        event.schedule_published_at = clock.now()
        event.save(update_fields=["schedule_published_at", "updated"])
        _bump_schedule(event)
        from .. import tasks

        transaction.on_commit(lambda: tasks.notify_schedule_published.delay(event.pk))
    return count


class ScheduleChanged(Exception):
    """The meetings changed while the scheduler was running; its answer is out of date."""


def schedule_event_start(*, actor: User, event: Event, time_limit: float = 30.0) -> Job:
    """Queue a scheduler run (Celery) and return the Job whose progress the organiser watches."""
    return _enqueue_schedule_run(actor=actor, event=event, time_limit=time_limit, resume=False)


def schedule_event_improve(*, actor: User, event: Event, time_limit: float = 30.0) -> Job:
    """Queue a run that resumes from the current schedule ("keep improving") with a new time limit.

    The solver starts from the meetings where they are now (so the result is never worse than
    the current schedule, unless meetings changed meanwhile); locked and published meetings stay
    at their slot and table as in every run.
    """
    return _enqueue_schedule_run(actor=actor, event=event, time_limit=time_limit, resume=True)


def _enqueue_schedule_run(*, actor: User, event: Event, time_limit: float, resume: bool) -> Job:
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        if not event.slots.exists():
            raise ValidationError(_("Add a meeting block first."))
        if not Meeting.objects.filter(event=event).exists():
            raise ValidationError(_("There are no meetings to schedule yet."))
        running = event.schedule_job
        if (running is not None and running.status in (Job.Status.PENDING, Job.Status.RUNNING)
                and running.created > clock.now() - timedelta(seconds=max(600.0, 3 * float(time_limit)))):
            # Two runs would race for the same meetings; the second would be refused at the end anyway.
            raise ValidationError(_("A scheduler run is already in progress for this event."))
        job = Job.objects.create(kind=SCHEDULE_JOB_KIND, owner=actor, message=_("Waiting for a worker…"))
        Event.objects.filter(pk=event.pk).update(schedule_job=job)
        from .. import tasks

        transaction.on_commit(lambda: tasks.schedule_event_task.delay(job.pk, event.pk, actor.pk, float(time_limit),
                                                                     resume=resume))
    return job


def schedule_event(*, actor: User, event: Event, time_limit: float = 30.0, job: Job | None = None,
                   method: str = "auto", resume: bool = False) -> dict:
    """Compute an optimal schedule for the event's meetings and store it.

    Locked and published meetings stay at their slot and table; every other meeting may move.
    Runs outside any transaction while solving (progress goes to `job` where everyone polling it
    sees it) and writes all assignments in one transaction at the end. With `resume` the solver
    starts from the current schedule.
    """
    if not Event.objects.restrict(actor, CHANGE).filter(pk=event.pk).exists():
        raise PermissionDenied(_("You may not change this event."))
    return compute_schedule(event, time_limit=time_limit, job=job, method=method, resume=resume)


def _job_update(job: Job | None, **fields) -> None:
    if job is not None:
        Job.objects.filter(pk=job.pk).update(**fields)


def compute_schedule(event: Event, *, time_limit: float = 30.0, job: Job | None = None, method: str = "auto",
                     resume: bool = False) -> dict:
    """The scheduler run without the permission check (callers: `schedule_event` and the demo loader)."""
    from .. import scheduling

    _job_update(job, status=Job.Status.RUNNING, progress=0.0, message=_("Reading the meetings…"))
    instance, fixed, version = selectors.schedule_instance(event)
    start = selectors.current_schedule(event) if resume else None

    def progress(fraction: float, message: str) -> None:
        _job_update(job, progress=round(min(0.99, max(0.0, fraction)), 3), message=str(message)[:500])

    try:
        if not instance["meetings"]:
            raise scheduling.InstanceError(_("There are no meetings to schedule."))
        used = method
        try:
            schedule = scheduling.solve(instance, time_limit=time_limit, method=method, fixed=fixed,
                                        progress=progress, start=start)
            used = getattr(schedule, "method", method)
        except scheduling.InstanceError:
            raise
        except Exception:
            if method == "greedy":
                raise
            # OR-Tools missing or an optimiser failure: the organiser still gets a valid schedule from the
            # pure-Python heuristic (checked against the hard rules like every result), and the log says why.
            log.exception("optimiser failed for event %s; falling back to the greedy heuristic", event.pk)
            progress(0.9, _("The optimiser failed; using the fast heuristic instead."))
            schedule = scheduling.solve(instance, time_limit=min(time_limit, 10.0), method="greedy", fixed=fixed,
                                        progress=progress)
            used = "greedy (fallback)"
        result = scheduling.schedule_to_json(schedule)
        # beyond the file contract: with priorities the organiser compares the weight, not the count;
        # the grid names the methods that ran and the one that found the schedule
        # and, per participant, the proven fewest breaks (the grid compares each agenda with it)
        result["stats"].update(method=used, weight=schedule.stats["weight"],
                               bound_weight=schedule.stats["bound_weight"], resumed=bool(resume),
                               participant_bounds=dict(schedule.participant_bounds or {}))
        _write_schedule(event, result, fixed, version)
    except scheduling.InstanceError as error:
        _job_update(job, status=Job.Status.FAILED, message=str(error)[:500])
        raise ValidationError(str(error)) from error
    except ScheduleChanged:
        message = _("The meetings changed while the schedule was computed; run the scheduler again.")
        _job_update(job, status=Job.Status.FAILED, message=message)
        raise ValidationError(message) from None
    except Exception:
        log.exception("scheduling event %s failed", event.pk)
        _job_update(job, status=Job.Status.FAILED, message=_("The scheduler failed; the schedule is unchanged."))
        raise
    stats = result["stats"]
    _job_update(job, status=Job.Status.DONE, progress=1.0, result={"event": event.pk, **stats},
                message=_("%(scheduled)s of %(requested)s meetings scheduled, %(breaks)s breaks.") % stats)
    return stats


def _write_schedule(event: Event, result: dict, fixed: dict, version: int) -> None:
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.schedule_version != version:
            raise ScheduleChanged
        fixed_ids = [int(mid[1:]) for mid in fixed]
        movable = Meeting.objects.filter(event=locked).exclude(pk__in=fixed_ids)
        movable.update(slot=None, table=None, locked=False, published=False)
        placed = {int(a["meeting"][1:]): (int(a["slot"][1:]), a["table"]) for a in result["assignments"]}
        meetings = list(Meeting.objects.filter(event=locked, pk__in=[pk for pk in placed if pk not in fixed_ids]))
        for meeting in meetings:
            meeting.slot_id, meeting.table = placed[meeting.pk]
        Meeting.objects.bulk_update(meetings, ["slot", "table"], batch_size=500)
        stats = dict(result["stats"], at=clock.now().isoformat(timespec="seconds"))
        Event.objects.filter(pk=locked.pk).update(schedule_version=F("schedule_version") + 1, schedule_stats=stats)


def participant_meeting_counts(event: Event) -> list[tuple[Participant, int]]:
    """(participant, published meetings) of everyone with a published meeting (for the notification)."""
    a = Count("meetings_as_a", filter=Q(meetings_as_a__published=True), distinct=True)
    b = Count("meetings_as_b", filter=Q(meetings_as_b__published=True), distinct=True)
    rows = (Participant.objects.filter(event=event, status=ParticipantStatus.ACCEPTED)
            .select_related("user", "organisation").annotate(na=a, nb=b))
    return [(p, p.na + p.nb) for p in rows if p.na + p.nb]


def schedule_event_run(*, job_id: int, event_id: int, user_id: int, time_limit: float = 30.0,
                       resume: bool = False) -> dict:
    """The background scheduling run: failures go on the Job the organiser watches, never up to the worker."""
    job = Job.objects.get(pk=job_id)
    try:
        return schedule_event(actor=User.objects.get(pk=user_id), event=Event.objects.get(pk=event_id),
                              time_limit=time_limit, job=job, resume=resume)
    except (ValidationError, PermissionDenied) as error:
        if isinstance(error, PermissionDenied):
            Job.objects.filter(pk=job_id).update(status=Job.Status.FAILED, message=str(error)[:500])
        return {"error": " ".join(getattr(error, "messages", [str(error)]))}


def schedule_published_notify(*, event_id: int) -> int:
    """E-mail every participant with a published meeting the link to its agenda."""
    event = Event.objects.get(pk=event_id)
    rows = participant_meeting_counts(event)
    notifications.schedule_published(event, rows)
    return len(rows)
