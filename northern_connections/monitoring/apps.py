from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "northern_connections.monitoring"
    label = "monitoring"
