"""English as the partnership writes it: British day-month order and the 24-hour clock.

Django's `en` formats are American (May 16, 2026, 2 p.m.), which a reader in Copenhagen or
Bergen misreads; `en_GB` has the day first but a 12-hour clock ("2:30 p.m."). Our English keeps the
language code `en` (URL prefixes, cookies and saved preferences stay valid) and takes these
formats instead (FORMAT_MODULE_PATH in config/settings/base.py). Machine-readable dates (feeds,
OCDS, `datetime` attributes, iCal) are ISO 8601 and never pass through here.
"""

from django.conf.locale.en_GB.formats import (  # noqa: F401  (re-exported for Django's format lookup)
    DATE_FORMAT,
    DECIMAL_SEPARATOR,
    FIRST_DAY_OF_WEEK,
    MONTH_DAY_FORMAT,
    NUMBER_GROUPING,
    SHORT_DATE_FORMAT,
    THOUSAND_SEPARATOR,
    YEAR_MONTH_FORMAT,
)
from django.conf.locale.en_GB.formats import DATE_INPUT_FORMATS as _GB_DATE_INPUT_FORMATS
from django.conf.locale.en_GB.formats import DATETIME_INPUT_FORMATS as _GB_DATETIME_INPUT_FORMATS

TIME_FORMAT = "H:i"  # 14:00
DATETIME_FORMAT = "j M Y, H:i"  # 16 May 2026, 14:00
SHORT_DATETIME_FORMAT = "d/m/Y, H:i"  # 16/05/2026, 14:00

# ISO first: a widget renders its value with the first input format, and <input type="date"> (the
# board's deadline filters) only shows a value written as 2026-05-16.
DATE_INPUT_FORMATS = ["%Y-%m-%d", *_GB_DATE_INPUT_FORMATS]
DATETIME_INPUT_FORMATS = _GB_DATETIME_INPUT_FORMATS
