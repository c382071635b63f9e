"""Figures for the front page, each already restricted to what the visitor may see."""

from __future__ import annotations

from typing import Any

from northern_connections.core.permissions import VIEW
from northern_connections.directory.choices import OrganisationKind
from northern_connections.directory.models import Organisation, Partnership


def front_page(*, actor) -> dict[str, Any]:
    organisations = Organisation.objects.restrict(actor, VIEW)
    return {
        "organisation_count": organisations.count(),
        "sme_count": organisations.filter(kind=OrganisationKind.SME).count(),
        "country_count": organisations.values("country").distinct().count(),
        "partnerships": Partnership.objects.restrict(actor, VIEW)[:5],
    }
