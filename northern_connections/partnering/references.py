"""Public references of partner requests in the enterprise networks' style: ``TODK20261201001``.

Type (BO, BR, TO, TR, RDR), the owner's country, the date of first publication (YYYYMMDD) and
the number of that day's requests with the same prefix, three digits. A reference never changes
once given (an extension or a new edit keeps it), so others can quote it.
"""

from __future__ import annotations

from datetime import date

from .models import PartnerRequest


def next_reference(*, kind: str, country: str, day: date) -> str:
    """The next free reference for ``kind``, ``country`` and ``day`` (call inside the publishing transaction)."""
    prefix = f"{kind}{country.upper()}{day:%Y%m%d}"
    taken = PartnerRequest.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
    numbers = [int(ref[len(prefix):]) for ref in taken if ref[len(prefix):].isascii() and ref[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"
