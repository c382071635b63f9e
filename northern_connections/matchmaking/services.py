"""Every write of matchmaking: saved searches, digests and their deliveries, index rebuilds.

Pages, the API, commands and tasks call these functions only. Saved-search writes start by
checking the actor through the gate inside a transaction; the digest records what it sends in
the same transaction that advances the search, and the e-mail leaves only after that commits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core.permissions import CHANGE, DELETE, locked_for, require_add
from northern_connections.directory.models import Organisation, ValueChain

from . import index, notifications, selectors
from .choices import CrossBorder, Frequency
from .documents import sources
from .models import AlertDelivery, IndexSnapshot, SavedSearch

logger = logging.getLogger(__name__)

SEARCH_FIELDS = ("name", "text", "trl_min", "trl_max", "countries", "cross_border", "frequency", "active")
#: The digest looks this far behind its previous run: a challenge whose publication committed just
#: after that run read the board (its `published_at` is earlier than its commit) is still caught,
#: and the delivery record keeps the overlap from sending anything twice.
DIGEST_OVERLAP = timedelta(minutes=10)


# --- saved searches -----------------------------------------------------------------------------------------------

def _apply_fields(search: SavedSearch, fields: dict) -> list[ValueChain] | None:
    """Copy the given query fields onto the search; returns the value chains to set (None: unchanged)."""
    value_chains = fields.pop("value_chains", None)
    unknown = set(fields) - set(SEARCH_FIELDS)
    if unknown:
        raise TypeError(f"unknown saved-search fields: {sorted(unknown)}")
    for name, value in fields.items():
        if value is None and name in ("name", "text"):
            value = ""
        elif value is None and name == "countries":
            value = []
        setattr(search, name, list(value) if name == "countries" else value)
    return value_chains


def savedsearch_create(*, actor: User, organisation: Organisation, name: str, **fields) -> SavedSearch:
    """Save a search for challenges on behalf of one of the actor's organisations."""
    with transaction.atomic():
        require_add(actor, SavedSearch, organisation=organisation)
        search = SavedSearch(user=actor, organisation=organisation, name=name.strip())
        value_chains = _apply_fields(search, fields)
        search.full_clean()
        search.save()
        if value_chains:
            search.value_chains.set(value_chains)
    return search


def savedsearch_feed_accept(*, actor: User, organisation: Organisation,
                            frequency: str = Frequency.WEEKLY) -> SavedSearch:
    """Accept the recommendation feed: a saved search that follows the organisation's profile.

    Idempotent: accepting again re-activates the existing feed instead of adding a second one.
    """
    with transaction.atomic():
        require_add(actor, SavedSearch, organisation=organisation)
        feed = SavedSearch.objects.select_for_update().filter(user=actor, organisation=organisation,
                                                               is_feed=True).first()
        if feed is None:
            feed = SavedSearch(user=actor, organisation=organisation, is_feed=True,
                               name=_("Recommendation feed for %(organisation)s") % {"organisation": organisation},
                               cross_border=CrossBorder.PREFER)
        feed.frequency, feed.active = frequency, True
        feed.full_clean()
        feed.save()
    return feed


def savedsearch_update(*, actor: User, saved_search: SavedSearch, **fields) -> SavedSearch:
    with transaction.atomic():
        search = locked_for(actor, CHANGE, saved_search)
        value_chains = _apply_fields(search, fields)
        search.full_clean()
        search.save()
        if value_chains is not None:
            search.value_chains.set(value_chains)
    return search


def savedsearch_delete(*, actor: User, saved_search: SavedSearch) -> None:
    with transaction.atomic():
        locked_for(actor, DELETE, saved_search).delete()


def savedsearch_unsubscribe(*, token: str) -> SavedSearch | None:
    """Stop a search's e-mails from the link in a digest; the token is the credential, no login needed.

    Idempotent (mail clients and link scanners may post twice); None for an unknown token.
    """
    if not token:
        return None
    with transaction.atomic():
        search = SavedSearch.objects.select_for_update().filter(unsubscribe_token=token).first()
        if search is not None and search.active:
            search.active = False
            search.save(update_fields=["active", "updated"])
    return search


# --- digests ------------------------------------------------------------------------------------------------------

def savedsearch_digest_send(*, saved_search: SavedSearch, now: datetime) -> int:
    """Send one digest of the challenges new since the search's last run; returns the number of items.

    Deliveries are recorded, and the search advanced, in one transaction with the search's row
    locked, so two workers never send the same items; the e-mail goes out on commit. If the mail
    server then fails, those items are not retried: an alert missed is better than one sent twice.
    """
    with transaction.atomic():
        search = (SavedSearch.objects.select_for_update().select_related("user", "organisation")
                  .filter(pk=saved_search.pk, active=True, user__is_active=True).first())
        if search is None:
            return 0
        since = search.created
        if search.last_checked_at is not None:
            since = max(since, search.last_checked_at - DIGEST_OVERLAP)
        digest = selectors.digest_for(saved_search=search, since=since, now=now)
        search.last_checked_at = now
        if digest.items:
            AlertDelivery.objects.bulk_create(
                [AlertDelivery(saved_search=search, challenge=item.challenge, sent_at=now) for item in digest.items])
            search.last_sent_at = now
            transaction.on_commit(lambda: notifications.match_digest(digest))
        search.save(update_fields=["last_checked_at", "last_sent_at", "updated"])
    return len(digest.items)


def match_digests_send(*, frequency: str, now: datetime | None = None) -> int:
    """Send the digests of every active saved search with this frequency; returns the e-mails sent.

    One search failing (say, an organisation deleted mid-run) does not stop the others.
    """
    if frequency not in Frequency.values:
        raise ValidationError(_("Unknown digest frequency."))
    now = now or timezone.now()
    sent = 0
    for pk in selectors.due_saved_searches(frequency=frequency).values_list("pk", flat=True):
        try:
            sent += bool(savedsearch_digest_send(saved_search=SavedSearch(pk=pk), now=now))
        except Exception:
            logger.exception("matchmaking: digest of saved search %s failed", pk)
    return sent


# --- the shared index ---------------------------------------------------------------------------------------------

def match_index_rebuild(*, kinds: Iterable[str] | None = None) -> list[IndexSnapshot]:
    """Build fresh snapshots (all kinds by default); every process picks them up when it falls behind.

    A system operation (command, nightly task, demo loader), so it takes no actor.
    """
    chosen = list(kinds) if kinds else [source.kind for source in sources()]
    return [index.build_snapshot(kind) for kind in chosen]
