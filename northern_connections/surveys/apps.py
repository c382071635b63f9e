from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "northern_connections.surveys"
    label = "surveys"

    def ready(self) -> None:
        from northern_connections.core.audit import register_audited

        from . import permissions  # noqa: F401  (registers the policies)
        from .models import Question, Survey

        # Who changed a survey's settings and questions. Never responses or participations: the trail
        # keeps who and when, which would undo anonymity.
        register_audited(Survey, exclude=["is_demo", "opened_at"])
        register_audited(Question)
