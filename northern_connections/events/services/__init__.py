"""Every write of events and B2B meetings, with every rule (DESIGN.md §4.2).

Pages, the API, the Celery tasks and the demo loader call these functions only. Each starts by
re-reading its object through the permission gate inside a transaction (`locked_for`), so a rule
cannot be bypassed by a different front door. Organiser actions are "change" rights on the event;
a participant's own actions are "change" rights on its registration.

The meeting scheduler itself is the plain-Python package `events.scheduling`; the bridge from
the database to its instance format is `selectors.schedule_instance`, and `schedule_event` below
writes its answer back.
"""

from .blocks import BLOCK_FIELDS, SLOT_SHAPE, meeting_block_delete, meeting_block_save
from .events import EVENT_FIELDS, EVENT_M2M, agenda_sessions_set, event_create, event_index, event_publish, event_update
from .marketplace import ITEM_FIELDS, marketplace_item_create, marketplace_item_delete, marketplace_item_update
from .meeting_requests import (
    meeting_request_accept,
    meeting_request_cancel,
    meeting_request_create,
    meeting_request_decline,
    meeting_requests_expire,
)
from .meetings import (
    SCHEDULE_JOB_KIND,
    ScheduleChanged,
    compute_schedule,
    meeting_add,
    meeting_move,
    meeting_set_locked,
    meeting_unschedule,
    move_conflicts,
    participant_meeting_counts,
    schedule_event,
    schedule_event_improve,
    schedule_event_run,
    schedule_event_start,
    schedule_publish,
    schedule_published_notify,
)
from .registration import participant_cancel, participant_register, participant_update, participants_screen
