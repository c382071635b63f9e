"""Form pieces every app's forms share."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.utils import timezone

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def in_zone(value, tz):
    """A wall-clock time a form field read in the server's zone, re-read in `tz`."""
    if not value:
        return value
    return timezone.make_aware(timezone.make_naive(value, timezone.get_current_timezone()), tz)


class LocalDateTimeMixin:
    """Date-times typed in the object's own time zone, whatever the browser's or the server's.

    A call's deadline is "16 May 2026, 14:00 in Gothenburg", whoever types it. The fields named in
    `local_datetime_fields` are shown in the zone of the instance (`time_zone` field) and read in
    the zone the form is given (`time_zone` in the submitted data), then stored as aware times.
    """

    local_datetime_fields: tuple[str, ...] = ()
    time_zone_field = "time_zone"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is None or not instance.pk:
            return
        tz = zoneinfo.ZoneInfo(getattr(instance, self.time_zone_field) or "UTC")
        for name in self.local_datetime_fields:
            value = getattr(instance, name)
            if value:
                self.initial[name] = timezone.localtime(value, tz).replace(tzinfo=None)

    def clean(self):
        data = super().clean()
        tz = zoneinfo.ZoneInfo(data.get(self.time_zone_field) or "UTC")
        for name in self.local_datetime_fields:
            data[name] = in_zone(data.get(name), tz)
        return data
