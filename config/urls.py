from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView

from northern_connections.core.api.docs import ApiDocsView

api_v1 = ([path("", include("config.api"))], "v1")

urlpatterns = [
    path("", include("northern_connections.home.urls")),
    path("", include("northern_connections.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("northern_connections.accounts.urls")),
    path("directory/", include("northern_connections.directory.urls")),
    path("challenges/", include("northern_connections.challenges.urls")),
    path("matchmaking/", include("northern_connections.matchmaking.urls")),
    path("events/", include("northern_connections.events.urls")),
    path("support/", include("northern_connections.support.urls")),
    path("strategy/", include("northern_connections.strategy.urls")),
    path("surveys/", include("northern_connections.surveys.urls")),
    path("partnering/", include("northern_connections.partnering.urls")),
    path("monitoring/", include("northern_connections.monitoring.urls")),
    path("living-labs/", include("northern_connections.livinglabs.urls")),
    path("knowledge/", include("northern_connections.knowledge.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/", include(([path("v1/", include(api_v1))], "api"))),
    path("api/schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("api/docs/", ApiDocsView.as_view(url_name="schema", template_name="api/docs.html"),
         name="api-docs"),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
