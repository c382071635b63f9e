"""`/api/v1/`: every app's router, in one namespace so URL names read `api:v1:<model>-<action>`."""

from django.urls import include, path

urlpatterns = [
    path("", include("northern_connections.directory.api.urls")),
    path("", include("northern_connections.accounts.api.urls")),
    path("", include("northern_connections.challenges.api.urls")),
    path("", include("northern_connections.events.api.urls")),
    path("", include("northern_connections.livinglabs.api.urls")),
    path("", include("northern_connections.matchmaking.api.urls")),
    path("", include("northern_connections.support.api.urls")),
    path("", include("northern_connections.strategy.api.urls")),
    path("", include("northern_connections.surveys.api.urls")),
    path("", include("northern_connections.partnering.api.urls")),
    path("", include("northern_connections.knowledge.api.urls")),
    path("", include("northern_connections.monitoring.api.urls")),
]
