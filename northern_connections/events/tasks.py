"""Background work of events (Celery; eager in tests)."""

from celery import shared_task


@shared_task
def expire_meeting_requests() -> int:
    """Expire pending meeting requests past their time; scheduled every few minutes by beat."""
    from .services import meeting_requests_expire

    return meeting_requests_expire()


@shared_task
def schedule_event_task(job_id: int, event_id: int, user_id: int, time_limit: float = 30.0) -> dict:
    """Run the meeting scheduler for an event, reporting progress into the Job the organiser watches.

    A scheduling run takes up to `time_limit` seconds of solver time: far too long for a web request.
    Failures are recorded on the Job (status and message) by the service, so the task returns quietly.
    """
    from django.core.exceptions import PermissionDenied, ValidationError

    from northern_connections.accounts.models import User
    from northern_connections.core.models import Job

    from .models import Event
    from .services import schedule_event

    job = Job.objects.get(pk=job_id)
    try:
        return schedule_event(actor=User.objects.get(pk=user_id), event=Event.objects.get(pk=event_id),
                              time_limit=time_limit, job=job)
    except (ValidationError, PermissionDenied) as error:
        if isinstance(error, PermissionDenied):
            Job.objects.filter(pk=job_id).update(status=Job.Status.FAILED, message=str(error)[:500])
        return {"error": " ".join(getattr(error, "messages", [str(error)]))}


@shared_task
def notify_schedule_published(event_id: int) -> int:
    """E-mail every participant with a published meeting the link to its agenda."""
    from . import notifications
    from .models import Event
    from .services import participant_meeting_counts

    event = Event.objects.get(pk=event_id)
    rows = participant_meeting_counts(event)
    notifications.schedule_published(event, rows)
    return len(rows)
