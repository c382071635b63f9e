"""The one place events read the time, so tests can move it (registration windows, request expiry)."""

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
