from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "northern_connections.events"
    label = "events"
