"""Rate limits for expensive page actions, with the API's scopes and rates (core/api/throttling.py).

Starting the meeting scheduler from its page costs what the API's expensive endpoints cost, so
it counts against the same scope's rate in the same shared cache, and an action over the limit
gets the same answer: 429 with `Retry-After`.
"""

from math import ceil

from django.shortcuts import render

from .api.throttling import ScopeThrottle


class ScopeThrottledMixin:
    """POSTs to the view count against `throttle_scope`; over its rate the user gets a 429 page."""

    throttle_scope: str

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            throttle = ScopeThrottle()
            if not throttle.allow_request(request, self):
                wait = max(1, ceil(throttle.wait() or 1))
                response = render(request, "core/throttled.html", {"wait": wait}, status=429)
                response["Retry-After"] = str(wait)
                return response
        return super().dispatch(request, *args, **kwargs)
