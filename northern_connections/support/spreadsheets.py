"""Support measures as Excel (openpyxl): the documented template, its parser, and the export.

The template has a sheet "Measures" (one header row, then one measure per row) and a sheet
"Read me" that documents each column and lists the allowed values. The export writes the same
columns, so an exported file can be edited and imported again (rows with a slug update that
measure). The parser checks every row and reports every problem as "line N: column: reason"
(line = the Excel row); the import (services.measures_import) then writes all rows or none.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.batchio import ascii_int, shown
from northern_connections.directory.models import NutsRegion, Organisation, ValueChain, ValueChainStep

from .choices import Eligibility, FundingSource, GeographicScope, MeasureKind, TargetGroup

SHEET = "Measures"
README_SHEET = "Read me"
MAX_ROWS = 5000  # one provider's or one partnership's measures; larger files are split
MAX_FILE_BYTES = 5 * 1024 * 1024
YES, NO = ("yes", "ja", "true", "1", "x"), ("no", "nej", "nei", "false", "0", "")


@dataclass(frozen=True)
class Column:
    """One column of the template: its header, what it holds, and whether a row must fill it."""

    name: str
    help: Any
    required: bool = False
    values: Callable[[], Iterable[str]] | None = None


def _choices(enum) -> Callable[[], list[str]]:
    return lambda: list(enum.values)


COLUMNS = [
    Column("slug", _lazy("Leave empty for a new measure; the slug of an existing measure updates it.")),
    Column("provider", _lazy("The provider's slug on the platform (a verified organisation you edit)."), True),
    Column("name", _lazy("Name of the measure."), True),
    Column("summary_en", _lazy("English summary (required to publish).")),
    Column("description", _lazy("Description in its own language.")),
    Column("description_language", _lazy("ISO 639-1 code of the description's language (default en).")),
    Column("kind", _lazy("Type of measure."), True, _choices(MeasureKind)),
    Column("scope", _lazy("Geographic scope."), True, _choices(GeographicScope)),
    Column("areas", _lazy("NUTS codes separated by commas: regions (DK03) or, for national and transnational "
                          "measures, countries (DK, NO, TL for the United Kingdom)."), True),
    Column("eligibility", _lazy("Who outside its area may apply."), True, _choices(Eligibility)),
    Column("value_chains", _lazy("Value-chain slugs separated by commas; empty: all."),
           values=lambda: ValueChain.objects.values_list("slug", flat=True)),
    Column("value_chain_steps", _lazy("Step slugs separated by commas; empty: all."),
           values=lambda: ValueChainStep.objects.values_list("slug", flat=True)),
    Column("trl_min", _lazy("Lowest TRL (1-9); empty: from the start.")),
    Column("trl_max", _lazy("Highest TRL (1-9); empty: up to the market.")),
    Column("target_groups", _lazy("Target groups separated by commas; empty: everyone."), values=_choices(TargetGroup)),
    Column("budget_eur", _lazy("Budget in euros (whole number).")),
    Column("aid_intensity", _lazy("Aid intensity in per cent (0-100).")),
    Column("funding_source", _lazy("Funding source."), values=_choices(FundingSource)),
    Column("continuous", _lazy("yes if open continuously, else no.")),
    Column("deadline", _lazy("Next deadline as a date (YYYY-MM-DD).")),
    Column("website", _lazy("Web address (https://...).")),
]
HEADERS = [column.name for column in COLUMNS]
# Written by the export for information; ignored by the import.
EXPORT_ONLY = ["status", "last_verified"]


class _Lookups:
    """The vocabularies a sheet refers to, read once per import."""

    def __init__(self):
        self.regions = {r.code: r for r in NutsRegion.objects.only("pk", "code", "level", "country")}
        self.chains = {c.slug: c for c in ValueChain.objects.all()}
        self.steps = {s.slug: s for s in ValueChainStep.objects.all()}
        self.providers: dict[str, Organisation | None] = {}

    def provider(self, slug: str) -> Organisation | None:
        if slug not in self.providers:
            self.providers[slug] = Organisation.objects.filter(slug=slug).first()
        return self.providers[slug]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _codes(value: Any) -> list[str]:
    return [part.strip() for part in _text(value).split(",") if part.strip()]


def _number(value: Any, low: int, high: int) -> int | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        raise ValueError(_("must be a whole number"))
    number = int(value) if isinstance(value, (int, float)) and float(value).is_integer() else ascii_int(_text(value))
    if not low <= number <= high:
        raise ValueError(_("must be between %(low)s and %(high)s") % {"low": low, "high": high})
    return number


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("must be a date written YYYY-MM-DD, not %(value)s") % {"value": shown(text)}) from None


def _yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(_("must be yes or no, not %(value)s") % {"value": shown(text)})


def _choice(value: Any, enum, required: bool) -> str:
    text = _text(value)
    if not text and not required:
        return ""
    if text not in enum.values:
        raise ValueError(_("must be one of %(values)s, not %(value)s") % {
            "values": ", ".join(enum.values), "value": shown(text)})
    return text


def _terms(value: Any, known: dict, what: str) -> list:
    codes = _codes(value)
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValueError(_("unknown %(what)s: %(codes)s") % {"what": what, "codes": ", ".join(map(shown, unknown))})
    return [known[code] for code in dict.fromkeys(codes)]


def _field_parsers(lookups: _Lookups) -> dict[str, Callable[[Any], Any]]:
    return {
        "name": lambda v: _required_text(v, 300),
        "summary_en": lambda v: _text(v),
        "description": lambda v: _text(v),
        "description_language": lambda v: _text(v).lower() or "en",
        "kind": lambda v: _choice(v, MeasureKind, True),
        "scope": lambda v: _choice(v, GeographicScope, True),
        "areas": lambda v: _terms(v, lookups.regions, _("NUTS codes")) or _missing(),
        "eligibility": lambda v: _choice(v, Eligibility, True),
        "value_chains": lambda v: _terms(v, lookups.chains, _("value chains")),
        "value_chain_steps": lambda v: _terms(v, lookups.steps, _("value-chain steps")),
        "trl_min": lambda v: _number(v, 1, 9),
        "trl_max": lambda v: _number(v, 1, 9),
        "target_groups": lambda v: [g.value for g in _terms(v, {g.value: g for g in TargetGroup}, _("target groups"))],
        "budget_eur": lambda v: _number(v, 0, 10**13),
        "aid_intensity": lambda v: _number(v, 0, 100),
        "funding_source": lambda v: _choice(v, FundingSource, False),
        "continuous": _yes_no,
        "deadline": _date,
        "website": lambda v: _text(v),
    }


def _missing():
    raise ValueError(_("is required"))


def _required_text(value: Any, limit: int) -> str:
    text = _text(value)
    if not text:
        _missing()
    if len(text) > limit:
        raise ValueError(_("is longer than %(limit)s characters") % {"limit": limit})
    return text


def _parse_row(line: int, values: dict[str, Any], parsers: dict, lookups: _Lookups) -> tuple[dict, list[str]]:
    problems, fields = [], {}
    slug = _text(values.get("slug"))
    provider = None
    if not slug:
        provider_slug = _text(values.get("provider"))
        provider = lookups.provider(provider_slug) if provider_slug else None
        if provider is None:
            problems.append(_("line %(line)s: provider: no organisation has the slug %(slug)s")
                            % {"line": line, "slug": shown(provider_slug)})
    for name, parse in parsers.items():
        try:
            fields[name] = parse(values.get(name))
        except ValueError as error:
            problems.append(_("line %(line)s: %(column)s: %(reason)s") % {"line": line, "column": name,
                                                                          "reason": error})
    return {"line": line, "slug": slug, "provider": provider, "fields": fields}, problems


def _sheet_rows(data: bytes):
    from openpyxl import load_workbook

    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)})
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from None
    if SHEET not in book.sheetnames:
        raise ValidationError(_("The workbook has no sheet named “%(sheet)s”: start from the template.")
                              % {"sheet": SHEET})
    return book[SHEET].iter_rows(values_only=True)


def parse_measures(data: bytes) -> list[dict]:
    """The rows of a filled-in template, checked; every problem at once as a ValidationError (one per line)."""
    rows = _sheet_rows(data)
    header = [_text(cell) for cell in next(rows, ())]
    missing = [name for name in HEADERS if name not in header]
    if missing:
        raise ValidationError(_("line 1: missing columns: %(columns)s (start from the template)")
                              % {"columns": ", ".join(missing)})
    lookups = _Lookups()
    parsers = _field_parsers(lookups)
    parsed, problems = [], []
    for line, cells in enumerate(rows, start=2):
        values = dict(zip(header, cells, strict=False))
        if all(_text(v) == "" for v in values.values()):
            continue
        if len(parsed) >= MAX_ROWS:
            problems.append(_("line %(line)s: more than %(max)s measures in one file") % {"line": line,
                                                                                          "max": MAX_ROWS})
            break
        row, row_problems = _parse_row(line, values, parsers, lookups)
        parsed.append(row)
        problems.extend(row_problems)
    if problems:
        raise ValidationError(problems)
    if not parsed:
        raise ValidationError(_("The sheet “%(sheet)s” has no measures.") % {"sheet": SHEET})
    return parsed


def _workbook_bytes(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _readme(book) -> None:
    sheet = book.create_sheet(README_SHEET)
    sheet.append([_("Column"), _("Required"), _("What it holds"), _("Allowed values")])
    for column in COLUMNS:
        values = ", ".join(column.values()) if column.values else ""
        sheet.append([column.name, _("yes") if column.required else "", str(column.help), values])
    sheet.append([])
    sheet.append([_("Fill in the sheet “%(sheet)s”, one measure per row, and import it: every row is checked "
                    "first, and nothing is saved unless every row is correct.") % {"sheet": SHEET}])
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["C"].width = 70


def template_workbook() -> bytes:
    """The empty template: the header row, and the documentation of each column."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    _readme(book)
    return _workbook_bytes(book)


def _export_row(measure) -> list:
    def codes(manager, attribute):
        return ", ".join(getattr(item, attribute) for item in manager.all())

    return [measure.slug, measure.provider.slug, measure.name, measure.summary_en, measure.description,
            measure.description_language, measure.kind, measure.scope, codes(measure.areas, "code"),
            measure.eligibility, codes(measure.value_chains, "slug"), codes(measure.value_chain_steps, "slug"),
            measure.trl_min, measure.trl_max, ", ".join(measure.target_groups), measure.budget_eur,
            measure.aid_intensity, measure.funding_source, "yes" if measure.continuous else "no", measure.deadline,
            measure.website, measure.status, measure.last_verified]


def measures_workbook(measures: Iterable) -> bytes:
    """Measures in the template's shape (plus their status and last verification, ignored on import)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(HEADERS + EXPORT_ONLY)
    for measure in measures:
        sheet.append(_export_row(measure))
    _readme(book)
    return _workbook_bytes(book)
