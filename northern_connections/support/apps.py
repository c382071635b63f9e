from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "northern_connections.support"
    label = "support"
