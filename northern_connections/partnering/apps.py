from django.apps import AppConfig


class PartneringConfig(AppConfig):
    name = "northern_connections.partnering"
    label = "partnering"
