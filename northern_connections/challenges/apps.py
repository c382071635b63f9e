from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "northern_connections.challenges"
    label = "challenges"

    def ready(self) -> None:
        from northern_connections.core.audit import register_audited

        from . import permissions  # noqa: F401  (registers the policies)
        from .models import Application, Challenge, Score

        register_audited(Challenge, exclude=["is_demo"])
        register_audited(Application, exclude=["version"])  # version counts saves: the trail already does
        register_audited(Score)  # the evaluation must be defensible: every score change is kept
