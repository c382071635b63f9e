"""Names and addresses that decide whether an organisation can be trusted (plain Python, no Django).

Two questions the verification of organisations asks, kept here so they can be tested with real
names without a database:

- Is a new name confusingly close to a verified one? `name_key` reduces a name to what a reader
  recognises (case, accents, punctuation and legal-form words do not count); `suffix_base_key`
  also drops what an impersonator appends ("Göteborgs Stad (official 2)" → the key of
  "Göteborgs Stad"). Equal keys mean "an administrator must approve this name".
- Does the requester's e-mail address belong to the organisation's website? `domain_matches`
  compares the registrable part of both host names.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Letters NFKD does not decompose into a base letter plus an accent.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "å": "a", "ß": "ss", "ð": "d", "þ": "th", "ł": "l", "œ": "oe",
                       "ı": "i", "đ": "d", "ħ": "h"})

# Legal forms (as they appear after punctuation is removed: "A/S" → "a s"), compared as whole token runs.
LEGAL_FORMS = (
    ("a", "s"), ("as",), ("asa",), ("aps",), ("ab",), ("publ",), ("oy",), ("oyj",), ("gmbh",), ("ag",), ("kg",),
    ("e", "v"), ("ev",), ("ug",), ("mbh",), ("bv",), ("b", "v"), ("nv",), ("n", "v"), ("vof",), ("ltd",),
    ("limited",), ("plc",), ("llp",), ("inc",), ("sa",), ("srl",), ("sarl",), ("ehf",), ("hf",), ("i", "s"),
    ("is",), ("amba",), ("a", "m", "b", "a"), ("smba",), ("ks",), ("da",), ("sf",), ("ou",), ("uab",), ("cic",),
)
# Words a public body puts next to its place name ("Esbjerg Kommune", "Göteborgs Stad", "City of Aberdeen").
PUBLIC_BODY_WORDS = frozenset({
    "kommune", "kommun", "kommunen", "stad", "staden", "stadt", "gemeente", "municipality", "municipal", "city",
    "council", "borough", "county", "fylkeskommune", "landsting", "of", "the", "der", "de", "van",
    "freie", "hansestadt", "und",
})
# Words an impersonator appends to a real name ("... official", "... 2", "... new").
SUFFIX_WORDS = frozenset({
    "official", "officiel", "officiell", "offisiell", "offisielle", "officieel", "offiziell", "offizielle",
    "real", "original", "genuine", "authentic", "new", "ny", "nye", "neu", "nieuw", "account", "team", "admin",
    "support", "info", "page", "profile", "hq",
})
# Where a suffix starts in the written name: a bracket, a dash between spaces, a comma, a slash or a bar.
_SUFFIX_START = re.compile(r"\s*(?:[([{]|\s[-–—]\s|,|\s/\s|\|)")


def fold(text: str) -> str:
    """Case-folded text without accents ("Göteborgs Stad" → "goteborgs stad", "Ørsted" → "orsted")."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _tokens(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text))


def _drop_legal_forms(tokens: list[str]) -> list[str]:
    out, i = [], 0
    while i < len(tokens):
        for form in LEGAL_FORMS:
            if tuple(tokens[i:i + len(form)]) == form and (i > 0 or len(tokens) > len(form)):
                i += len(form)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _drop_public_body_words(tokens: list[str]) -> list[str]:
    """Drop "kommune", "stad", "city of" ...; a Nordic genitive before such a word goes too ("Göteborgs Stad")."""
    out = []
    for index, token in enumerate(tokens):
        if token in PUBLIC_BODY_WORDS:
            continue
        follows = tokens[index + 1] if index + 1 < len(tokens) else ""
        if follows in ("stad", "staden", "kommun", "kommune") and len(token) > 3 and token.endswith("s"):
            token = token[:-1]
        out.append(token)
    return out or [t for t in tokens if t not in ("of", "the")]


def name_key(name: str) -> str:
    """What a reader recognises in a name; two names with the same key are easily taken for each other."""
    tokens = _drop_public_body_words(_drop_legal_forms(_tokens(name)))
    return " ".join(tokens)


def suffix_base_key(name: str) -> str:
    """The key of `name` without an appended suffix, or "" when it has none.

    "Göteborgs Stad (official 2)", "Göteborgs Stad - official", "Göteborgs Stad, official" and
    "Göteborgs Stad Official 2" all give the key of "Göteborgs Stad".
    """
    match = _SUFFIX_START.search(name)
    if match and match.start() > 0:
        base = name_key(name[:match.start()])
        if base:
            return base
    tokens = name_key(name).split()
    trimmed = list(tokens)
    while len(trimmed) > 1 and (trimmed[-1] in SUFFIX_WORDS or trimmed[-1].isdigit()):
        trimmed.pop()
    return " ".join(trimmed) if len(trimmed) < len(tokens) else ""


def comparable_keys(*names: str, min_length: int = 3) -> set[str]:
    """Every key under which `names` (a legal and a short name) could be mistaken for another organisation."""
    keys = set()
    for name in names:
        if name:
            keys.update(k for k in (name_key(name), suffix_base_key(name)) if len(k) >= min_length)
    return keys


def host_of(url_or_host: str) -> str:
    """The lower-case host name of a URL (or a bare host), without "www." and the port."""
    text = (url_or_host or "").strip()
    if "//" not in text:
        text = "//" + text
    host = (urlsplit(text).hostname or "").rstrip(".").lower()
    return host[4:] if host.startswith("www.") else host


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().rstrip(".").lower() if "@" in (email or "") else ""


def domain_matches(email: str, website: str) -> bool:
    """Whether the address's domain is the website's host or one of them lies under the other.

    "anna@goteborg.se" matches "https://goteborg.se/" and "https://www.goteborg.se"; an address at
    "kultur.goteborg.se" matches too; "anna@goteborg-stad.com" or a web-mail address does not.
    """
    domain, host = email_domain(email), host_of(website)
    if not domain or not host or "." not in domain or "." not in host:
        return False
    return domain == host or domain.endswith("." + host) or host.endswith("." + domain)
