"""The marketplace: offers and requests published by participants."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core.permissions import CHANGE, DELETE, locked_for
from northern_connections.core.services import model_update

from ..choices import ACTIVE_PARTICIPANT_STATUSES
from ..models import MarketplaceItem, Participant

ITEM_FIELDS = ("kind", "title", "description", "trl")


def marketplace_item_create(*, actor: User, participant: Participant, value_chains=(), **fields: Any
                            ) -> MarketplaceItem:
    with transaction.atomic():
        participant = locked_for(actor, CHANGE, participant)
        if participant.status not in ACTIVE_PARTICIPANT_STATUSES:
            raise ValidationError(_("Only active registrations can add marketplace items."))
        item = MarketplaceItem(participant=participant, **{k: v for k, v in fields.items() if k in ITEM_FIELDS})
        item.full_clean()
        item.save()
        item.value_chains.set(value_chains)
    return item


def marketplace_item_update(*, actor: User, item: MarketplaceItem, value_chains=None, **fields: Any
                            ) -> MarketplaceItem:
    with transaction.atomic():
        item = locked_for(actor, CHANGE, item)
        data = {name: value for name, value in fields.items() if name in ITEM_FIELDS}
        if value_chains is not None:
            data["value_chains"] = value_chains
        model_update(instance=item, data=data, fields=ITEM_FIELDS, m2m=("value_chains",))
    return item


def marketplace_item_delete(*, actor: User, item: MarketplaceItem) -> None:
    with transaction.atomic():
        locked_for(actor, DELETE, item).delete()


