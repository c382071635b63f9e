"""Background work of matchmaking (Celery; eager in tests). Scheduled in CELERY_BEAT_SCHEDULE."""

from celery import shared_task


@shared_task
def send_match_digests(frequency: str) -> int:
    """E-mail every active saved search of this frequency ("daily" or "weekly") its new matches."""
    from .services import match_digests_send

    return match_digests_send(frequency=frequency)


@shared_task
def rebuild_match_index(kinds: list[str] | None = None) -> dict[str, int]:
    """Build fresh index snapshots; nightly, so replaying the change log never grows long."""
    from .services import match_index_rebuild

    return {snapshot.kind: snapshot.documents for snapshot in match_index_rebuild(kinds=kinds)}
