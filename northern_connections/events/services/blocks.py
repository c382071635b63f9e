"""Meeting blocks and their slots; any change bumps the schedule version."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core.permissions import CHANGE, locked_for

from ..models import Event, Meeting, MeetingBlock, Slot

BLOCK_FIELDS = ("name", "date", "start_time", "slot_minutes", "slot_count", "breaks_after", "break_minutes", "tables")
SLOT_SHAPE = ("date", "start_time", "slot_minutes", "slot_count", "breaks_after", "break_minutes")


def _bump_schedule(event: Event) -> None:
    Event.objects.filter(pk=event.pk).update(schedule_version=F("schedule_version") + 1)


def meeting_block_save(*, actor: User, event: Event, block: MeetingBlock | None = None, **fields: Any) -> MeetingBlock:
    """Create or change a meeting block and (re)generate its slots.

    The times of a block whose slots hold meetings cannot change (the meetings would silently move);
    its tables can, down to the highest table in use. Blocks of one event never overlap, because
    the scheduler treats different blocks as different times.
    """
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        if block is None:
            block = MeetingBlock(event=event)
            old = None
        else:
            block = MeetingBlock.objects.select_for_update().get(pk=block.pk, event=event)
            old = {name: getattr(block, name) for name in BLOCK_FIELDS}
        if "breaks_after" in fields:
            fields["breaks_after"] = sorted(set(fields["breaks_after"] or []))
        for name, value in fields.items():
            if name not in BLOCK_FIELDS:
                raise TypeError(f"unknown block field {name!r}")
            setattr(block, name, value)
        block.event = event
        block.full_clean()
        scheduled = Meeting.objects.filter(slot__block=block) if block.pk else Meeting.objects.none()
        shape_changed = old is None or any(old[name] != getattr(block, name) for name in SLOT_SHAPE)
        if old is not None and shape_changed and scheduled.exists():
            raise ValidationError(_("Meetings are scheduled in this block: unschedule them before you change its "
                                    "times."))
        highest = scheduled.order_by("-table").values_list("table", flat=True).first()
        if highest and block.tables < highest:
            raise ValidationError({"tables": _("Table %(table)s is in use; the block needs at least that many "
                                               "tables.") % {"table": highest}})
        times = block.slot_times()
        for other in event.blocks.exclude(pk=block.pk):
            other_times = other.slot_times()
            if times[0][0] < other_times[-1][1] and other_times[0][0] < times[-1][1]:
                raise ValidationError(_("The block overlaps “%(other)s”.") % {"other": other.name})
        block.save()
        if shape_changed:
            block.slots.all().delete()
            Slot.objects.bulk_create([Slot(block=block, event=event, number=n, starts_at=start, ends_at=end)
                                      for n, (start, end) in enumerate(times, start=1)])
        _bump_schedule(event)
    return block


def meeting_block_delete(*, actor: User, block: MeetingBlock) -> None:
    with transaction.atomic():
        locked_for(actor, CHANGE, block.event)
        if Meeting.objects.filter(slot__block=block).exists():
            raise ValidationError(_("Meetings are scheduled in this block: unschedule them first."))
        block.delete()
        _bump_schedule(block.event)


