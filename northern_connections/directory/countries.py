"""Country choices from pycountry, with the codes the EU uses where they differ."""

import pycountry

# Eurostat writes Greece as EL and the United Kingdom as UK; the platform stores ISO codes and
# maps NUTS country prefixes through this table.
NUTS_TO_ISO = {"EL": "GR", "UK": "GB"}
ISO_TO_NUTS = {iso: nuts for nuts, iso in NUTS_TO_ISO.items()}

# XK (Kosovo) is the user-assigned code the EU and CORDIS use; ISO 3166 has none.
COUNTRY_CHOICES = sorted(
    [(c.alpha_2, c.name) for c in pycountry.countries] + [("XK", "Kosovo")], key=lambda pair: pair[1]
)
COUNTRY_NAMES = dict(COUNTRY_CHOICES)


def iso_country(code: str) -> str | None:
    """ISO alpha-2 for an ISO or Eurostat country code, or None if unknown."""
    code = (code or "").strip().upper()
    code = NUTS_TO_ISO.get(code, code)
    return code if code in COUNTRY_NAMES else None
