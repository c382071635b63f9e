from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "northern_connections.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import permissions, privacy  # noqa: F401  (permissions registers the policies)

        privacy.register()  # what accounts holds about a person (core.privacy)
