from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "northern_connections.matchmaking"
    label = "matchmaking"

    def ready(self) -> None:
        from . import documents, permissions, privacy, signals  # noqa: F401  (permissions registers the policies)

        documents.register_builtin_sources()
        signals.connect()
        privacy.register()  # saved searches in a person's data download; deleted with the account
