from django.apps import AppConfig


class LivinglabsConfig(AppConfig):
    name = "northern_connections.livinglabs"
    label = "livinglabs"

    def ready(self) -> None:
        from northern_connections.core.audit import register_audited

        from . import permissions  # noqa: F401  (registers the policies)
        from .models import Candidate, Criterion, Score, SelectionRound

        # The selection must be defensible: every change of a round's rules, weights and scores is kept.
        register_audited(Candidate, exclude=["is_demo"])  # the proposer's editors read who changed the entry
        register_audited(SelectionRound, exclude=["frozen"])
        register_audited(Criterion)
        register_audited(Score)
