from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "northern_connections.knowledge"
    label = "knowledge"
