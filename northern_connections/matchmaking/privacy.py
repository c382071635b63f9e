"""What matchmaking holds about a person (core.privacy): their saved searches and the alerts sent for them.

Saved searches are only the person's, so deleting the account deletes them (and their delivery log).
"""

from northern_connections.core.privacy import register_personal_data, row_data

from .models import AlertDelivery, SavedSearch


def export_saved_searches(user) -> list[dict]:
    searches = SavedSearch.objects.filter(user=user).prefetch_related("value_chains").order_by("pk")
    return [{**row_data(s), "value_chains": [c.slug for c in s.value_chains.all()],
             "alerts_sent": [{"challenge": d.challenge_id, "sent_at": d.sent_at}
                             for d in AlertDelivery.objects.filter(saved_search=s).order_by("sent_at")]}
            for s in searches]


def erase_saved_searches(user) -> None:
    SavedSearch.objects.filter(user=user).delete()


def register() -> None:
    register_personal_data("matchmaking", "matchmaking", export=export_saved_searches, erase=erase_saved_searches,
                           models=(SavedSearch,))
