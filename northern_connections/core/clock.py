"""The one place the platform reads the time, so tests can move it (deadlines, expiry, reminders).

Services call `clock.now()` (attribute access on this module, never `from ... import now`), and
tests set the time with the root `frozen` fixture.
"""

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
