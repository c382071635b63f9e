"""The shared index: snapshots and a change log in the database, one cached engine per process.

Several web processes and Celery workers rank with the same index, and none may go on using a
copy that another process has since made stale. The design is the one databases use for
replicas: a *base image* plus a *log*.

* ``IndexSnapshot`` rows hold compacted engine snapshots (``MatchingEngine.dump()``), built by
  ``manage.py rebuild_match_index`` or its Celery task (nightly, see CELERY_BEAT_SCHEDULE).
* ``IndexChange`` rows are appended by signals.py after every committed change of an indexed
  object (the matchmaking app observes the directory and the challenge board without them
  depending on it).
* Each process keeps a :class:`SharedIndex` per kind. On every use it reads the log entries it has
  not applied yet, with one indexed query, and re-reads the current state of just those objects
  (an entry is only a hint: the object's state at replay time is what gets indexed, so replaying
  an entry twice or out of order is harmless). A process more than ``MAX_REPLAY`` entries behind
  loads the newest snapshot instead; one without any snapshot builds and stores the first.

A log entry can become visible *after* one with a higher id (PostgreSQL hands out ids before
commit). Skipping it for good would leave a copy stale, so every read also re-reads the entries
created in the last ``SETTLE_SECONDS`` and applies those it has not seen; on load, the same
window before the snapshot's build began covers entries in flight while it was being built.
Incremental updates rank exactly like a rebuild because the engine keeps its BM25 statistics
exact on every add and remove (engine/index.py).
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from .documents import source_for
from .engine import Match, MatchingEngine, Query
from .models import IndexChange, IndexSnapshot

logger = logging.getLogger(__name__)

#: More unapplied log entries than this: load the newest snapshot instead of replaying them.
MAX_REPLAY = getattr(settings, "MATCHMAKING_MAX_REPLAY", 1000)
#: How long a log entry may take to become visible after it got its id (see the module docstring).
SETTLE_SECONDS = 60
#: How often a process checks that its base snapshot still exists and the log was not reset.
REVALIDATE_SECONDS = 300
#: Snapshots kept per kind; log entries older than the oldest kept one (and a day) are pruned.
KEEP_SNAPSHOTS = 2
LOG_RETENTION = timedelta(days=1)


@lru_cache(maxsize=1)
def embedder():
    """The optional dense-embedding model (a local path in MATCHMAKING_EMBEDDING_MODEL), or None."""
    path = getattr(settings, "MATCHMAKING_EMBEDDING_MODEL", "")
    if not path:
        return None
    from .engine import load_embedder

    return load_embedder(path)


def log_changes(entries) -> None:
    """Append (kind, object id, op) entries to the change log (signals.py, after the write commits)."""
    IndexChange.objects.bulk_create([IndexChange(kind=kind, object_id=str(object_id), op=op)
                                     for kind, object_id, op in entries], batch_size=1000)


def build_snapshot(kind: str) -> IndexSnapshot:
    """Build the index of ``kind`` from the database and store it as the newest snapshot.

    The log position is read *before* the documents, so every change the build might have missed
    has a higher id (or lies in the settle window) and is replayed on top of the snapshot.
    """
    source = source_for(kind)
    started_at = timezone.now()
    clock = time.perf_counter()
    last_change = IndexChange.objects.filter(kind=kind).aggregate(last=Max("id"))["last"] or 0
    engine = MatchingEngine.build(source.documents(), embedder=embedder())
    data = engine.dump()
    snapshot = IndexSnapshot.objects.create(
        kind=kind, version=engine.version, last_change=last_change, documents=len(engine), data=data,
        size=len(data), build_seconds=round(time.perf_counter() - clock, 3), started_at=started_at,
    )
    prune(kind)
    logger.info("matchmaking: built %s", snapshot)
    return snapshot


def prune(kind: str) -> None:
    """Drop old snapshots and the log entries that every kept snapshot already reflects."""
    kept = list(IndexSnapshot.objects.filter(kind=kind).order_by("-id").values_list("id", "last_change")
                [:KEEP_SNAPSHOTS])
    if len(kept) < KEEP_SNAPSHOTS:
        return
    oldest_id, oldest_change = kept[-1]
    IndexSnapshot.objects.filter(kind=kind, id__lt=oldest_id).delete()
    IndexChange.objects.filter(kind=kind, id__lte=oldest_change,
                               created__lt=timezone.now() - LOG_RETENTION).delete()


class SharedIndex:
    """This process's copy of the index of one kind, kept current from the database on every use.

    Thread-safe: a lock serialises catching up and searching, because the engine is mutated by
    replay (searches take milliseconds, so threads of one process barely wait).
    """

    def __init__(self, kind: str):
        self.kind = kind
        self.engine: MatchingEngine | None = None
        self.snapshot_id: int | None = None
        self.last_seen = 0
        self.recent: dict[int, float] = {}  # applied entry id → when, for the settle window
        self.checked = 0.0
        self.lock = threading.RLock()

    # ------------------------------------------------------------------ public
    def search(self, query: Query) -> list[Match]:
        with self.lock:
            return self.current().search(query)

    def current(self) -> MatchingEngine:
        """The engine, after applying every log entry committed so far."""
        with self.lock:
            now = time.monotonic()
            if self.engine is None:
                self.load()
            elif now - self.checked >= REVALIDATE_SECONDS:
                if not self._still_valid():
                    self.load()
                self.checked = now
            if not self.catch_up(reload_when_behind=True):
                self.load()
            return self.engine

    def load(self) -> None:
        """Start from the newest snapshot (building the first one if there is none) and replay the log."""
        snapshot = IndexSnapshot.objects.filter(kind=self.kind).order_by("-id").first()
        if snapshot is None:
            snapshot = build_snapshot(self.kind)
        self.engine = MatchingEngine.load(bytes(snapshot.data), embedder=embedder())
        self.snapshot_id = snapshot.pk
        self.last_seen = snapshot.last_change
        self.recent = {}
        self.checked = time.monotonic()
        # Entries that had their id but were not yet visible when the build read the log position.
        in_flight = (IndexChange.objects.filter(kind=self.kind, id__lte=snapshot.last_change,
                                                created__gte=snapshot.started_at - timedelta(seconds=SETTLE_SECONDS))
                     .order_by("id").values_list("id", "object_id"))
        self._apply(list(in_flight), advance=False)
        self.catch_up(reload_when_behind=False)

    def catch_up(self, *, reload_when_behind: bool) -> bool:
        """Apply unseen log entries; False when more than MAX_REPLAY are pending and a reload is better.

        One query per round: the entries after the last one seen, plus those of the settle window
        (already applied ones are skipped in Python; the limit leaves room for them).
        """
        while True:
            window_start = timezone.now() - timedelta(seconds=SETTLE_SECONDS)
            limit = MAX_REPLAY + 1 + len(self.recent)
            rows = list(
                IndexChange.objects.filter(kind=self.kind)
                .filter(Q(id__gt=self.last_seen) | Q(created__gte=window_start))
                .order_by("id").values_list("id", "object_id")[:limit]
            )
            fresh = [(pk, object_id) for pk, object_id in rows if pk not in self.recent]
            if reload_when_behind and len(fresh) > MAX_REPLAY:
                return False
            self._apply(fresh)
            if len(rows) < limit:
                return True

    # ------------------------------------------------------------------ internals
    def _apply(self, rows: list[tuple[int, str]], *, advance: bool = True) -> None:
        now = time.monotonic()
        if rows:
            object_ids = list(dict.fromkeys(object_id for _pk, object_id in rows))
            pks = [int(x) for x in object_ids if x.isdigit()]
            documents = {doc.id: doc for doc in source_for(self.kind).documents(pks)}
            for object_id in object_ids:
                if object_id in documents:
                    self.engine.update(documents[object_id])
                else:  # deleted, or no longer indexable (e.g. a challenge that closed)
                    self.engine.remove(object_id)
            for pk, _object_id in rows:
                self.recent[pk] = now
            if advance:
                self.last_seen = max(self.last_seen, max(pk for pk, _ in rows))
        horizon = now - 2 * SETTLE_SECONDS
        self.recent = {pk: at for pk, at in self.recent.items() if at >= horizon}

    def _still_valid(self) -> bool:
        """False when the base snapshot was pruned or the log was reset (a restored or flushed database)."""
        if not IndexSnapshot.objects.filter(pk=self.snapshot_id).exists():
            return False
        newest = IndexChange.objects.filter(kind=self.kind).aggregate(last=Max("id"))["last"] or 0
        return newest >= self.last_seen


_shared: dict[str, SharedIndex] = {}
_shared_lock = threading.Lock()


def shared_index(kind: str) -> SharedIndex:
    """This process's shared index of ``kind`` (created on first use)."""
    source_for(kind)  # fail early on an unknown kind
    with _shared_lock:
        index = _shared.get(kind)
        if index is None:
            index = _shared[kind] = SharedIndex(kind)
        return index


def reset_process_cache() -> None:
    """Forget this process's copies (tests do this between tests, whose databases are rolled back)."""
    with _shared_lock:
        _shared.clear()
