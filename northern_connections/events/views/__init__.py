"""Event pages: thin views that parse input, call one selector or service and render.

Every object is looked up through the gate (GateView / selectors); every write goes to a
service, which re-checks permission and rules inside its transaction. Organiser pages look the
event up in the "change" scope (403 for participants and visitors who can see the event).
"""

from .agenda import AgendaIcalView, AgendaPdfView, AgendaView
from .blocks import BlockDeleteView, BlockEditView, BlockListView
from .events import (
    EventCreateView,
    EventDetailView,
    EventEditView,
    EventIcalView,
    EventListView,
    EventPublishView,
    EventSessionsView,
)
from .marketplace import MarketplaceItemCreateView, MarketplaceItemDeleteView, MarketplaceItemEditView, MarketplaceView
from .meeting_requests import (
    MeetingRequestAcceptView,
    MeetingRequestActionView,
    MeetingRequestCancelView,
    MeetingRequestCreateView,
    MeetingRequestDeclineView,
    MeetingRequestListView,
)
from .registration import (
    ParticipantCancelView,
    ParticipantEditView,
    ParticipantListView,
    ParticipantScreenView,
    RegisterView,
)
from .schedule import (
    MeetingAddView,
    MeetingLockView,
    MeetingMoveView,
    MeetingUnscheduleView,
    ScheduleGridView,
    ScheduleImproveView,
    SchedulePublishView,
    ScheduleRunView,
)
