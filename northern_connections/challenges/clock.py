"""The one place the board reads the time, so tests can move it (deadlines are the core rule)."""

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
