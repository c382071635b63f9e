"""Who may do what with events and B2B meetings (registered with the one gate, core/permissions.py).

Rights follow from organisation membership: the editors of an event's organising organisations
run it (registration screening, meetings, schedule); a participant is represented by the user
who registered and by the editors of its organisation. Beyond "view", "change" and "delete" two
actions of its own: "respond" — the recipient's side answers a meeting request — and "agenda" —
who may read a participant's personal agenda.
"""

from __future__ import annotations

from django.db.models import Q

from northern_connections.accounts.choices import EDITING_ROLES
from northern_connections.accounts.models import Membership
from northern_connections.accounts.selectors import (
    admin_organisation_ids,
    editor_organisation_ids,
    member_organisation_ids,
)
from northern_connections.core.permissions import (
    CHANGE,
    DELETE,
    VIEW,
    PartPolicy,
    Policy,
    is_platform_admin,
    is_signed_in,
    register,
)

from .choices import EventStatus, ParticipantStatus
from .models import AgendaSession, Event, MarketplaceItem, Meeting, MeetingBlock, MeetingRequest, Participant, Slot

RESPOND = "respond"
AGENDA = "agenda"  # a participant's personal agenda: its own side and the organisers, not fellow participants


def organised_event_ids(org_ids):
    """Events organised by any of `org_ids` (a subquery, never a join)."""
    return Event.organisers.through.objects.filter(organisation_id__in=org_ids).values("event_id")


def own_participant_ids(user, *, write: bool = False):
    """Registrations the user represents: their own, and those of their organisations.

    Reading is open to every member of the organisation (colleagues see the agenda); acting for
    it needs the registering user or an editor of the organisation.
    """
    orgs = editor_organisation_ids(user) if write else member_organisation_ids(user)
    return Participant.objects.filter(Q(user=user) | Q(organisation_id__in=orgs)).values("pk")


def participating_event_ids(user):
    """Events in which the user's side is an accepted participant."""
    return Participant.objects.filter(pk__in=own_participant_ids(user), status=ParticipantStatus.ACCEPTED
                                      ).values("event_id")


class SignedInAddsPolicy(Policy):
    """Anyone signed in may open the add form; the service decides what they may add to which event."""

    def can_add(self, user, **context):
        return is_signed_in(user)


def either_side_or_organisers(user, side_a: str, side_b: str) -> Q:
    """Rows that one of the user's participants stands on (either side) or of an event they organise."""
    mine = own_participant_ids(user)
    return (Q(**{f"{side_a}__in": mine}) | Q(**{f"{side_b}__in": mine})
            | Q(event__in=organised_event_ids(member_organisation_ids(user))))


class EventPolicy(Policy):
    """Published events are public; drafts belong to the organisers; organisers' editors run them."""

    def scope(self, user, action, queryset):
        if is_platform_admin(user):
            return queryset
        if action == VIEW:
            public = Q(status=EventStatus.PUBLISHED)
            if not is_signed_in(user):
                return queryset.filter(public)
            return queryset.filter(public | Q(pk__in=organised_event_ids(member_organisation_ids(user))))
        if not is_signed_in(user):
            return queryset.none()
        if action == DELETE:
            return queryset.filter(pk__in=organised_event_ids(admin_organisation_ids(user)), status=EventStatus.DRAFT)
        if action == CHANGE:
            return queryset.filter(pk__in=organised_event_ids(editor_organisation_ids(user)))
        return queryset.none()

    def can_add(self, user, organisation=None, **context):
        """Any organisation's editors may organise events (cities, clusters, networks, companies)."""
        if is_platform_admin(user):
            return True
        if not is_signed_in(user):
            return False
        editable = Membership.objects.filter(user=user, role__in=EDITING_ROLES)
        if organisation is not None:
            editable = editable.filter(organisation=organisation)
        return editable.exists()


class EventPartPolicy(SignedInAddsPolicy, PartPolicy):
    """Sessions, meeting blocks and slots: seen with the event, changed by its organisers' editors."""

    def __init__(self):
        super().__init__("event", Event)

    def writable_parents(self, user):
        return organised_event_ids(editor_organisation_ids(user))


class ParticipantPolicy(SignedInAddsPolicy):
    """A registration is seen by its side, the organisers and (once accepted) fellow participants.

    Fellow participants must see each other to ask for meetings; visitors see only a count.
    """

    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            return queryset.filter(
                Q(pk__in=own_participant_ids(user))
                | Q(event__in=organised_event_ids(member_organisation_ids(user)))
                | Q(status=ParticipantStatus.ACCEPTED, event__in=participating_event_ids(user))
            )
        if action == CHANGE:
            return queryset.filter(pk__in=own_participant_ids(user, write=True))
        if action == AGENDA:
            return queryset.filter(Q(pk__in=own_participant_ids(user))
                                   | Q(event__in=organised_event_ids(member_organisation_ids(user))))
        return queryset.none()


class MarketplaceItemPolicy(SignedInAddsPolicy):
    """Items of accepted participants of a published event are its public marketplace."""

    def scope(self, user, action, queryset):
        if is_platform_admin(user):
            return queryset
        public = Q(participant__status=ParticipantStatus.ACCEPTED, participant__event__status=EventStatus.PUBLISHED)
        if action == VIEW:
            if not is_signed_in(user):
                return queryset.filter(public)
            return queryset.filter(public | Q(participant__in=own_participant_ids(user))
                                   | Q(participant__event__in=organised_event_ids(member_organisation_ids(user))))
        if not is_signed_in(user):
            return queryset.none()
        return queryset.filter(participant__in=own_participant_ids(user, write=True))


class MeetingRequestPolicy(SignedInAddsPolicy):
    """Both sides and the organisers read a request; the recipient answers, the requester cancels."""

    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            return queryset.filter(either_side_or_organisers(user, "requester", "recipient"))
        if action == RESPOND:
            return queryset.filter(recipient__in=own_participant_ids(user, write=True))
        if action == CHANGE:
            return queryset.filter(requester__in=own_participant_ids(user, write=True))
        return queryset.none()


class MeetingPolicy(SignedInAddsPolicy):
    """Its two participants and the organisers read a meeting; only organisers place or remove it."""

    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            return queryset.filter(either_side_or_organisers(user, "participant_a", "participant_b"))
        if action in (CHANGE, DELETE):
            return queryset.filter(event__in=organised_event_ids(editor_organisation_ids(user)))
        return queryset.none()


register(Event, EventPolicy())
for model in (AgendaSession, MeetingBlock, Slot):
    register(model, EventPartPolicy())
register(Participant, ParticipantPolicy())
register(MarketplaceItem, MarketplaceItemPolicy())
register(MeetingRequest, MeetingRequestPolicy())
register(Meeting, MeetingPolicy())
