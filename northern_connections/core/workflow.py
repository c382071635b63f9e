"""The state machine every app with a life cycle uses (challenges today; monitoring, partnering,
surveys next): transitions declared as data, applied by one service, recorded in one shape.

An app declares its `Workflow` once, beside its status choices:

    CHALLENGE_WORKFLOW = Workflow(
        statuses=ChallengeStatus, log_model=ChallengeTransition, log_object_field="challenge",
        transitions=[Transition(DRAFT, PUBLISHED, _("Publish"), guard=publication_problems, ...), ...])

and its service calls `transition_apply(workflow=..., actor=..., obj=..., to_status=...)`, which
locks the row through the permission gate, checks that the move exists, that the actor may make
it and that its guard has no objection, all inside one transaction, then saves the new status,
runs the transition's effect and writes the log row (who, when, from, to, comment). Pages, the
API and commands therefore agree on every move, and an unknown or empty status is one clear
message, never a server error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import clock
from .permissions import CHANGE, can, locked_for

Guard = Callable[[models.Model, datetime], list[str]]
Effect = Callable[[models.Model, Any, datetime], None]


@dataclass(frozen=True)
class Transition:
    """One allowed move: from one of `sources` to `target`, made by whoever has `permission`.

    `guard(obj, now)` lists the reasons the move cannot be made yet (empty: it can); `effect(obj,
    actor, now)` changes what the move implies (a publication date, decided applications) inside
    the same transaction; `on_commit(obj)` runs after it commits (notifications, indexing).
    `permission=None` means only the system makes this move (e.g. closing at the deadline).
    """

    sources: str | tuple[str, ...]
    target: str
    label: Any
    permission: str | None = CHANGE
    guard: Guard | None = None
    effect: Effect | None = None
    on_commit: Callable[[models.Model], None] | None = None
    update_fields: tuple[str, ...] = ()
    danger: bool = False

    def starts_from(self, status: str) -> bool:
        return status == self.sources if isinstance(self.sources, str) else status in self.sources


@dataclass
class Workflow:
    """The life cycle of one model: its statuses, the moves between them and where moves are logged."""

    statuses: type[models.TextChoices]
    transitions: list[Transition]
    log_model: type[models.Model]
    log_object_field: str
    status_field: str = "status"
    _by_pair: dict[tuple[str, str], Transition] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for transition in self.transitions:
            sources = (transition.sources,) if isinstance(transition.sources, str) else transition.sources
            for source in sources:
                self._by_pair[(source, transition.target)] = transition

    def targets(self, status: str) -> list[Transition]:
        """The moves out of `status`, in declaration order."""
        return [t for t in self.transitions if t.starts_from(status)]

    def available(self, obj: models.Model, user: Any) -> list[Transition]:
        """The moves `user` may offer to make on `obj` now (buttons on a page; the service re-checks)."""
        status = getattr(obj, self.status_field)
        return [t for t in self.targets(status) if t.permission is not None and can(user, t.permission, obj)]

    def label(self, status: str) -> str:
        return str(self.statuses(status).label)

    def check_target(self, value: Any) -> str:
        """A status a user asked for, or a clear ValidationError (empty, not text, unknown)."""
        if not isinstance(value, str) or not value:
            raise ValidationError(_("Choose the status to change to."), code="status_missing")
        if value not in self.statuses.values:
            raise ValidationError(_("“%(value)s” is not a status."), code="status_unknown", params={"value": value})
        return value

    def transition(self, from_status: str, to_status: str) -> Transition:
        found = self._by_pair.get((from_status, self.check_target(to_status)))
        if found is None:
            raise ValidationError(_("“%(from)s” cannot become “%(to)s”.") % {
                "from": self.label(from_status), "to": self.label(to_status)}, code="transition_not_allowed")
        return found


NOTE_LENGTH = 500  # a transition's note (a reopening's reason): TransitionRecord.note


def transition_apply(*, workflow: Workflow, actor: Any, obj: models.Model, to_status: Any, comment: str = "",
                     system: bool = False, now: datetime | None = None) -> models.Model:
    """Make one move of `obj`'s life cycle, checked and recorded in one transaction.

    `system=True` is for scheduled jobs (no actor, no permission check, only moves a user could
    not make or the system makes on their behalf); otherwise the actor needs the move's permission
    on the saved row. `now` is for scheduled jobs that run "as of" a moment; it defaults to the clock.
    """
    now = now or clock.now()
    if len(comment) > NOTE_LENGTH:  # refused, not cut: the user's reason is theirs to shorten
        raise ValidationError(_("The note may have at most %(n)s characters (it has %(m)s).")
                              % {"n": NOTE_LENGTH, "m": len(comment)}, code="note_too_long")
    with transaction.atomic():
        current = obj._meta.model._default_manager.select_for_update().get(pk=obj.pk) if system else None
        if current is None:
            current = locked_for(actor, CHANGE, obj)
        move = workflow.transition(getattr(current, workflow.status_field), to_status)
        if not system and (move.permission is None or not can(actor, move.permission, current)):
            raise ValidationError(_("You may not make this change."), code="transition_forbidden")
        problems = move.guard(current, now) if move.guard else []
        if problems:
            raise ValidationError(problems)
        from_status = getattr(current, workflow.status_field)
        setattr(current, workflow.status_field, move.target)
        if move.effect:
            move.effect(current, actor, now)
        current.save(update_fields=[workflow.status_field, "updated", *move.update_fields])
        workflow.log_model._default_manager.create(**{workflow.log_object_field: current}, from_status=from_status,
                                                    to_status=move.target, by=actor, at=now, note=comment)
        if move.on_commit:
            transaction.on_commit(lambda: move.on_commit(current))
    return current


class TransitionRecord(models.Model):
    """What every app's transition log holds: who (empty for the system), when, from, to, and why."""

    from_status = models.CharField(max_length=32)
    to_status = models.CharField(max_length=32)
    by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=NOTE_LENGTH, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

