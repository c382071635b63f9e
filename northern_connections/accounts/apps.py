from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "northern_connections.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the policies)
