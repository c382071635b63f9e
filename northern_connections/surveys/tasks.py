"""Background work of the surveys app (Celery; eager in tests): one service call each."""

from celery import shared_task


@shared_task
def deliver_invitations(invitation_ids: list[int], reminder: bool = False) -> int:
    """Mail the invitation (or reminder) links; the tokens are made here and never stored."""
    from .services import invitations_deliver

    return invitations_deliver(invitation_ids=invitation_ids, reminder=reminder)


@shared_task
def close_due_surveys() -> int:
    """Close open surveys whose closing time has passed; scheduled by beat."""
    from .services import survey_close_due

    return survey_close_due()
