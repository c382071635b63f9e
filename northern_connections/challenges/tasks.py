"""Background work of the challenge board (Celery; eager in tests)."""

from celery import shared_task


@shared_task
def close_due_challenges() -> int:
    """Close published challenges whose deadline has passed; scheduled every few minutes by beat."""
    from .services import challenges_close_due

    return challenges_close_due()


@shared_task
def send_application_receipt(application_id: int) -> None:
    """Render the PDF of a submitted application and e-mail it (WeasyPrint is too slow for a request)."""
    from .services import application_receipt_send

    application_receipt_send(application_id=application_id)
