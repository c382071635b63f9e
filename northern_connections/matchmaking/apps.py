from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "northern_connections.matchmaking"
    label = "matchmaking"
