"""Partner requests in the matchmaking index (the "partner_request" kind the engine was built to take).

Published requests only: a draft is its owner's business, an expired or withdrawn one seeks no one.
The document carries the request's text, its value-chain steps, TRL, the owner's country and kind,
so "requests like this one" and "requests for my organisation" are ordinary engine queries.
"""

from __future__ import annotations

from collections.abc import Iterator

from northern_connections.core.permissions import VIEW
from northern_connections.matchmaking.documents import Source, m2m_values
from northern_connections.matchmaking.engine import Document
from northern_connections.matchmaking.selectors import PARTNER_REQUEST_KIND
from northern_connections.matchmaking.signals import register_indexed

from .choices import PUBLIC_REQUEST_STATUSES
from .models import PartnerRequest


def request_documents(pks: list[int] | None = None) -> Iterator[Document]:
    rows = PartnerRequest.objects.filter(status__in=PUBLIC_REQUEST_STATUSES)
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    steps = m2m_values(PartnerRequest, "value_chain_steps", "slug", pks)
    columns = ("pk", "title", "summary", "description", "partner_sought", "keywords", "trl", "owner__country",
               "owner__kind")
    for pk, title, summary, description, sought, keywords, trl, country, kind in (
            rows.order_by("pk").values_list(*columns).iterator(chunk_size=2000)):
        yield Document(id=str(pk), fields={"name": title, "text": "\n".join(
            filter(None, [summary, description, sought, " ".join(keywords or [])]))},
            tags={"steps": steps.get(pk, [])}, trl=trl, kind=kind, country=country, language="en")


def request_objects(actor, pks: list[int]) -> dict:
    rows = (PartnerRequest.objects.restrict(actor, VIEW).filter(pk__in=pks, status__in=PUBLIC_REQUEST_STATUSES)
            .select_related("owner"))
    return {r.pk: r for r in rows}


register_indexed(Source(PARTNER_REQUEST_KIND, PartnerRequest, request_documents, request_objects,
                        ("value_chain_steps",)))
