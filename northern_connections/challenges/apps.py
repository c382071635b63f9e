from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "northern_connections.challenges"
    label = "challenges"
