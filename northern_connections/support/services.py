"""Writes of the support map: measures (create, edit, delete, life cycle, verification) and the Excel import."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, DELETE, can_add, locked_for, require_add
from northern_connections.core.search import index_object
from northern_connections.core.services import model_update
from northern_connections.core.slugs import reserved_segments, unique_slug
from northern_connections.core.workflow import transition_apply
from northern_connections.directory.models import NutsRegion, Organisation

from .choices import PROVIDER_KINDS, GeographicScope
from .models import SupportMeasure
from .permissions import VERIFY
from .workflow import MEASURE_WORKFLOW

MEASURE_M2M = ("areas", "value_chains", "value_chain_steps")
# Only creation, the life cycle and verification set these; a form or the API that sends them is refused.
SET_ELSEWHERE = ("status", "slug", "provider", "last_verified", "verified_by", "is_demo")
MEASURE_FIELDS = tuple(f.name for f in SupportMeasure._meta.concrete_fields
                       if f.name not in SET_ELSEWHERE and not f.primary_key and f.name not in ("created", "updated"))


def area_problems(scope: str, areas: Iterable[NutsRegion]) -> list[str]:
    """Whether the areas fit the geographic scope: regions for a regional measure, one country for a
    national one, two or more countries for a transnational one."""
    areas = list(areas)
    countries = [a for a in areas if a.level == 0]
    if not areas:
        return [_("Give at least one NUTS region or country.")]
    if scope == GeographicScope.REGIONAL and countries:
        return [_("A regional measure is offered in NUTS regions, not in whole countries (%(codes)s): choose "
                  "the national scope instead.") % {"codes": ", ".join(a.code for a in countries)}]
    if scope == GeographicScope.NATIONAL and (len(countries) != 1 or len(areas) != 1):
        return [_("A national measure is offered in exactly one country: give its country code (e.g. DK).")]
    if scope == GeographicScope.TRANSNATIONAL and (len(countries) < 2 or len(countries) != len(areas)):
        return [_("A transnational measure is offered in two or more countries: give their country codes.")]
    return []


def _check_areas(measure: SupportMeasure, fields: dict) -> None:
    areas = fields.get("areas")
    if areas is None and "scope" not in fields:
        return
    problems = area_problems(fields.get("scope", measure.scope),
                             areas if areas is not None else measure.areas.all())
    if problems:
        raise ValidationError({"areas": problems})


def measure_index(measure: SupportMeasure) -> None:
    index_object(measure, measure.search_text(), "en")


def measure_create(*, actor: User, provider: Organisation, is_demo: bool = False, **fields) -> SupportMeasure:
    """A new draft measure of `provider` (a verified organisation of a provider kind that the actor edits)."""
    with transaction.atomic():
        require_add(actor, SupportMeasure, provider=provider)
        if not provider.has_verified_kind(PROVIDER_KINDS):
            raise ValidationError({"provider": _(
                "Only verified public bodies, clusters, knowledge institutions and agencies publish support "
                "measures; “%(name)s” is not (yet) one.") % {"name": provider.name}})
        measure = SupportMeasure(provider=provider, is_demo=is_demo)
        _check_areas(measure, {"scope": fields.get("scope", measure.scope), "areas": fields.get("areas", [])})
        measure.slug = unique_slug(SupportMeasure, fields.get("name", ""),
                                   reserved=reserved_segments("support:measure_detail"), fallback="measure")
        model_update(instance=measure, data=fields, fields=MEASURE_FIELDS, m2m=MEASURE_M2M, index=measure_index)
    return measure


def measure_update(*, actor: User, measure: SupportMeasure, **fields) -> SupportMeasure:
    """Edit a measure of the actor's organisation; an archived measure is a record and stays as it was."""
    with transaction.atomic():
        measure = locked_for(actor, CHANGE, measure)
        if not measure.is_editable:
            raise ValidationError(_("An archived measure cannot be edited."))
        _check_areas(measure, fields)
        model_update(instance=measure, data=fields, fields=MEASURE_FIELDS, m2m=MEASURE_M2M, index=measure_index)
    return measure


def measure_delete(*, actor: User, measure: SupportMeasure) -> None:
    """Delete a draft; a measure that was ever published is archived instead (others may have relied on it)."""
    with transaction.atomic():
        measure = locked_for(actor, DELETE, measure)
        if not measure.is_draft:
            raise ValidationError(_("Only drafts can be deleted; archive a published measure instead."))
        measure.delete()


def measure_transition(*, actor: User, measure: SupportMeasure, to_status: str, note: str = "") -> SupportMeasure:
    """Publish, close, reopen or archive a measure (the moves and their checks are in workflow.py)."""
    return transition_apply(workflow=MEASURE_WORKFLOW, actor=actor, obj=measure, to_status=to_status, comment=note)


def measure_verify(*, actor: User, measure: SupportMeasure) -> SupportMeasure:
    """A coordinator confirms that the measure's information is current: records today's date and who."""
    with transaction.atomic():
        measure = locked_for(actor, VERIFY, measure)
        measure.last_verified = clock.now().date()
        measure.verified_by = actor
        measure.save(update_fields=["last_verified", "verified_by", "updated"])
    return measure


def measures_import(*, actor: User, rows: list[dict]) -> dict[str, int]:
    """Create or update the measures of a parsed Excel sheet (spreadsheets.parse_measures), all or nothing.

    Each row names its provider; a row with a slug updates that measure. A row the actor may not write,
    or that a service refuses, is one line-numbered problem; any problem leaves the database as it was.
    """
    problems, counts = [], {"created": 0, "updated": 0}
    with transaction.atomic():
        for row in rows:
            try:
                counts[_import_row(actor, row)] += 1
            except (ValidationError, PermissionDenied) as error:
                problems.append(_line_problem(row["line"], error))
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ValidationError(problems)
    return counts


def _import_row(actor: User, row: dict) -> str:
    fields = dict(row["fields"])
    if row.get("slug"):
        existing = SupportMeasure.objects.filter(slug=row["slug"]).first()
        if existing is None:
            raise ValidationError(_("no measure has the slug “%(slug)s”") % {"slug": row["slug"]})
        measure_update(actor=actor, measure=existing, **fields)
        return "updated"
    if not can_add(actor, SupportMeasure, provider=row["provider"]):
        raise PermissionDenied(_("you may not add measures of “%(name)s”") % {"name": row["provider"].name})
    measure_create(actor=actor, provider=row["provider"], **fields)
    return "created"


def _line_problem(line: int, error: Exception) -> str:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        text = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    else:
        text = " ".join(getattr(error, "messages", None) or [str(error)])
    return _("line %(line)s: %(problem)s") % {"line": line, "problem": text}
