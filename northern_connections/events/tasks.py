"""Background work of events (Celery; eager in tests)."""

from celery import shared_task


@shared_task
def expire_meeting_requests() -> int:
    """Expire pending meeting requests past their time; scheduled every few minutes by beat."""
    from .services import meeting_requests_expire

    return meeting_requests_expire()


@shared_task
def schedule_event_task(job_id: int, event_id: int, user_id: int, time_limit: float = 30.0,
                        resume: bool = False) -> dict:
    """Run the meeting scheduler for an event, reporting progress into the Job the organiser watches.

    A scheduling run takes up to `time_limit` seconds of solver time: far too long for a web request.
    Failures are recorded on the Job (status and message) by the service, so the task returns quietly.
    `resume` starts from the current schedule ("keep improving").
    """
    from .services import schedule_event_run

    return schedule_event_run(job_id=job_id, event_id=event_id, user_id=user_id, time_limit=time_limit,
                              resume=resume)


@shared_task
def notify_schedule_published(event_id: int) -> int:
    """E-mail every participant with a published meeting the link to its agenda."""
    from .services import schedule_published_notify

    return schedule_published_notify(event_id=event_id)
