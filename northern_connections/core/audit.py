"""The audit trail: who changed which field of an object, when, and from which value to which.

django-auditlog keeps one `LogEntry` per create, change and delete of a registered model (a
JSON diff of the fields, on SQLite and PostgreSQL alike). Apps never import it: they call
`register_audited` in their `AppConfig.ready` and read entries with `history_for`, which asks the
gate first (`restrict(user, HISTORY)`: each app's policy decides who may read an object's trail).

Who acted comes from, in this order:
1. the innermost `acting_as(actor)` block (commands, tasks, tests; the middleware opens one per
   request with the logged-in user);
2. the actor a service named when it opened its transaction: `locked_for` and `require_add`
   call `note_actor`, so every service that starts the usual way is attributed without an extra
   line, from a page, the API, a command or a task alike. The note holds only for the database
   transaction it was made in (the outermost atomic block), so it never leaks into later writes.

Bulk writes (`bulk_create`, `bulk_update`, `QuerySet.update`) send no signals and are not recorded;
the meeting scheduler's placement runs are such writes, its manual moves are recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.signals import pre_save
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .permissions import HISTORY, can

# Fields that change on every save say nothing about who changed what.
ALWAYS_EXCLUDED = ("created", "updated")
HISTORY_LIMIT = 200

_actor: ContextVar[Any] = ContextVar("audit_actor", default=None)
_noted: ContextVar[tuple[Any, Any] | None] = ContextVar("audit_noted_actor", default=None)


@dataclass(frozen=True)
class FieldChange:
    """One field of one entry: its translated label and the old and new value as shown to people."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded write: when, by whom, which kind (created / changed / deleted), which fields."""

    when: datetime
    who: str
    action: str
    changes: tuple[FieldChange, ...]


def register_audited(model: type[models.Model], *, fields: Iterable[str] | None = None,
                     exclude: Iterable[str] = ()) -> None:
    """Record every create, change and delete of `model` (only `fields` if given, never `exclude`)."""
    from auditlog.registry import auditlog

    # Without a list auditlog would diff reverse relations too ("directory.Partner.None"): name the
    # model's own columns. Many-to-many fields are not recorded.
    names = list(fields) if fields else [field.name for field in model._meta.concrete_fields if not field.primary_key]
    auditlog.register(model, include_fields=names, exclude_fields=[*ALWAYS_EXCLUDED, *exclude])


def is_audited(model: type[models.Model]) -> bool:
    from auditlog.registry import auditlog

    return auditlog.contains(model)


def _user_or_none(actor: Any) -> Any:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


@contextmanager
def acting_as(actor: Any) -> Iterator[None]:
    """Attribute the writes inside the block to `actor` (anonymous or None: to nobody)."""
    actor_token = _actor.set(_user_or_none(actor))
    noted_token = _noted.set(None)  # an inner block starts without an outer service's note
    try:
        yield
    finally:
        _noted.reset(noted_token)
        _actor.reset(actor_token)


def note_actor(actor: Any) -> None:
    """Attribute the writes of the current transaction to `actor` (called by the gate's service helpers)."""
    actor = _user_or_none(actor)
    connection = transaction.get_connection()
    if actor is not None and connection.in_atomic_block and connection.atomic_blocks:
        _noted.set((actor, connection.atomic_blocks[0]))


def current_actor() -> Any:
    """The user the next recorded write is attributed to, or None (a system write)."""
    noted = _noted.get()
    if noted is not None:
        actor, block = noted
        connection = transaction.get_connection()
        if connection.in_atomic_block and connection.atomic_blocks and connection.atomic_blocks[0] is block:
            return actor
    return _actor.get()


def _stamp_actor(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.actor_id is None and (actor := current_actor()) is not None:
        instance.actor = actor
        instance.actor_email = getattr(actor, "email", None)


def connect() -> None:
    """Connect the actor stamp (CoreConfig.ready)."""
    from auditlog.models import LogEntry

    pre_save.connect(_stamp_actor, sender=LogEntry, dispatch_uid="northern_connections.core.audit")


class AuditActorMiddleware:
    """Every write during a request is attributed to the logged-in user (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(getattr(request, "user", None)):
            return self.get_response(request)


def may_see_history(user: Any, obj: models.Model) -> bool:
    return is_audited(obj._meta.model) and can(user, HISTORY, obj)


def _shown(value: Any) -> str:
    text = "" if value is None else str(value)
    return "—" if text in ("", "None", "[]") else text


def _action_label(entry: Any) -> str:
    labels = {entry.Action.CREATE: pgettext("audit action", "created"),
              entry.Action.UPDATE: pgettext("audit action", "changed"),
              entry.Action.DELETE: pgettext("audit action", "deleted")}
    return labels.get(entry.action, str(entry.get_action_display()))


def _who(entry: Any) -> str:
    if entry.actor is not None:
        return str(entry.actor)
    return entry.actor_email or _("the platform (no person)")


def history_for(obj: models.Model, user: Any, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """The object's recorded writes, newest first, for a user its policy allows ("history"); else 403."""
    from auditlog.models import LogEntry

    if not may_see_history(user, obj):
        raise PermissionDenied(_("You may not see the history of this %(name)s.") % {"name": obj._meta.verbose_name})
    entries = (LogEntry.objects.get_for_object(obj).select_related("actor", "content_type")
               .order_by("-timestamp", "-pk")[:limit])
    history = []
    for entry in entries:
        changes = [FieldChange(str(label), _shown(values[0]), _shown(values[1]))
                   for label, values in entry.changes_display_dict.items() if len(values) == 2]
        # a creation lists the fields it filled in, a deletion the values it removed
        changes = [change for change in changes if change.old != change.new]
        history.append(HistoryEntry(entry.timestamp, _who(entry), _action_label(entry), tuple(changes)))
    return history
