"""Background work of project monitoring (Celery; eager in tests)."""

from celery import shared_task


@shared_task
def send_period_reminders() -> int:
    """Remind partners of a reporting deadline within two weeks, once per period; scheduled daily by beat."""
    from .services import period_reminders_send

    return period_reminders_send()
