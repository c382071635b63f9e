"""Demo matchmaking: saved searches of the demo SME user, and fresh snapshots of the shared index.

The searches are weekly, so the daily digest stays free for whatever a visitor saves (the browser
journey relies on that: one saved search, one daily digest).

Deterministic and idempotent: the searches are keyed by (user, organisation, name) and updated in
place; the index is rebuilt from whatever the directory and challenge demos loaded (including
organisations bulk-created by ``--scale``, which bypass the change log).
"""

from __future__ import annotations

from django.db import transaction

from northern_connections.accounts.models import Membership
from northern_connections.directory.models import ValueChain

from .choices import CrossBorder, Frequency
from .models import SavedSearch
from .services import match_index_rebuild

DEMO_USER = "sme@example.org"

# (name, keywords, value chains, TRL range, countries, cross-border preference, frequency)
SEARCHES = [
    ("Hydrogen and e-fuels abroad", "electrolysers hydrogen e-fuels ammonia", ["hydrogen-ptx"], (5, 8), [],
     CrossBorder.ONLY, Frequency.WEEKLY),
    ("Smart grids in Norway and Sweden", "smart grid charging storage", ["smart-grids", "energy-storage"], (None, None),
     ["NO", "SE"], CrossBorder.NEUTRAL, Frequency.WEEKLY),
]


def load(*, seed: int = 2024) -> dict[str, int]:
    with transaction.atomic():
        membership = (Membership.objects.filter(user__email=DEMO_USER).select_related("user", "organisation")
                      .order_by("pk").first())
        if membership is None:
            raise RuntimeError("Load the directory demo first (it creates the demo SME user).")
        user, organisation = membership.user, membership.organisation
        chains = {c.slug: c for c in ValueChain.objects.all()}
        count = 0
        for name, text, chain_slugs, (trl_min, trl_max), countries, cross_border, frequency in SEARCHES:
            search, _created = SavedSearch.objects.update_or_create(
                user=user, organisation=organisation, name=name, is_feed=False,
                defaults={"text": text, "trl_min": trl_min, "trl_max": trl_max, "countries": countries,
                          "cross_border": cross_border, "frequency": frequency, "active": True},
            )
            search.full_clean()
            search.value_chains.set([chains[s] for s in chain_slugs if s in chains])
            count += 1
        SavedSearch.objects.update_or_create(
            user=user, organisation=organisation, is_feed=True,
            defaults={"name": f"Recommendation feed for {organisation}", "frequency": Frequency.WEEKLY,
                      "cross_border": CrossBorder.PREFER, "active": True},
        )
        count += 1
    snapshots = match_index_rebuild()
    return {"saved searches": count, **{f"indexed {s.kind}s": s.documents for s in snapshots}}
