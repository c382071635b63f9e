from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "northern_connections.strategy"
    label = "strategy"
