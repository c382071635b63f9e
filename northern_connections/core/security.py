"""Content Security Policy (issue 19): one header from `settings.CONTENT_SECURITY_POLICY`.

The setting is a dict of directive -> sources; None (the default outside production) sends no
header, so development and tests behave as before. A view whose page needs more (the API docs
load Swagger UI from its CDN) sets `response.csp_extra = {"script-src": [...]}`, which is added to
the policy for that response only. Scripts never get 'unsafe-inline': pages keep their JavaScript
in static files (`core/tests/test_security.py` fails on an inline script or event handler).
"""

from django.conf import settings

HEADER = "Content-Security-Policy"


def policy_header(policy: dict[str, list[str]], extra: dict[str, list[str]] | None = None) -> str:
    merged = {name: list(sources) for name, sources in policy.items()}
    for name, sources in (extra or {}).items():
        merged.setdefault(name, list(policy.get("default-src", [])))
        merged[name] += [source for source in sources if source not in merged[name]]
    return "; ".join(" ".join([name, *sources]) for name, sources in merged.items())


class ContentSecurityPolicyMiddleware:
    """Adds the policy to every response that has none of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        if policy and HEADER not in response:
            response[HEADER] = policy_header(policy, getattr(response, "csp_extra", None))
        return response
