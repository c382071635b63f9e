"""Country choices from pycountry, named in the reader's language, with the EU's codes mapped."""

import gettext
from functools import lru_cache

import pycountry
from django.utils.functional import lazy
from django.utils.translation import get_language

# Eurostat writes Greece as EL and the United Kingdom as UK; the platform stores ISO codes and
# maps NUTS country prefixes through this table.
NUTS_TO_ISO = {"EL": "GR", "UK": "GB"}
ISO_TO_NUTS = {iso: nuts for nuts, iso in NUTS_TO_ISO.items()}

# XK (Kosovo) is the user-assigned code the EU and CORDIS use; ISO 3166 has none.
ENGLISH_NAMES = {c.alpha_2: c.name for c in pycountry.countries} | {"XK": "Kosovo"}
# pycountry's catalogue for Norwegian Bokmål is filed under nb_NO.
_CATALOGUE_LANGUAGE = {"nb": "nb_NO"}


@lru_cache(maxsize=16)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name(code: str) -> str:
    """The country's name in the active language (pycountry ships the ISO 3166 translations)."""
    language = (get_language() or "en").split("-")[0]
    english = ENGLISH_NAMES.get(code, code)
    return _catalogue(_CATALOGUE_LANGUAGE.get(language, language)).gettext(english)


COUNTRY_CHOICES = [
    (code, lazy(country_name, str)(code)) for code, _ in sorted(ENGLISH_NAMES.items(), key=lambda item: item[1])
]
COUNTRY_NAMES = ENGLISH_NAMES


def iso_country(code: str) -> str | None:
    """ISO alpha-2 for an ISO or Eurostat country code, or None if unknown."""
    code = (code or "").strip().upper()
    code = NUTS_TO_ISO.get(code, code)
    return code if code in ENGLISH_NAMES else None
