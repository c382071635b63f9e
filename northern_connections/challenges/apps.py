from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "northern_connections.challenges"
    label = "challenges"

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the policies)
