"""API rate limits: per anonymous client address, per user, and per scope for expensive endpoints.

The counters live in Django's default cache, which is Redis when `REDIS_URL` is set and the
database cache otherwise (config/settings/base.py), so every web process counts against the same
limit. A client over a limit gets 429 with a `Retry-After` header (DRF's `Throttled`).

DRF's own classes copy the rates when they are imported; these read them on every request, so the
rates follow the settings (and a test's `override_settings`) instead of the import-time value.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle


class _RatesFromSettings:
    @property
    def THROTTLE_RATES(self):  # DRF's attribute name
        return api_settings.DEFAULT_THROTTLE_RATES


class AnonThrottle(_RatesFromSettings, AnonRateThrottle):
    """Anonymous clients, per address (`NUM_PROXIES` decides which X-Forwarded-For entry counts)."""


class UserThrottle(_RatesFromSettings, UserRateThrottle):
    """Signed-in users (session or token), per user; anonymous requests fall back to the address."""


class ScopeThrottle(_RatesFromSettings, ScopedRateThrottle):
    """Views that name a `throttle_scope` (matching, scheduling) get that scope's rate on top."""
