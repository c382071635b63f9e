from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "northern_connections.surveys"
    label = "surveys"
