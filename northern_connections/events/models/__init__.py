from .events import AgendaSession, Event, MeetingBlock, Slot
from .meetings import Meeting, MeetingRequest
from .participation import MarketplaceItem, Participant

__all__ = [
    "AgendaSession",
    "Event",
    "MarketplaceItem",
    "Meeting",
    "MeetingBlock",
    "MeetingRequest",
    "Participant",
    "Slot",
]
