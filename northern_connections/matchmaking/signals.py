"""Receivers that append to the index's change log when an indexed object changes.

Why signals here, when the house style prefers explicit service calls: the matchmaking app
*observes* the directory and the challenge board, and they must not depend on it (the directory
came first, and the support map and partnering will add further indexed kinds). A receiver per
source model (documents.py names the models and their many-to-many relations) keeps the
dependency pointing one way, and catches every write path — services, the admin, demo loaders —
without each of them remembering to notify matchmaking.

Entries are appended with ``transaction.on_commit``: a change that is rolled back never reaches
the log, and a process replaying the log always finds the committed state. One entry per signal
(an object saved with three relations set gives four): replay reads each object once however
many entries name it, and batching per transaction would depend on how Django stores pending
callbacks. Bulk writes (``bulk_create``, ``QuerySet.update``) send no signals; commands that use
them (imports, the ``--scale`` demo) are followed by ``rebuild_match_index``, and a nightly
rebuild bounds any drift.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .choices import ChangeOp
from .documents import Source, register_source, sources
from .index import log_changes


def _record(kind: str, object_ids, op: str) -> None:
    for object_id in object_ids:
        transaction.on_commit(partial(log_changes, [(kind, object_id, op)]))


def _saved(source: Source):
    def receiver(sender, instance, created, raw=False, **kwargs):
        if raw:  # fixtures being loaded: the rebuild after loading indexes them
            return
        _record(source.kind, [instance.pk], ChangeOp.ADD if created else ChangeOp.UPDATE)
    return receiver


def _deleted(source: Source):
    def receiver(sender, instance, **kwargs):
        _record(source.kind, [instance.pk], ChangeOp.REMOVE)
    return receiver


def _relations_changed(source: Source):
    def receiver(sender, instance, action, reverse, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if not reverse:
            _record(source.kind, [instance.pk], ChangeOp.UPDATE)
        elif pk_set:  # e.g. value_chain.organisation_set.add(...): the indexed objects are in pk_set
            _record(source.kind, sorted(pk_set), ChangeOp.UPDATE)
        # A reverse clear() names no objects; it only happens when a vocabulary entry is deleted,
        # which is followed by a rebuild.
    return receiver


_receivers: list = []  # strong references, although signals hold receivers strongly by default


def connect_source(source: Source) -> None:
    """Connect the receivers of one source: its model's saves and deletes and its many-to-many relations."""
    uid = f"matchmaking-index-{source.kind}"
    handlers = [_saved(source), _deleted(source)]
    post_save.connect(handlers[0], sender=source.model, dispatch_uid=f"{uid}-save")
    post_delete.connect(handlers[1], sender=source.model, dispatch_uid=f"{uid}-delete")
    for name in source.m2m_fields:
        through = source.model._meta.get_field(name).remote_field.through
        handler = _relations_changed(source)
        handlers.append(handler)
        m2m_changed.connect(handler, sender=through, dispatch_uid=f"{uid}-{name}")
    _receivers.extend(handlers)


def register_indexed(source: Source) -> None:
    """How another app (support map, partnering) adds an indexed kind: the source and its receivers."""
    register_source(source)
    connect_source(source)


def connect() -> None:
    """Connect the receivers of every source registered so far (called once from the AppConfig)."""
    for source in sources():
        connect_source(source)
