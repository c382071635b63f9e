"""The EU cohesion-policy category of NUTS 2 regions (2021-2027), from the app's reference file.

The facts are in ``reference/cohesion_categories_2021_2027.csv``, transcribed from Commission
Implementing Decision (EU) 2021/1130 (the file's header says which Member States it covers). They
fill the directory's ``NutsRegion.cohesion_category`` (``region_categories_load``); an organisation's
category is that of the NUTS 2 region it lies in (``organisation_category``). Regions outside the
EU have none.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from django.db import transaction

from northern_connections.directory.models import NutsRegion, Organisation

from .choices import CohesionCategory

REFERENCE_FILE = Path(__file__).resolve().parent / "reference" / "cohesion_categories_2021_2027.csv"
SOURCE = "Commission Implementing Decision (EU) 2021/1130 of 5 July 2021 (OJ L 244, 9.7.2021, p. 10)"
SOURCE_URL = "http://data.europa.eu/eli/dec_impl/2021/1130/oj"


@cache
def categories() -> dict[str, str]:
    """NUTS 2024 code → category, for every region the reference file lists."""
    with REFERENCE_FILE.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        out = {row["nuts2024"]: row["category"] for row in rows}
    unknown = set(out.values()) - set(CohesionCategory.values)
    assert not unknown, f"{REFERENCE_FILE.name}: unknown categories {unknown}"
    return out


@transaction.atomic
def region_categories_load() -> int:
    """Set the category of every NUTS 2 region the file lists (and clear it where the file has none)."""
    facts = categories()
    changed = []
    for region in NutsRegion.objects.filter(level=2).only("pk", "code", "cohesion_category"):
        category = facts.get(region.code, "")
        if region.cohesion_category != category:
            region.cohesion_category = category
            changed.append(region)
    NutsRegion.objects.bulk_update(changed, ["cohesion_category"], batch_size=500)
    return len(changed)


def nuts2_code(organisation: Organisation) -> str | None:
    region = organisation.nuts_region
    if region is None or region.level < 2:
        return None
    return region.code[:4]


def organisation_category(organisation: Organisation) -> str | None:
    """The category of the organisation's NUTS 2 region; ``None`` outside the EU or without a region."""
    code = nuts2_code(organisation)
    return categories().get(code) if code else None
