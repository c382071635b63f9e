"""Django's `de` formats, with ISO 8601 as the first date input format (see ../en/formats.py).

A widget renders its value with the first input format, and <input type="date"> shows only a
value written as 2026-05-16: with Django's `de` order the board's deadline filters came back empty.
"""

from django.conf.locale.de.formats import *  # noqa: F403
from django.conf.locale.de.formats import DATE_INPUT_FORMATS as _DJANGO_DATE_INPUT_FORMATS

DATE_INPUT_FORMATS = ["%Y-%m-%d", *(f for f in _DJANGO_DATE_INPUT_FORMATS if f != "%Y-%m-%d")]
