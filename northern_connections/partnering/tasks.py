"""Background work of partnering: each task is one service call."""

from celery import shared_task

from . import services


@shared_task
def expire_partner_requests() -> int:
    return services.partner_requests_expire()
