"""The API docs page under a Content Security Policy: no inline script, Swagger UI from its CDN."""

from urllib.parse import urlsplit

from drf_spectacular.settings import spectacular_settings
from drf_spectacular.views import SpectacularSwaggerSplitView


class ApiDocsView(SpectacularSwaggerSplitView):
    """drf-spectacular's split view: the page's start-up script is a second request (`?script`), so
    the policy needs no 'unsafe-inline'; the page adds Swagger UI's origin to its own policy."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        parts = urlsplit(spectacular_settings.SWAGGER_UI_DIST)
        if parts.scheme and parts.netloc:
            origin = [f"{parts.scheme}://{parts.netloc}"]
            response.csp_extra = {"script-src": origin, "style-src": origin, "img-src": origin}
        return response
