"""Validated, index-based representation of a B2B meeting scheduling instance.

The JSON contract speaks in string ids; the solvers want small integers. Parsing happens once,
here, and every later module works on indices so that the CP-SAT model, the greedy heuristic and
the independent checks never disagree about what a slot or a participant is.

Validation is strict on purpose: a brokerage organiser who uploads a malformed file must get one
clear sentence naming the offending id, not a stack trace from inside a solver. Locks that can
never be honoured together (two locks of one participant in one slot, more locks than tables)
are rejected here too, because a solver would only report "infeasible" without saying why.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from northern_connections.core.batchio import shown


class InstanceError(ValueError):
    """The instance (or a fixed/previous schedule) is malformed or its locks are infeasible."""


@dataclass(frozen=True)
class Slot:
    id: str
    block: int  # index into Instance.blocks
    position: int  # 0-based position inside its block


@dataclass(frozen=True)
class Block:
    id: str
    slots: tuple[int, ...]  # global slot indices, in time order
    tables: int | None  # None = unlimited


@dataclass(frozen=True)
class Participant:
    id: str
    available: frozenset[int]
    max_meetings: int | None


@dataclass(frozen=True)
class Meeting:
    id: str
    participants: tuple[int, int]
    priority: int
    locked_slot: int | None
    restriction: frozenset[int] | None  # the meeting's own optional "slots" list
    allowed: tuple[int, ...]  # slots where the meeting may go (restriction, both availabilities, lock, tables)


@dataclass
class Instance:
    """A parsed instance. ``fixed`` maps meeting index -> (slot index, table) for rescheduling."""

    slots: list[Slot]
    blocks: list[Block]
    participants: list[Participant]
    meetings: list[Meeting]
    fixed: dict[int, tuple[int, int]] = field(default_factory=dict)
    slot_index: dict[str, int] = field(default_factory=dict)
    participant_index: dict[str, int] = field(default_factory=dict)
    meeting_index: dict[str, int] = field(default_factory=dict)

    def tables(self, slot: int) -> int | None:
        return self.blocks[self.slots[slot].block].tables

    def capacity(self, slot: int) -> int:
        """Tables usable in ``slot``; unlimited blocks are capped by what could ever meet there."""
        t = self.tables(slot)
        return len(self.meetings) if t is None else t

    def meetings_of(self) -> list[list[int]]:
        out: list[list[int]] = [[] for _ in self.participants]
        for mi, m in enumerate(self.meetings):
            for p in m.participants:
                out[p].append(mi)
        return out

    def with_fixed(self, fixed: Mapping[str, tuple[str, int]] | None) -> Instance:
        """Return a copy in which ``fixed`` meetings (id -> (slot id, table)) may not move.

        Fixed placements come from a published schedule; they are validated like locks, plus the
        table number must exist and be unique in its slot, because attendees were told it.
        """
        if not fixed:
            return self
        merged = dict(self.fixed)
        for mid, value in fixed.items():
            if mid not in self.meeting_index:
                raise InstanceError(f"fixed meeting {mid!r} is not a meeting of this instance")
            try:
                sid, table = value
            except (TypeError, ValueError):
                raise InstanceError(f"fixed meeting {mid!r} must be given as (slot, table)") from None
            if sid not in self.slot_index:
                raise InstanceError(f"fixed meeting {mid!r} refers to unknown slot {sid!r}")
            if not isinstance(table, int) or isinstance(table, bool) or table < 1:
                raise InstanceError(f"fixed meeting {mid!r} has invalid table {table!r} (tables are numbered from 1)")
            merged[self.meeting_index[mid]] = (self.slot_index[sid], table)
        meetings = list(self.meetings)
        for mi, (s, _table) in merged.items():
            m = meetings[mi]
            if m.locked_slot is not None and m.locked_slot != s:
                raise InstanceError(
                    f"meeting {m.id!r} is locked to slot {self.slots[m.locked_slot].id!r} "
                    f"but fixed to slot {self.slots[s].id!r}"
                )
            meetings[mi] = _lock(m, s)
        inst = Instance(
            slots=self.slots,
            blocks=self.blocks,
            participants=self.participants,
            meetings=meetings,
            fixed=merged,
            slot_index=self.slot_index,
            participant_index=self.participant_index,
            meeting_index=self.meeting_index,
        )
        _check_locks(inst, what="fixed")
        return inst


def _lock(m: Meeting, s: int) -> Meeting:
    return Meeting(m.id, m.participants, m.priority, s, m.restriction, (s,))


# --------------------------------------------------------------------------------------------
# parsing
#
# Bounds: what a brokerage event can hold and what the solvers are built for (CP-SAT weights stay
# far inside 64 bits). They are documented in ``schedule_meetings --help``.

MAX_ID_LENGTH = 200
MAX_SLOTS = 2_000
MAX_PARTICIPANTS = 50_000
MAX_MEETINGS = 200_000
MAX_TABLES = 10_000  # per block
MAX_PRIORITY = 1_000
LIMITS = (
    f"ids: non-empty strings of at most {MAX_ID_LENGTH} characters, unique within slots, participants and "
    f"meetings; at most {MAX_SLOTS:,} slots, {MAX_PARTICIPANTS:,} participants and {MAX_MEETINGS:,} meetings; "
    f"tables per block 0-{MAX_TABLES:,}; max_meetings 0-{MAX_SLOTS:,} or null; priority 1-{MAX_PRIORITY:,}; "
    "numbers must be JSON integers (not strings, booleans or 2.0)"
)


def _require(cond: bool, message: str) -> None:
    if not cond:
        raise InstanceError(message)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _int_in(value: Any, low: int, high: int) -> bool:
    return _is_int(value) and low <= value <= high


def _ids(items: list[Any], what: str, limit: int) -> list[str]:
    _require(len(items) <= limit, f"instance has {len(items):,} {what}s; at most {limit:,} are allowed")
    ids = []
    for k, item in enumerate(items):
        _require(isinstance(item, Mapping), f"{what} #{k + 1} must be an object, not {shown(item)}")
        _require("id" in item, f"{what} #{k + 1} has no 'id'")
        pid = item["id"]
        _require(isinstance(pid, str) and pid != "", f"{what} #{k + 1} id must be a non-empty string, not {shown(pid)}")
        _require(len(pid) <= MAX_ID_LENGTH,
                 f"{what} #{k + 1} id {shown(pid)} is longer than {MAX_ID_LENGTH} characters")
        ids.append(pid)
    dup = [i for i, c in Counter(ids).items() if c > 1]
    _require(not dup, f"duplicated {what} id {shown(dup[0])}" if dup else "")
    return ids


def _known(value: Any, index: Mapping[str, int]) -> bool:
    """Whether ``value`` is one of the ids in ``index`` (a list or an object is never an id)."""
    return isinstance(value, str) and value in index


def parse_instance(data: Mapping[str, Any]) -> Instance:
    """Validate the JSON instance contract and build an :class:`Instance`.

    Raises :class:`InstanceError` with one specific sentence on the first problem found; values
    outside :data:`LIMITS` are refused here, before a solver could overflow or run for ever.
    """
    _require(isinstance(data, Mapping), "instance must be a JSON object")
    for key in ("slots", "participants", "meetings"):
        _require(key in data, f"instance has no {key!r} list")
        _require(isinstance(data[key], list), f"instance {key!r} must be a list")
    tables_in = data.get("tables", {})
    _require(isinstance(tables_in, Mapping), "instance 'tables' must be an object mapping block id to a table count")
    slots, blocks, slot_index = _parse_slots(data["slots"], tables_in)
    participants, participant_index = _parse_participants(data["participants"], slot_index)
    meeting_ids = _ids(data["meetings"], "meeting", MAX_MEETINGS)
    meetings = [_parse_meeting(raw, slots, blocks, slot_index, participants, participant_index)
                for raw in data["meetings"]]
    inst = Instance(slots, blocks, participants, meetings, {}, slot_index, participant_index,
                    {m: i for i, m in enumerate(meeting_ids)})
    _check_locks(inst, what="locked")
    return inst


def _parse_slots(raw_slots: list[Any], tables_in: Mapping[str, Any]) -> tuple[list[Slot], list[Block], dict[str, int]]:
    slot_ids = _ids(raw_slots, "slot", MAX_SLOTS)
    _require(slot_ids, "instance has no slots")
    block_order: list[str] = []
    block_slots: dict[str, list[int]] = {}
    slots: list[Slot] = []
    for i, raw in enumerate(raw_slots):
        b = raw.get("block")
        _require(isinstance(b, str) and b != "" and len(b) <= MAX_ID_LENGTH,
                 f"slot {raw['id']!r} has no block (a non-empty string of at most {MAX_ID_LENGTH} characters)")
        if b not in block_slots:
            block_order.append(b)
            block_slots[b] = []
        elif block_order[-1] != b:
            raise InstanceError(
                f"slots of block {b!r} are not consecutive: slot {raw['id']!r} follows a slot of block "
                f"{block_order[-1]!r} (list slots in time order, one block after another)"
            )
        slots.append(Slot(raw["id"], len(block_order) - 1, len(block_slots[b])))
        block_slots[b].append(i)
    for b in tables_in:
        _require(b in block_slots, f"'tables' names unknown block {shown(b)}")
    blocks = []
    for b in block_order:
        t = tables_in.get(b)
        _require(t is None or _int_in(t, 0, MAX_TABLES),
                 f"tables for block {b!r} must be an integer from 0 to {MAX_TABLES:,}, not {shown(t)}")
        blocks.append(Block(b, tuple(block_slots[b]), t))
    return slots, blocks, {s: i for i, s in enumerate(slot_ids)}


def _slot_list(value: Any, owner: str, slot_index: Mapping[str, int]) -> frozenset[int]:
    _require(isinstance(value, list), f"{owner} must be a list of slot ids, not {shown(value)}")
    for sid in value:
        _require(_known(sid, slot_index), f"{owner} refers to unknown slot {shown(sid)}")
    return frozenset(slot_index[sid] for sid in value)


def _parse_participants(raw_participants: list[Any],
                        slot_index: Mapping[str, int]) -> tuple[list[Participant], dict[str, int]]:
    part_ids = _ids(raw_participants, "participant", MAX_PARTICIPANTS)
    all_slots = frozenset(slot_index.values())
    participants = []
    for raw in raw_participants:
        pid = raw["id"]
        avail = all_slots
        if raw.get("available") is not None:
            avail = _slot_list(raw["available"], f"participant {pid!r} 'available'", slot_index)
        mx = raw.get("max_meetings")
        _require(mx is None or _int_in(mx, 0, MAX_SLOTS),
                 f"participant {pid!r} max_meetings must be a non-negative integer up to {MAX_SLOTS:,} or null, "
                 f"not {shown(mx)}")
        participants.append(Participant(pid, avail, mx))
    return participants, {p: i for i, p in enumerate(part_ids)}


def _parse_meeting(raw: Mapping[str, Any], slots: list[Slot], blocks: list[Block], slot_index: Mapping[str, int],
                   participants: list[Participant], participant_index: Mapping[str, int]) -> Meeting:
    mid = raw["id"]
    ps = raw.get("participants")
    _require(isinstance(ps, list) and len(ps) == 2, f"meeting {mid!r} must have exactly two participants")
    for p in ps:
        _require(_known(p, participant_index), f"meeting {mid!r} refers to unknown participant {shown(p)}")
    _require(ps[0] != ps[1], f"meeting {mid!r} has participant {ps[0]!r} twice")
    pr = raw.get("priority", 1)
    pr = 1 if pr is None else pr
    _require(_int_in(pr, 1, MAX_PRIORITY),
             f"meeting {mid!r} priority must be a positive integer from 1 to {MAX_PRIORITY:,}, not {shown(pr)}")
    restriction = None
    if raw.get("slots") is not None:
        restriction = _slot_list(raw["slots"], f"meeting {mid!r} 'slots'", slot_index)
    locked = raw.get("locked_slot")
    if locked is not None:
        _require(_known(locked, slot_index), f"meeting {mid!r} is locked to unknown slot {shown(locked)}")
        locked = slot_index[locked]
    a, b = participant_index[ps[0]], participant_index[ps[1]]
    allowed = participants[a].available & participants[b].available
    if restriction is not None:
        allowed &= restriction
    if locked is not None:
        sid = slots[locked].id
        _require(restriction is None or locked in restriction,
                 f"meeting {mid!r} is locked to slot {sid!r}, which is not in its allowed 'slots'")
        for p in (a, b):
            _require(locked in participants[p].available,
                     f"meeting {mid!r} is locked to slot {sid!r} but participant "
                     f"{participants[p].id!r} is unavailable then")
        allowed = frozenset([locked])
    allowed = tuple(sorted(s for s in allowed if blocks[slots[s].block].tables != 0))
    if locked is not None:
        _require(allowed, f"meeting {mid!r} is locked to slot {slots[locked].id!r}, whose block has no tables")
    return Meeting(mid, (a, b), pr, locked, restriction, allowed)


def _check_locks(inst: Instance, *, what: str) -> None:
    """Reject locks/fixed placements that can never hold together."""
    by_slot: dict[int, list[int]] = defaultdict(list)
    per_part_slot: dict[tuple[int, int], str] = {}
    per_part_count: Counter[int] = Counter()
    for mi, m in enumerate(inst.meetings):
        if m.locked_slot is None:
            continue
        s = m.locked_slot
        by_slot[s].append(mi)
        for p in m.participants:
            other = per_part_slot.get((p, s))
            if other is not None:
                raise InstanceError(
                    f"participant {inst.participants[p].id!r} has two {what} meetings in slot "
                    f"{inst.slots[s].id!r}: {other!r} and {m.id!r}"
                )
            per_part_slot[(p, s)] = m.id
            per_part_count[p] += 1
    for p, c in per_part_count.items():
        mx = inst.participants[p].max_meetings
        if mx is not None and c > mx:
            raise InstanceError(
                f"participant {inst.participants[p].id!r} has {c} {what} meetings but max_meetings is {mx}"
            )
    for s, ms in by_slot.items():
        t = inst.tables(s)
        if t is not None and len(ms) > t:
            raise InstanceError(
                f"slot {inst.slots[s].id!r} has {len(ms)} {what} meetings but its block "
                f"{inst.blocks[inst.slots[s].block].id!r} has only {t} tables"
            )
    used: dict[tuple[int, int], int] = {}
    for mi, (s, table) in inst.fixed.items():
        t = inst.tables(s)
        if t is not None and table > t:
            raise InstanceError(
                f"fixed meeting {inst.meetings[mi].id!r} is at table {table} but block "
                f"{inst.blocks[inst.slots[s].block].id!r} has only {t} tables"
            )
        if (s, table) in used:
            raise InstanceError(
                f"fixed meetings {inst.meetings[used[(s, table)]].id!r} and {inst.meetings[mi].id!r} "
                f"share table {table} in slot {inst.slots[s].id!r}"
            )
        used[(s, table)] = mi
