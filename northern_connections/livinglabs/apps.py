from django.apps import AppConfig


class LivinglabsConfig(AppConfig):
    name = "northern_connections.livinglabs"
    label = "livinglabs"
